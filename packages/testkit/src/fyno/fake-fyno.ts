import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { handleAdminRoute } from './fake-fyno-admin';
import { FakeFynoApi, fynoError, type ApiReply } from './fake-fyno-api';
import { parseFakeEvents } from './fake-fyno-events';
import { FaultPicker } from './fake-fyno-faults';
import type { FakeFyno, FakeFynoOptions } from './fake-fyno-handle';
import { FakeFynoLedger, type FakeFynoRequest } from './fake-fyno-ledger';
import { readBody } from './read-body';

const apiPath = /^\/v1\/([^/]+)\/([^/]+)\/event(\/bulk)?\/?$/;

/**
 * Starts a fake Fyno Cloud: Fyno's single and bulk event endpoints under `/v1` as
 * FYNO_API.md describes them, with fault injection, and test-only routes under `/__fake/`.
 */
export async function startFakeFyno(options: FakeFynoOptions = {}): Promise<FakeFyno> {
  const workspaceId = options.workspaceId ?? 'FYFAKE0001';
  const apiKey = options.apiKey ?? `fake_${randomBytes(12).toString('hex')}`;
  const maxBodyBytes = options.maxBodyBytes ?? 10 * 1024 * 1024;
  const ledger = new FakeFynoLedger(options.keep ?? 'all');
  const api = new FakeFynoApi(
    { workspaceId, apiKey },
    ledger,
    options.idempotencyTtlMs ?? 24 * 3600_000,
    options.onReceive,
  );
  api.setEvents(parseFakeEvents(options.events ?? []), true);
  const picker = new FaultPicker();
  picker.set(options.faults ?? {});

  // A request still in flight when a test resets the fake (a slow reply the client gave up
  // on) must not count in the fresh ledger, so each request remembers the generation it began in.
  let generation = 0;

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const began = generation;
    const url = new URL(req.url ?? '/', 'http://fake');
    if (url.pathname.startsWith('/__fake/') || url.pathname === '/__fake') {
      const body = await readBody(req, maxBodyBytes);
      return handleAdminRoute(req.method ?? 'GET', url, body.text, res, fake);
    }
    const match = apiPath.exec(url.pathname);
    if (!match) return send(res, fynoError(404, 'Not Found'));
    if (req.method !== 'POST') {
      res.setHeader('allow', 'POST');
      return send(res, fynoError(405, 'Method Not Allowed'));
    }
    const [, wsid = '', version = '', bulk] = match;
    const endpoint = bulk ? 'bulk' : 'event';
    const idempotencyKey = header(req, 'idempotency-key');
    const body = await readBody(req, maxBodyBytes);
    const log = (outcome: FakeFynoRequest['outcome'], note?: FakeFynoRequest['note']) => {
      if (began !== generation) return;
      ledger.logRequest({
        at: Date.now(),
        endpoint,
        idempotencyKey,
        bytes: body.bytes,
        outcome,
        ...(note ? { note } : {}),
      });
    };

    if (body.tooLarge) {
      log(413);
      return send(res, fynoError(413, 'Request Entity Too Large'));
    }
    if (version !== 'live' && version !== 'test') {
      log(404);
      return send(res, fynoError(404, 'Not Found'));
    }

    const decision = picker.pick();
    if (decision.slow) ledger.stats.faults.slow++;
    if (decision.fault === 'drop') {
      ledger.stats.faults.dropped++;
      log('dropped', 'fault');
      req.socket.destroy();
      return;
    }
    let reply: ApiReply;
    let note: FakeFynoRequest['note'];
    if (decision.fault === '429') {
      ledger.stats.faults.rateLimited++;
      res.setHeader('retry-after', picker.retryAfterHeader());
      reply = fynoError(429, 'Too Many Requests');
      note = 'fault';
    } else if (decision.fault === '500' || decision.fault === '502' || decision.fault === '503') {
      ledger.stats.faults.serverError++;
      reply = fynoError(Number(decision.fault), 'Internal Server Error');
      note = 'fault';
    } else {
      reply = api.handle({
        workspaceId: decodeURIComponent(wsid),
        version,
        endpoint,
        authorization: header(req, 'authorization') ?? undefined,
        idempotencyKey,
        body: body.text,
      });
      if (reply.replay) note = 'replay';
    }
    if (decision.delayMs > 0) await sleep(decision.delayMs);
    if (decision.fault === 'drop-after-accept') {
      if (began === generation) ledger.stats.faults.droppedAfterAccept++;
      log('dropped', 'dropped-after-accept');
      req.socket.destroy();
      return;
    }
    log(reply.status, note);
    send(res, reply);
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) send(res, fynoError(500, `Fake Fyno failed: ${String(error)}`));
      else res.destroy();
    });
  });
  server.on('connection', () => ledger.stats.connections++);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const origin = `http://${host}:${address.port}`;

  const fake: FakeFyno = {
    baseUrl: `${origin}/v1`,
    origin,
    port: address.port,
    workspaceId,
    apiKey,
    clientOptions: () => ({ workspaceId, apiKey, apiBase: `${origin}/v1` }),
    received: (filter) => ledger.received(filter),
    countDeliveries: (filter) => ledger.countDeliveries(filter),
    deliveryCounts: (filter) => ledger.deliveryCounts(filter),
    duplicates: (filter) =>
      [...ledger.deliveryCounts(filter)].filter(([, count]) => count > 1).map(([label]) => label),
    requests: () => ledger.requests(),
    stats: () => structuredClone(ledger.stats),
    setFaults: (faults) => picker.set(faults),
    faults: () => picker.get(),
    setEvents: (events, setOptions) => api.setEvents(parseFakeEvents(events), setOptions?.replace ?? false),
    events: () => api.listEvents(),
    reset: () => {
      generation++;
      ledger.reset();
      api.forgetIdempotencyKeys();
      picker.set({});
    },
    close: async () => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
    },
  };
  return fake;
}

function header(req: IncomingMessage, name: string): string | null {
  const value = req.headers[name];
  return (Array.isArray(value) ? value[0] : value) ?? null;
}

function send(res: ServerResponse, reply: Pick<ApiReply, 'status' | 'text'>): void {
  res.statusCode = reply.status;
  res.setHeader('content-type', 'application/json; charset=utf-8');
  res.setHeader('content-length', Buffer.byteLength(reply.text));
  res.end(reply.text);
}
