import { AppError } from '@connect/core';
import { type FakeFyno, sampleFakeFynoEvents, startFakeFyno } from '@connect/testkit';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createFynoClient, type FireBatchChunkResult, type FynoClient } from './fyno-client';
import type { FynoClientOptions } from './fyno-options';
import {
  FynoAuthError,
  FynoPayloadTooLargeError,
  FynoServerError,
  FynoUnknownEventError,
} from './fyno-errors';
import type { FynoRecipient } from './fyno-payload';

// The real client's bulk path against the real fake, over HTTP.

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

function client(options: Partial<FynoClientOptions> = {}): FynoClient {
  const created = createFynoClient({
    ...fake.clientOptions(),
    retry: { baseDelayMs: 10, maxDelayMs: 50, ...options.retry },
    ...options,
  });
  clients.push(created);
  return created;
}

const users = (n: number, from = 0): FynoRecipient[] =>
  Array.from({ length: n }, (_, i) => ({
    to: { email: `user${from + i}@example.com` },
    data: { first_name: `User ${from + i}` },
  }));

/** Every destination delivered exactly once, and nothing else. */
function expectEachOnce(batch: FynoRecipient[]) {
  expect(fake.duplicates()).toEqual([]);
  expect(fake.countDeliveries()).toBe(batch.length);
  for (const recipient of [batch[0], batch.at(-1)]) {
    expect(fake.countDeliveries({ destination: recipient?.to?.email ?? '' })).toBe(1);
  }
}

async function rejection(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected the call to fail');
}

describe('fireBatch', () => {
  it('sends 1,000 per request by default and answers per recipient in input order', async () => {
    const batch = users(2_500);
    const result = await client().fireBatch('welcome', batch, { idempotencyKey: 'run-1:batch-1' });

    expect(result.chunks.map((c) => [c.offset, c.count])).toEqual([
      [0, 1000],
      [1000, 1000],
      [2000, 500],
    ]);
    expect(fake.stats().byEndpoint.bulk).toBe(3);
    expect(result.attempts).toBe(3);
    expectEachOnce(batch);

    // Each answer belongs to the right recipient: request ids match what the fake recorded.
    const recorded = new Map(fake.received().map((r) => [r.to.email, r.requestId]));
    expect(result.items).toHaveLength(2_500);
    result.items.forEach((item, i) => {
      expect(item?.requestId).toBe(recorded.get(`user${i}@example.com`));
      expect(item?.channels.email?.destination).toBe(`user${i}@example.com`);
    });
    expect(typeof result.chunks[0]?.receivedTime).toBe('number');
    // One key per chunk, all derived from the batch's key.
    const keys = fake.requests().map((r) => r.idempotencyKey);
    expect(new Set(keys).size).toBe(3);
    for (const key of keys) expect(key).toMatch(/^run-1:batch-1:[0-9a-f]{16}$/);
    expect(result.chunks.map((c) => c.idempotencyKey)).toEqual(keys);
  });

  it('uses the configured chunk size', async () => {
    const batch = users(7);
    const result = await client({ bulkChunkSize: 3 }).fireBatch('welcome', batch);
    expect(result.chunks.map((c) => c.count)).toEqual([3, 3, 1]);
    expect(fake.received().map((r) => r.seq)).toEqual([1, 2, 3, 1, 2, 3, 1]);
    expectEachOnce(batch);
  });

  it('splits a batch that would exceed 10 MB, which the fake would refuse whole', async () => {
    // 24 recipients of about 500 kB: about 12 MB in all.
    const batch = Array.from({ length: 24 }, (_, i) => ({
      to: { email: `big${i}@example.com` },
      data: { blob: 'x'.repeat(500_000) },
    }));
    const whole = await fetch(`${fake.baseUrl}/${fake.workspaceId}/live/event/bulk`, {
      method: 'POST',
      headers: { authorization: `Bearer ${fake.apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ event: 'welcome', batch }),
    });
    expect(whole.status).toBe(413);
    fake.reset();

    const result = await client().fireBatch('welcome', batch);
    expect(result.chunks.length).toBe(2);
    for (const chunk of result.chunks) expect(chunk.bytes).toBeLessThanOrEqual(10_000_000);
    expect(fake.requests().map((r) => r.outcome)).toEqual([202, 202]);
    expect(fake.requests().map((r) => r.bytes)).toEqual(result.chunks.map((c) => c.bytes));
    expect(fake.countDeliveries()).toBe(24);
    expect(fake.duplicates()).toEqual([]);
  });

  it('refuses a recipient too large on its own before sending anything', async () => {
    const batch = [
      ...users(3),
      { to: { email: 'huge@example.com' }, data: { blob: 'x'.repeat(10_500_000) } },
    ];
    const error = await rejection(client().fireBatch('welcome', batch));
    expect(error).toBeInstanceOf(FynoPayloadTooLargeError);
    expect(error.message).toMatch(
      /^Recipient 4 of the batch is 10\.5 MB on its own, over Fyno's limit of 10\.0 MB/,
    );
    expect((error as FynoPayloadTooLargeError).itemIndex).toBe(3);
    expect(fake.stats().requests).toBe(0);
  });

  it('refuses a recipient without a destination before sending anything', async () => {
    const error = await rejection(client().fireBatch('welcome', [...users(2), { data: { a: 1 } }]));
    expect(error).toBeInstanceOf(AppError);
    expect(error.message).toBe('Recipient 3 of the batch needs a destination in "to" or a "distinct_id".');
    expect(fake.stats().requests).toBe(0);
  });

  it('sends nothing for an empty batch', async () => {
    const result = await client().fireBatch('welcome', []);
    expect(result).toMatchObject({ items: [], chunks: [], attempts: 0 });
    expect(fake.stats().requests).toBe(0);
  });
});

describe('fireBatch failures', () => {
  it('401 and unknown event fail on the first request, once', async () => {
    const auth = await rejection(client({ apiKey: 'wrong' }).fireBatch('welcome', users(2_500)));
    expect(auth).toBeInstanceOf(FynoAuthError);
    expect(fake.stats().requests).toBe(1);

    fake.reset();
    const unknown = await rejection(client().fireBatch('no_such_event', users(2_500)));
    expect(unknown).toBeInstanceOf(FynoUnknownEventError);
    expect(fake.stats().requests).toBe(1);
  });

  it('retries a chunk through 500s, 429s and dropped connections, with the chunk key, delivering once', async () => {
    fake.setFaults({ next: ['none', '500', 'drop-after-accept', '429', 'drop'], retryAfterSeconds: 0 });
    const batch = users(300);
    const retried: Array<number | undefined> = [];
    const result = await client({ bulkChunkSize: 100 }).fireBatch('welcome', batch, {
      idempotencyKey: 'r:b',
      onRetry: (info) => retried.push(info.chunk),
    });
    expect(result.chunks.map((c) => c.attempts)).toEqual([1, 5, 1]);
    expect(retried).toEqual([1, 1, 1, 1]);
    const requests = fake.requests();
    expect(requests.map((r) => r.outcome)).toEqual([202, 500, 'dropped', 429, 'dropped', 202, 202]);
    // Every attempt at the second chunk carried that chunk's key.
    expect(new Set(requests.slice(1, 6).map((r) => r.idempotencyKey))).toEqual(
      new Set([result.chunks[1]?.idempotencyKey]),
    );
    expectEachOnce(batch);
  });

  it('reports accepted chunks as it goes, and a retry of the remainder sends only that', async () => {
    fake.setFaults({ next: ['none', '500'] });
    const batch = users(4);
    const fyno = client({ bulkChunkSize: 2, retry: { maxAttempts: 1 } });
    const accepted: FireBatchChunkResult[] = [];
    const error = await rejection(
      fyno.fireBatch('welcome', batch, {
        idempotencyKey: 'run-9:batch-1',
        onChunk: (c) => void accepted.push(c),
      }),
    );
    expect(error).toBeInstanceOf(FynoServerError);
    expect(accepted.map((c) => [c.offset, c.count])).toEqual([[0, 2]]);
    expect(fake.countDeliveries()).toBe(2);

    // The pipeline marks the first two sent and retries the job with the rest, same batch key.
    const rest = await fyno.fireBatch('welcome', batch.slice(2), { idempotencyKey: 'run-9:batch-1' });
    expect(rest.items.map((item) => item?.channels.email?.destination)).toEqual([
      'user2@example.com',
      'user3@example.com',
    ]);
    expectEachOnce(batch);

    // A retry of the whole batch (nothing marked) is answered from Fyno's idempotency store.
    const again = await fyno.fireBatch('welcome', batch, { idempotencyKey: 'run-9:batch-1' });
    expect(again.items).toHaveLength(4);
    expectEachOnce(batch);
    expect(fake.stats().replays).toBe(2);
  });

  it('20% of requests failing with 429 and 500, and slow ones: everything delivered once', async () => {
    fake.setFaults({
      rateLimitRate: 0.1,
      serverErrorRate: 0.1,
      retryAfterSeconds: 0,
      slowRate: 0.1,
      slowMs: 30,
      seed: 7,
    });
    const batch = users(5_000);
    const result = await client({ bulkChunkSize: 50, retry: { maxAttempts: 10 } }).fireBatch(
      'welcome',
      batch,
    );
    expect(result.chunks).toHaveLength(100);
    expect(result.attempts).toBeGreaterThan(110);
    const stats = fake.stats();
    expect(stats.faults.rateLimited + stats.faults.serverError).toBe(result.attempts - 100);
    expectEachOnce(batch);
  });
});
