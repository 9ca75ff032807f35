import { inspect } from 'node:util';
import { AppError } from '@connect/core';
import { type FakeFyno, sampleFakeFynoEvents, startFakeFyno } from '@connect/testkit';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createFynoClient, type FynoClient } from './fyno-client';
import type { FynoClientOptions } from './fyno-options';
import {
  FynoAuthError,
  FynoNetworkError,
  FynoRateLimitError,
  FynoServerError,
  FynoTimeoutError,
  FynoUnknownEventError,
} from './fyno-errors';
import type { FynoRetryInfo } from './with-retries';

// The real client against the real fake, over HTTP.

let fake: FakeFyno;
const clients: FynoClient[] = [];

beforeAll(async () => {
  fake = await startFakeFyno({ events: sampleFakeFynoEvents });
});
afterEach(async () => {
  fake.reset();
  await Promise.all(clients.splice(0).map((c) => c.close()));
});
afterAll(async () => {
  await fake.close();
});

/** A client for the fake with quick retries, so tests of retry behaviour stay fast. */
function client(options: Partial<FynoClientOptions> = {}): FynoClient {
  const created = createFynoClient({
    ...fake.clientOptions(),
    retry: { baseDelayMs: 10, maxDelayMs: 50, ...options.retry },
    ...options,
  });
  clients.push(created);
  return created;
}

const welcome = {
  event: 'welcome',
  to: { email: 'ann@example.com', sms: '+15551230000' },
  data: { first_name: 'Ann' },
};

async function rejection(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected the call to fail');
}

describe('fireEvent', () => {
  it("returns Fyno's 202 reply, sending the idempotency key given", async () => {
    const result = await client().fireEvent(welcome, { idempotencyKey: 'run-1:test' });
    expect(result.attempts).toBe(1);
    expect(result.idempotencyKey).toBe('run-1:test');
    expect(result.reply.event).toBe('welcome');
    expect(Date.parse(result.reply.received_time)).not.toBeNaN();
    expect(result.reply.response).toEqual({
      email: { destination: 'ann@example.com', msg_id: expect.any(String), status: 'ok' },
      sms: { destination: '+15551230000', msg_id: expect.any(String), status: 'ok' },
    });
    const [record] = fake.received();
    expect(record).toMatchObject({
      requestId: result.reply.request_id,
      idempotencyKey: 'run-1:test',
      data: { first_name: 'Ann' },
    });
  });

  it('reuses connections across calls (keep-alive)', async () => {
    const fyno = client();
    for (let i = 0; i < 50; i++)
      await fyno.fireEvent({ event: 'welcome', to: { email: `u${i}@example.com` } });
    expect(fake.stats().requests).toBe(50);
    // Without keep-alive this would be 50. undici may open a second socket while the first is
    // still being marked free, hence not exactly 1.
    expect(fake.stats().connections).toBeLessThanOrEqual(2);
  });

  it('sends to the test version when configured', async () => {
    const beta = { event: 'beta_feature', to: { email: 'ann@example.com' } };
    const result = await client({ version: 'test' }).fireEvent(beta);
    expect(result.reply.event).toBe('beta_feature');
    const error = await rejection(client().fireEvent(beta));
    expect(error).toBeInstanceOf(FynoUnknownEventError);
    expect(error.message).toContain('in its live version');
  });

  it('refuses a recipient with no destination before sending', async () => {
    const error = await rejection(client().fireEvent({ event: 'welcome', data: {} }));
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('invalid_input');
    expect(fake.stats().requests).toBe(0);
  });
});

describe('failures that do not get better fail at once', () => {
  it('401: one request, a message that says what to do, no secret anywhere', async () => {
    const fyno = client({ apiKey: 'sk_live_secret_value_123' });
    const error = await rejection(fyno.fireEvent(welcome));
    expect(error).toBeInstanceOf(FynoAuthError);
    expect(error.message).toMatch(/^Fyno rejected the API key or workspace ID\. Check them in Settings/);
    expect(error).toMatchObject({
      kind: 'bad_credentials',
      retryable: false,
      httpStatus: 401,
      attempts: 1,
      code: 'invalid_input',
    });
    expect((error as FynoAuthError).fynoMessage).toBe('Invalid API details');
    expect(fake.stats().requests).toBe(1);
    for (const shown of [
      error.message,
      inspect(error, { depth: 10 }),
      JSON.stringify(error),
      inspect(fyno, { depth: 10 }),
    ]) {
      expect(shown).not.toContain('sk_live_secret_value_123');
    }
  });

  it('400 unknown event: one request, names the event and the version', async () => {
    const error = await rejection(
      client().fireEvent({ ...welcome, event: 'welcom' }, { idempotencyKey: 'k' }),
    );
    expect(error).toBeInstanceOf(FynoUnknownEventError);
    expect(error).toMatchObject({ event: 'welcom', version: 'live', retryable: false, attempts: 1 });
    expect(error.message).toContain('no notification event named "welcom"');
    expect((error as FynoUnknownEventError).fynoMessage).toBe(
      "The notification event name 'welcom' is invalid or does not exists on prod",
    );
    expect(fake.stats().requests).toBe(1);
  });
});

describe('retries', () => {
  it('retries 500s and dropped connections to success with the same idempotency key, delivering once', async () => {
    fake.setFaults({ next: ['500', 'drop', '503', 'drop-after-accept'] });
    const retries: FynoRetryInfo[] = [];
    const result = await client().fireEvent(welcome, { onRetry: (info) => retries.push(info) });
    expect(result.attempts).toBe(5);
    expect(retries.map((r) => r.error.kind)).toEqual(['server_error', 'network', 'server_error', 'network']);
    const requests = fake.requests();
    expect(requests.map((r) => r.outcome)).toEqual([500, 'dropped', 503, 'dropped', 202]);
    expect(new Set(requests.map((r) => r.idempotencyKey))).toEqual(new Set([result.idempotencyKey]));
    // The 4th attempt was accepted but its reply was lost; the 5th got the first reply.
    expect(requests[4]?.note).toBe('replay');
    expect(fake.countDeliveries({ destination: 'ann@example.com' })).toBe(1);
    expect(fake.received()[0]?.requestId).toBe(result.reply.request_id);
  });

  it('waits as long as Retry-After says (seconds)', async () => {
    fake.setFaults({ next: ['429'], retryAfterSeconds: 1 });
    const retries: FynoRetryInfo[] = [];
    const result = await client().fireEvent(welcome, { onRetry: (info) => retries.push(info) });
    expect(result.attempts).toBe(2);
    expect(retries[0]).toMatchObject({ delayMs: 1000, error: { kind: 'rate_limited' } });
    const [limited, accepted] = fake.requests();
    const waited = (accepted?.at ?? 0) - (limited?.at ?? 0);
    expect(waited).toBeGreaterThanOrEqual(1000);
    expect(waited).toBeLessThan(1500);
  });

  it('waits until the date Retry-After gives', async () => {
    fake.setFaults({ next: ['429'], retryAfterSeconds: 2, retryAfterFormat: 'http-date' });
    await client().fireEvent(welcome);
    const [limited, accepted] = fake.requests();
    const waited = (accepted?.at ?? 0) - (limited?.at ?? 0);
    // HTTP dates have whole seconds, so the wait is between 1 and 2 seconds.
    expect(waited).toBeGreaterThanOrEqual(1000);
    expect(waited).toBeLessThan(2500);
  });

  it('gives up at once when Retry-After is past the deadline', async () => {
    fake.setFaults({ next: ['429'], retryAfterSeconds: 60 });
    const started = performance.now();
    const error = await rejection(client({ retry: { deadlineMs: 5_000 } }).fireEvent(welcome));
    expect(error).toBeInstanceOf(FynoRateLimitError);
    expect(error).toMatchObject({
      retryAfterSeconds: 60,
      retryAfterMs: 60_000,
      attempts: 1,
      code: 'rate_limited',
    });
    expect(performance.now() - started).toBeLessThan(1_000);
  });

  it('stops after maxAttempts, with exponential backoff', async () => {
    fake.setFaults({ serverErrorRate: 1 });
    const retries: FynoRetryInfo[] = [];
    const error = await rejection(
      client({ retry: { maxAttempts: 4, baseDelayMs: 20, maxDelayMs: 1_000 } }).fireEvent(welcome, {
        onRetry: (info) => retries.push(info),
      }),
    );
    expect(error).toBeInstanceOf(FynoServerError);
    expect(error).toMatchObject({ attempts: 4, httpStatus: 500 });
    expect(error.message).toBe('Fyno had a server error (HTTP 500). Try again in a few minutes.');
    expect(fake.stats().requests).toBe(4);
    // Full jitter: each wait is within [0, base * 2^(n-1)].
    retries.forEach((retry, i) => {
      expect(retry.delayMs).toBeGreaterThanOrEqual(0);
      expect(retry.delayMs).toBeLessThanOrEqual(20 * 2 ** i);
    });
  });

  it('stops at the total deadline', async () => {
    fake.setFaults({ serverErrorRate: 1, latencyMs: 50 });
    const started = performance.now();
    const error = await rejection(
      client({ retry: { maxAttempts: 100, baseDelayMs: 40, maxDelayMs: 40, deadlineMs: 400 } }).fireEvent(
        welcome,
      ),
    );
    const elapsed = performance.now() - started;
    expect(error).toBeInstanceOf(FynoServerError);
    expect(elapsed).toBeLessThan(550);
    expect((error as FynoServerError).attempts).toBeGreaterThan(2);
    expect((error as FynoServerError).attempts).toBeLessThan(10);
  });

  it('reports an unreachable Fyno as a network error, naming the host only', async () => {
    const closed = await startFakeFyno();
    const { port } = closed;
    await closed.close();
    const error = await rejection(
      client({ apiBase: `http://127.0.0.1:${port}/v1`, retry: { maxAttempts: 2 } }).fireEvent(welcome),
    );
    expect(error).toBeInstanceOf(FynoNetworkError);
    expect(error).toMatchObject({ attempts: 2, retryable: true, code: 'unavailable' });
    expect(error.message).toBe(
      `Could not reach Fyno at 127.0.0.1:${port} (ECONNREFUSED). Check this server's network access and the API base URL in Settings.`,
    );
    expect(inspect(error, { depth: 10 })).not.toContain(fake.apiKey);
  });
});

describe('timeouts and cancelling', () => {
  it('times out a slow request', async () => {
    fake.setFaults({ latencyMs: 1_000 });
    const started = performance.now();
    const error = await rejection(client({ timeoutMs: 100, retry: { maxAttempts: 1 } }).fireEvent(welcome));
    expect(error).toBeInstanceOf(FynoTimeoutError);
    expect(error.message).toBe(
      'Fyno did not answer within 100 ms. Try again later; if it keeps happening, send smaller batches.',
    );
    expect(performance.now() - started).toBeLessThan(400);
  });

  it('retries after a timeout with the same key, and Fyno does not send twice', async () => {
    fake.setFaults({ next: ['slow'], slowMs: 600 });
    const result = await client({ timeoutMs: 200 }).fireEvent(welcome);
    expect(result.attempts).toBe(2);
    // The slow request was processed: the retry got its reply, nothing twice.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(fake.countDeliveries({ destination: 'ann@example.com' })).toBe(1);
    expect(fake.requests().map((r) => r.note)).toContain('replay');
  });

  it('cancels a request in flight with the caller’s reason', async () => {
    fake.setFaults({ latencyMs: 2_000 });
    const controller = new AbortController();
    const reason = new Error('run paused');
    setTimeout(() => controller.abort(reason), 100);
    const started = performance.now();
    const error = await rejection(client().fireEvent(welcome, { signal: controller.signal }));
    expect(error).toBe(reason);
    expect(performance.now() - started).toBeLessThan(500);
  });

  it('cancels during a backoff wait', async () => {
    fake.setFaults({ next: ['429'], retryAfterSeconds: 5 });
    const controller = new AbortController();
    const reason = new Error('run cancelled');
    const started = performance.now();
    const pending = client().fireEvent(welcome, {
      signal: controller.signal,
      onRetry: () => setTimeout(() => controller.abort(reason), 50),
    });
    expect(await rejection(pending)).toBe(reason);
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(fake.stats().requests).toBe(1);
  });

  it('does not start when the signal is already aborted', async () => {
    const error = await rejection(
      client().fireEvent(welcome, { signal: AbortSignal.abort(new Error('stop')) }),
    );
    expect(error.message).toBe('stop');
    expect(fake.stats().requests).toBe(0);
  });
});

describe('testEvent', () => {
  it("returns Fyno's reply verbatim", async () => {
    const result = await client().testEvent(welcome);
    expect(result.ok).toBe(true);
    expect(result.status).toBe(202);
    const [record] = fake.received();
    expect(result.body).toMatchObject({ event: 'welcome', request_id: record?.requestId });
    expect(result.error).toBeUndefined();
  });

  it('returns a refusal verbatim with the typed error, and does not retry', async () => {
    const refused = await client({ apiKey: 'wrong' }).testEvent(welcome);
    expect(refused).toMatchObject({
      ok: false,
      status: 401,
      body: { status: 'error', _message: 'Invalid API details' },
    });
    expect(refused.error).toBeInstanceOf(FynoAuthError);

    fake.setFaults({ next: ['500'] });
    const failed = await client().testEvent(welcome);
    expect(failed).toMatchObject({ ok: false, status: 500, error: { kind: 'server_error' } });
    expect(fake.stats().requests).toBe(2);
  });
});

describe('options', () => {
  it('checks the settings up front', () => {
    let error: unknown;
    try {
      createFynoClient({ workspaceId: 'FY 1', apiKey: '', apiBase: 'ftp://x' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).fieldErrors).toEqual({
      workspaceId: expect.any(String),
      apiKey: expect.any(String),
      apiBase: expect.any(String),
    });
  });
});
