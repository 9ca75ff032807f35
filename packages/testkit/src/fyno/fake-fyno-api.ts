import { randomBytes, randomUUID } from 'node:crypto';
import type { FakeFynoEvent, FakeFynoVersion } from './fake-fyno-events';
import type { FakeFynoLedger, FakeFynoReceived } from './fake-fyno-ledger';

/** A reply of Fyno's API, as the fake will send it. */
export interface ApiReply {
  status: number;
  /** The reply body, serialized (kept as text so stored replies stay small). */
  text: string;
  /** True when this reply came from the idempotency store. */
  replay?: boolean;
}

export interface ApiRequest {
  workspaceId: string;
  version: FakeFynoVersion;
  endpoint: 'event' | 'bulk';
  authorization: string | undefined;
  idempotencyKey: string | null;
  body: string;
}

interface Recipient {
  to?: unknown;
  distinct_id?: unknown;
  data?: unknown;
  callback?: unknown;
}

/**
 * Fyno's two event endpoints, as FYNO_API.md describes them: bearer auth (401 "Invalid API
 * details"), 400 for an unknown event naming `prod` or `test`, 202 with the documented
 * shapes, and `Idempotency-Key` honoured: a repeat returns the first reply and records
 * nothing, even with a different body.
 */
export class FakeFynoApi {
  private readonly events = new Map<string, FakeFynoEvent>();
  private idempotency = new Map<string, { status: number; text: string; expiresAt: number }>();

  constructor(
    private readonly credentials: { workspaceId: string; apiKey: string },
    private readonly ledger: FakeFynoLedger,
    private readonly idempotencyTtlMs: number,
    private readonly onReceive: ((records: FakeFynoReceived[]) => void) | undefined,
  ) {}

  setEvents(events: FakeFynoEvent[], replace: boolean): void {
    if (replace) this.events.clear();
    for (const event of events) this.events.set(event.name, event);
  }

  listEvents(): FakeFynoEvent[] {
    return [...this.events.values()];
  }

  forgetIdempotencyKeys(): void {
    this.idempotency = new Map();
  }

  handle(request: ApiRequest): ApiReply {
    const expected = `Bearer ${this.credentials.apiKey}`;
    if (request.workspaceId !== this.credentials.workspaceId || request.authorization !== expected) {
      return fynoError(401, 'Invalid API details');
    }

    const now = Date.now();
    const storeKey =
      request.idempotencyKey === null ? null : `${request.workspaceId}\u0000${request.idempotencyKey}`;
    if (storeKey !== null) {
      const stored = this.idempotency.get(storeKey);
      if (stored && stored.expiresAt > now) {
        this.ledger.stats.replays++;
        return { status: stored.status, text: stored.text, replay: true };
      }
    }

    let body: unknown;
    try {
      body = JSON.parse(request.body);
    } catch {
      return fynoError(400, 'Invalid JSON in request body');
    }
    const reply =
      request.endpoint === 'event' ? this.fireEvent(request, body, now) : this.fireBatch(request, body, now);
    // Only accepted requests are remembered: a refused one may be sent again once fixed.
    if (storeKey !== null && reply.status === 202) {
      this.forgetExpired(now);
      this.idempotency.set(storeKey, {
        status: reply.status,
        text: reply.text,
        expiresAt: now + this.idempotencyTtlMs,
      });
    }
    return reply;
  }

  /** Keys are stored in arrival order with one TTL, so the expired ones are at the front. */
  private forgetExpired(now: number): void {
    for (const [key, stored] of this.idempotency) {
      if (stored.expiresAt > now) break;
      this.idempotency.delete(key);
    }
  }

  private fireEvent(request: ApiRequest, body: unknown, now: number): ApiReply {
    if (!isObject(body)) return fynoError(400, 'Request body must be a JSON object');
    const known = this.knownEvent(body.event, request.version);
    if ('status' in known) return known;
    const problem = recipientProblem(body);
    if (problem) return fynoError(400, problem);

    const requestId = randomUUID();
    const dispatched = dispatch(known.event, body.to);
    this.accept([toRecord(request, known.event.name, requestId, null, body, dispatched, now)]);
    return json(202, {
      event: known.event.name,
      received_time: new Date(now).toISOString(),
      request_id: requestId,
      response: channelResults(dispatched),
    });
  }

  private fireBatch(request: ApiRequest, body: unknown, now: number): ApiReply {
    if (!isObject(body)) return fynoError(400, 'Request body must be a JSON object');
    const known = this.knownEvent(body.event, request.version);
    if ('status' in known) return known;
    if (!Array.isArray(body.batch) || body.batch.length === 0) {
      return fynoError(400, "'batch' must be a non-empty array");
    }
    const batch = body.batch as unknown[];
    for (const [i, item] of batch.entries()) {
      if (!isObject(item)) return fynoError(400, `batch[${i}] must be an object`);
      const problem = recipientProblem(item);
      if (problem) return fynoError(400, `batch[${i}]: ${problem}`);
    }

    const records: Array<Omit<FakeFynoReceived, 'n'>> = [];
    const response = (batch as Recipient[]).map((item, i) => {
      const requestId = randomUUID();
      const dispatched = dispatch(known.event, item.to);
      records.push(toRecord(request, known.event.name, requestId, i + 1, item, dispatched, now));
      return { request_id: requestId, seq: i + 1, ...channelResults(dispatched) };
    });
    this.accept(records);
    return json(202, { event: known.event.name, received_time: now, response });
  }

  private knownEvent(name: unknown, version: FakeFynoVersion): { event: FakeFynoEvent } | ApiReply {
    if (typeof name !== 'string' || name === '') return fynoError(400, "'event' is required");
    const event = this.events.get(name);
    if (!event || !(event.versions ?? ['live', 'test']).includes(version)) {
      // Fyno calls the live version "prod" in this message.
      const where = version === 'live' ? 'prod' : 'test';
      return fynoError(
        400,
        `The notification event name '${name}' is invalid or does not exists on ${where}`,
      );
    }
    return { event };
  }

  private accept(records: Array<Omit<FakeFynoReceived, 'n'>>): void {
    this.ledger.stats.accepted++;
    const stored = this.ledger.record(records);
    this.onReceive?.(stored);
  }
}

function json(status: number, body: unknown): ApiReply {
  return { status, text: JSON.stringify(body) };
}

/** Fyno's error shape: `{ "status": "error", "_message": "..." }`. */
export function fynoError(status: number, message: string): ApiReply {
  return json(status, { status: 'error', _message: message });
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function recipientProblem(item: Record<string, unknown>): string | undefined {
  const to = item.to;
  if (to !== undefined && (!isObject(to) || !Object.values(to).every((v) => typeof v === 'string'))) {
    return "'to' must be an object of strings";
  }
  const hasTo = isObject(to) && Object.keys(to).length > 0;
  const hasDistinctId = typeof item.distinct_id === 'string' && item.distinct_id !== '';
  if (!hasTo && !hasDistinctId) return "Either 'to' or 'distinct_id' is required";
  if (item.data !== undefined && !isObject(item.data)) return "'data' must be an object";
  if (
    item.callback !== undefined &&
    (!isObject(item.callback) || typeof item.callback.custom_id !== 'string')
  ) {
    return "'callback.custom_id' is required";
  }
  return undefined;
}

/** The event's channels that this recipient has a destination for. */
function dispatch(event: FakeFynoEvent, to: unknown): Record<string, string> {
  const dispatched: Record<string, string> = {};
  if (!isObject(to)) return dispatched;
  for (const channel of event.channels) {
    const destination = to[channel];
    if (typeof destination === 'string' && destination !== '') dispatched[channel] = destination;
  }
  return dispatched;
}

function channelResults(
  dispatched: Record<string, string>,
): Record<string, { destination: string; msg_id: string; status: 'ok' }> {
  const results: Record<string, { destination: string; msg_id: string; status: 'ok' }> = {};
  for (const [channel, destination] of Object.entries(dispatched)) {
    results[channel] = { destination, msg_id: randomBytes(12).toString('hex'), status: 'ok' };
  }
  return results;
}

function toRecord(
  request: ApiRequest,
  event: string,
  requestId: string,
  seq: number | null,
  item: Recipient,
  dispatched: Record<string, string>,
  now: number,
): Omit<FakeFynoReceived, 'n'> {
  return {
    event,
    version: request.version,
    endpoint: request.endpoint,
    requestId,
    idempotencyKey: request.idempotencyKey,
    seq,
    to: isObject(item.to) ? (item.to as Record<string, string>) : {},
    distinctId: typeof item.distinct_id === 'string' ? item.distinct_id : null,
    data: isObject(item.data) ? item.data : {},
    callback: isObject(item.callback) ? item.callback : null,
    dispatched,
    receivedAt: now,
  };
}
