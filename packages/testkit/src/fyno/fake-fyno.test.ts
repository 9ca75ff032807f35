import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startFakeFyno } from './fake-fyno';
import { sampleFakeFynoEvents } from './fake-fyno-events';
import type { FakeFyno } from './fake-fyno-handle';

// The fake's fidelity to FYNO_API.md, checked with plain fetch (not our client), so a
// mistake shared by the client and the fake cannot hide here.

let fake: FakeFyno;

beforeAll(async () => {
  fake = await startFakeFyno({ events: sampleFakeFynoEvents });
});
afterAll(async () => {
  await fake.close();
});
afterEach(() => {
  fake.reset();
});

interface Call {
  path?: string;
  body?: unknown;
  raw?: string;
  key?: string;
  auth?: string | null;
  version?: string;
  wsid?: string;
}

async function call(endpoint: 'event' | 'event/bulk', options: Call = {}) {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  const auth = options.auth === undefined ? `Bearer ${fake.apiKey}` : options.auth;
  if (auth !== null) headers.authorization = auth;
  if (options.key) headers['idempotency-key'] = options.key;
  const url = `${fake.baseUrl}/${options.wsid ?? fake.workspaceId}/${options.version ?? 'live'}/${endpoint}`;
  const res = await fetch(url, {
    method: 'POST',
    headers,
    body: options.raw ?? JSON.stringify(options.body),
  });
  const text = await res.text();
  return {
    status: res.status,
    headers: res.headers,
    text,
    json: JSON.parse(text) as Record<string, unknown>,
  };
}

describe('fire one event', () => {
  it('answers 202 with the documented shape, one entry per channel dispatched', async () => {
    const before = Date.now();
    const res = await call('event', {
      body: {
        event: 'welcome',
        to: { email: 'ann@example.com', push: 'fcm_token:abc' },
        data: { first_name: 'Ann' },
      },
    });
    expect(res.status).toBe(202);
    const body = res.json as {
      event: string;
      received_time: string;
      request_id: string;
      response: Record<string, { destination: string; msg_id: string; status: string }>;
    };
    expect(body.event).toBe('welcome');
    expect(body.received_time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(Date.parse(body.received_time)).toBeGreaterThanOrEqual(before);
    expect(body.request_id).toEqual(expect.any(String));
    // "welcome" goes by email and sms: the push token is not a channel of this event.
    expect(Object.keys(body.response)).toEqual(['email']);
    expect(body.response.email).toEqual({
      destination: 'ann@example.com',
      msg_id: expect.any(String),
      status: 'ok',
    });

    const [record] = fake.received();
    expect(record).toMatchObject({
      event: 'welcome',
      endpoint: 'event',
      version: 'live',
      requestId: body.request_id,
      seq: null,
      dispatched: { email: 'ann@example.com' },
      data: { first_name: 'Ann' },
    });
    expect(fake.countDeliveries({ event: 'welcome', destination: 'ann@example.com' })).toBe(1);
  });

  it('accepts a distinct_id without "to" and records it with no channel dispatched', async () => {
    const res = await call('event', { body: { event: 'welcome', distinct_id: 'user-7' } });
    expect(res.status).toBe(202);
    expect(res.json.response).toEqual({});
    expect(fake.received()).toMatchObject([{ distinctId: 'user-7', dispatched: {} }]);
  });
});

describe('fire a batch', () => {
  it('answers 202 with epoch-millisecond received_time and 1-based seq in batch order', async () => {
    const before = Date.now();
    const res = await call('event/bulk', {
      body: {
        event: 'otp',
        batch: [
          { to: { sms: '+15550000001' }, data: { otp: '1111' } },
          { to: { whatsapp: '+15550000002', email: 'x@example.com' } },
          { to: { sms: '+15550000003', whatsapp: '+15550000003' } },
        ],
      },
    });
    expect(res.status).toBe(202);
    const body = res.json as {
      event: string;
      received_time: number;
      response: Array<Record<string, unknown>>;
    };
    expect(body.event).toBe('otp');
    expect(typeof body.received_time).toBe('number');
    expect(body.received_time).toBeGreaterThanOrEqual(before);
    expect(body.received_time).toBeLessThanOrEqual(Date.now());
    expect(body.response.map((item) => item.seq)).toEqual([1, 2, 3]);
    expect(body.response[0]).toEqual({
      request_id: expect.any(String),
      seq: 1,
      sms: { destination: '+15550000001', msg_id: expect.any(String), status: 'ok' },
    });
    // otp goes by sms and whatsapp only.
    expect(Object.keys(body.response[1] ?? {}).sort()).toEqual(['request_id', 'seq', 'whatsapp']);
    expect(Object.keys(body.response[2] ?? {}).sort()).toEqual(['request_id', 'seq', 'sms', 'whatsapp']);
    expect(fake.received().map((r) => r.seq)).toEqual([1, 2, 3]);
    expect(fake.countDeliveries({ event: 'otp' })).toBe(4);
    expect(fake.countDeliveries({ destination: '+15550000003' })).toBe(2);
    expect(fake.countDeliveries({ channel: 'sms' })).toBe(2);
  });

  it('refuses a batch item with neither "to" nor "distinct_id", recording nothing', async () => {
    const res = await call('event/bulk', {
      body: { event: 'otp', batch: [{ to: { sms: '+1555' } }, { data: {} }] },
    });
    expect(res.status).toBe(400);
    expect(res.json).toEqual({ status: 'error', _message: expect.stringContaining('batch[1]') });
    expect(fake.stats().recipients).toBe(0);
  });
});

describe('authentication', () => {
  it.each<[string, () => Call]>([
    ['a wrong API key', () => ({ auth: 'Bearer wrong' })],
    ['no Authorization header', () => ({ auth: null })],
    ['the key without "Bearer"', () => ({ auth: fake.apiKey })],
    ['another workspace ID', () => ({ wsid: 'FYOTHER99' })],
  ])('answers 401 "Invalid API details" for %s', async (_label, options) => {
    for (const endpoint of ['event', 'event/bulk'] as const) {
      const res = await call(endpoint, {
        ...options(),
        body: { event: 'welcome', to: { email: 'a@example.com' }, batch: [] },
      });
      expect(res.status).toBe(401);
      expect(res.json).toEqual({ status: 'error', _message: 'Invalid API details' });
    }
    expect(fake.received()).toEqual([]);
  });
});

describe('unknown events', () => {
  it('answers 400 naming prod for live and test for test', async () => {
    const live = await call('event', { body: { event: 'nope', to: { email: 'a@example.com' } } });
    expect(live.status).toBe(400);
    expect(live.json).toEqual({
      status: 'error',
      _message: "The notification event name 'nope' is invalid or does not exists on prod",
    });
    const test = await call('event/bulk', {
      version: 'test',
      body: { event: 'nope', batch: [{ to: { email: 'a@example.com' } }] },
    });
    expect(test.status).toBe(400);
    expect(test.json._message).toBe(
      "The notification event name 'nope' is invalid or does not exists on test",
    );
  });

  it('knows an event only in the versions it exists in', async () => {
    const body = { event: 'beta_feature', to: { email: 'a@example.com' } };
    expect((await call('event', { body })).status).toBe(400);
    expect((await call('event', { body, version: 'test' })).status).toBe(202);
    expect(fake.received()).toMatchObject([{ version: 'test' }]);
  });

  it('answers 400 for a body that is not JSON', async () => {
    const res = await call('event', { raw: '{"event": ' });
    expect(res.status).toBe(400);
    expect(res.json.status).toBe('error');
  });
});

describe('idempotency', () => {
  it('answers a repeated key with the first reply and records nothing new, even with another body', async () => {
    const first = await call('event/bulk', {
      key: 'run-1:batch-1',
      body: {
        event: 'welcome',
        batch: [{ to: { email: 'a@example.com' } }, { to: { email: 'b@example.com' } }],
      },
    });
    const repeat = await call('event/bulk', {
      key: 'run-1:batch-1',
      body: { event: 'otp', batch: [{ to: { sms: '+15550000009' } }] },
    });
    expect(repeat.status).toBe(202);
    expect(repeat.text).toBe(first.text);
    expect(fake.stats()).toMatchObject({ recipients: 2, accepted: 1, replays: 1 });
    expect(fake.countDeliveries({ destination: '+15550000009' })).toBe(0);

    const other = await call('event/bulk', {
      key: 'run-1:batch-2',
      body: { event: 'welcome', batch: [{ to: { email: 'a@example.com' } }] },
    });
    expect(other.text).not.toBe(first.text);
    expect(fake.countDeliveries({ destination: 'a@example.com' })).toBe(2);
  });

  it('does not remember a refused request, so it can be sent again once fixed', async () => {
    const refused = await call('event', {
      key: 'k-1',
      body: { event: 'later', to: { email: 'a@example.com' } },
    });
    expect(refused.status).toBe(400);
    fake.setEvents([{ name: 'later', channels: ['email'] }]);
    const accepted = await call('event', {
      key: 'k-1',
      body: { event: 'later', to: { email: 'a@example.com' } },
    });
    expect(accepted.status).toBe(202);
  });

  it('replays only to the right credentials', async () => {
    await call('event', { key: 'k-2', body: { event: 'welcome', to: { email: 'a@example.com' } } });
    const res = await call('event', { key: 'k-2', auth: 'Bearer wrong', body: {} });
    expect(res.status).toBe(401);
  });
});

describe('request size', () => {
  it('answers 413 to a body over 10 MiB and accepts one just under', async () => {
    const item = { to: { email: 'big@example.com' }, data: { blob: 'x'.repeat(1_000_000) } };
    const over = await call('event/bulk', {
      body: { event: 'welcome', batch: Array.from({ length: 11 }, () => item) },
    });
    expect(over.status).toBe(413);
    expect(over.json.status).toBe('error');
    expect(fake.stats().recipients).toBe(0);
    const under = await call('event/bulk', {
      body: { event: 'welcome', batch: Array.from({ length: 10 }, () => item) },
    });
    expect(under.status).toBe(202);
    expect(fake.stats().recipients).toBe(10);
    expect(fake.requests().map((r) => r.outcome)).toEqual([413, 202]);
  });
});

describe('paths and methods', () => {
  it('answers 404 for an unknown version or path and 405 for GET', async () => {
    expect((await call('event', { version: 'staging', body: {} })).status).toBe(404);
    expect((await fetch(`${fake.baseUrl}/${fake.workspaceId}/live/events`, { method: 'POST' })).status).toBe(
      404,
    );
    const get = await fetch(`${fake.baseUrl}/${fake.workspaceId}/live/event`);
    expect(get.status).toBe(405);
    expect(get.headers.get('allow')).toBe('POST');
  });
});

describe('fault injection', () => {
  const body = { event: 'welcome', to: { email: 'a@example.com' } };

  it('answers 429 with Retry-After in seconds or as an HTTP date', async () => {
    fake.setFaults({ next: ['429'], retryAfterSeconds: 3 });
    const seconds = await call('event', { body });
    expect(seconds.status).toBe(429);
    expect(seconds.headers.get('retry-after')).toBe('3');
    expect(seconds.json.status).toBe('error');

    fake.setFaults({ next: ['429'], retryAfterSeconds: 30, retryAfterFormat: 'http-date' });
    const date = await call('event', { body });
    const until = Date.parse(date.headers.get('retry-after') ?? '');
    expect(until - Date.now()).toBeGreaterThan(28_000);
    expect(until - Date.now()).toBeLessThanOrEqual(30_000);
    expect(fake.stats().recipients).toBe(0);
  });

  it('answers 500 and records nothing', async () => {
    fake.setFaults({ next: ['500'] });
    expect((await call('event', { body })).status).toBe(500);
    expect((await call('event', { body })).status).toBe(202);
    expect(fake.stats()).toMatchObject({ recipients: 1, faults: { serverError: 1 } });
  });

  it('drops the connection before processing, or after accepting', async () => {
    fake.setFaults({ next: ['drop', 'drop-after-accept'] });
    await expect(call('event', { body, key: 'd1' })).rejects.toThrow();
    expect(fake.stats().recipients).toBe(0);
    await expect(call('event', { body, key: 'd2' })).rejects.toThrow();
    expect(fake.stats().recipients).toBe(1);
    // The retry of the accepted one gets the first reply and is not delivered twice.
    const retry = await call('event', { body, key: 'd2' });
    expect(retry.status).toBe(202);
    expect(fake.countDeliveries({ destination: 'a@example.com' })).toBe(1);
    expect(fake.requests().map((r) => r.outcome)).toEqual(['dropped', 'dropped', 202]);
  });

  it('delays every reply by a fixed latency, and some by more', async () => {
    fake.setFaults({ latencyMs: 40 });
    const started = performance.now();
    await call('event', { body });
    expect(performance.now() - started).toBeGreaterThanOrEqual(38);

    fake.setFaults({ slowRate: 1, slowMs: 150 });
    const slowStart = performance.now();
    await call('event', { body });
    expect(performance.now() - slowStart).toBeGreaterThanOrEqual(148);
    expect(fake.stats().faults.slow).toBe(1);
  });

  it('does not count a slow request in the ledger of a reset that happened meanwhile', async () => {
    fake.setFaults({ latencyMs: 200 });
    const pending = call('event', { body });
    await new Promise((resolve) => setTimeout(resolve, 50));
    fake.reset();
    expect((await pending).status).toBe(202);
    expect(fake.requests()).toEqual([]);
    expect(fake.stats()).toMatchObject({ requests: 0, recipients: 0 });
  });

  it('injects faults at the chosen rate, the same way for the same seed', async () => {
    const outcomes = async () => {
      fake.reset();
      fake.setFaults({ rateLimitRate: 0.2, serverErrorRate: 0.2, seed: 42 });
      const statuses: number[] = [];
      for (let i = 0; i < 200; i++) statuses.push((await call('event', { body })).status);
      return statuses;
    };
    const first = await outcomes();
    const faulty = first.filter((s) => s !== 202).length;
    expect(faulty).toBeGreaterThan(50);
    expect(faulty).toBeLessThan(110);
    expect(first.filter((s) => s === 429).length).toBeGreaterThan(20);
    expect(first.filter((s) => s === 500).length).toBeGreaterThan(20);
    expect(await outcomes()).toEqual(first);
  });
});

describe('test routes under /__fake/', () => {
  const admin = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${fake.origin}/__fake/${path}`, {
      method,
      ...(body === undefined
        ? {}
        : { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }),
    });
    return { status: res.status, json: (await res.json()) as unknown };
  };

  it('seeds events, lists what was received, counts deliveries, sets faults and resets', async () => {
    const seeded = await admin('POST', 'events', [
      { name: 'signup', channels: ['email'], placeholders: ['name'] },
    ]);
    expect(seeded.status).toBe(200);
    expect(fake.events().map((e) => e.name)).toContain('signup');

    await call('event/bulk', {
      body: {
        event: 'signup',
        batch: [{ to: { email: 'a@example.com' } }, { to: { email: 'a@example.com' } }],
      },
    });
    const received = await admin('GET', 'received?event=signup&limit=1');
    expect(received.json).toMatchObject({ total: 2, offset: 0, items: [{ event: 'signup', seq: 1 }] });
    const deliveries = await admin('GET', 'deliveries?event=signup');
    expect(deliveries.json).toMatchObject({ total: 2, duplicates: ['email:a@example.com'] });
    expect(fake.duplicates()).toEqual(['email:a@example.com']);

    expect((await admin('PUT', 'faults', { serverErrorRate: 2 })).status).toBe(400);
    expect((await admin('PUT', 'faults', { next: ['500'] })).status).toBe(200);
    expect((await call('event', { body: { event: 'signup', to: { email: 'b@example.com' } } })).status).toBe(
      500,
    );

    const stats = await admin('GET', 'stats');
    expect(stats.json).toMatchObject({ requests: 2, recipients: 2, outcomes: { '202': 1, '500': 1 } });
    expect((await admin('GET', 'requests')).json).toHaveLength(2);

    expect((await admin('POST', 'reset')).status).toBe(200);
    expect(fake.received()).toEqual([]);
    expect(fake.events().map((e) => e.name)).toContain('signup');

    // PUT replaces the whole set.
    await admin('PUT', 'events', [{ name: 'only', channels: ['sms'] }]);
    expect(fake.events().map((e) => e.name)).toEqual(['only']);
    expect((await admin('POST', 'events', { name: '' })).status).toBe(400);
    expect((await admin('GET', 'nothing-here')).status).toBe(404);
    fake.setEvents(sampleFakeFynoEvents, { replace: true });
  });
});

it('keeps only counts when asked, for very large runs', async () => {
  const small = await startFakeFyno({
    events: sampleFakeFynoEvents,
    keep: 'counts',
    apiKey: 'k',
    maxBodyBytes: 1_000,
  });
  try {
    const url = `${small.baseUrl}/${small.workspaceId}/live/event/bulk`;
    const headers = { authorization: 'Bearer k' };
    const ok = await fetch(url, {
      method: 'POST',
      headers,
      body: JSON.stringify({ event: 'welcome', batch: [{ to: { email: 'a@example.com' } }] }),
    });
    expect(ok.status).toBe(202);
    expect(small.received()).toEqual([]);
    expect(small.countDeliveries({ event: 'welcome' })).toBe(1);
    const tooBig = await fetch(url, {
      method: 'POST',
      headers,
      body: JSON.stringify({
        event: 'welcome',
        batch: [{ to: { email: 'a@example.com' }, data: { x: 'y'.repeat(1_000) } }],
      }),
    });
    expect(tooBig.status).toBe(413);
  } finally {
    await small.close();
  }
});
