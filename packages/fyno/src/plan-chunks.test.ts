import { describe, expect, it } from 'vitest';
import { FynoPayloadTooLargeError } from './fyno-errors';
import { planChunks } from './plan-chunks';

const recipients = (n: number, dataBytes = 10) =>
  Array.from({ length: n }, (_, i) => ({
    to: { email: `u${i}@example.com` },
    data: { pad: 'x'.repeat(dataBytes) },
  }));

describe('planChunks', () => {
  it('splits by count, keeping order', () => {
    const chunks = planChunks('welcome', recipients(2_500), 1_000, 10_000_000);
    expect(chunks.map((c) => [c.offset, c.count])).toEqual([
      [0, 1000],
      [1000, 1000],
      [2000, 500],
    ]);
    const first = JSON.parse(chunks[0]?.body ?? '') as {
      event: string;
      batch: Array<{ to: { email: string } }>;
    };
    expect(first.event).toBe('welcome');
    expect(first.batch[999]?.to.email).toBe('u999@example.com');
  });

  it('splits by size, measuring the exact body', () => {
    const maxBytes = 50_000;
    const chunks = planChunks('welcome', recipients(100, 2_000), 1_000, maxBytes);
    expect(chunks.length).toBeGreaterThan(1);
    for (const chunk of chunks) {
      expect(chunk.bytes).toBe(Buffer.byteLength(chunk.body));
      expect(chunk.bytes).toBeLessThanOrEqual(maxBytes);
    }
    // Full chunks are full: one more recipient would not have fitted.
    const itemBytes = Buffer.byteLength(JSON.stringify(recipients(1, 2_000)[0]));
    expect((chunks[0]?.bytes ?? 0) + 1 + itemBytes).toBeGreaterThan(maxBytes);
    expect(chunks.reduce((sum, c) => sum + c.count, 0)).toBe(100);
  });

  it('counts multi-byte characters as bytes', () => {
    const batch = Array.from({ length: 10 }, () => ({
      to: { email: 'a@example.com' },
      data: { name: 'é'.repeat(500) },
    }));
    for (const chunk of planChunks('welcome', batch, 1_000, 3_000)) {
      expect(Buffer.byteLength(chunk.body)).toBeLessThanOrEqual(3_000);
    }
  });

  it('refuses a recipient too large on its own, naming it', () => {
    const batch = [...recipients(2), { to: { email: 'big@example.com' }, data: { blob: 'x'.repeat(5_000) } }];
    const error = (() => {
      try {
        planChunks('welcome', batch, 1_000, 4_000);
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(FynoPayloadTooLargeError);
    expect((error as FynoPayloadTooLargeError).itemIndex).toBe(2);
    expect((error as Error).message).toMatch(/^Recipient 3 of the batch is .* over Fyno's limit/);
  });

  it('gives the same digest to the same recipients, and another to others', () => {
    const a = planChunks('welcome', recipients(3), 1_000, 10_000_000);
    const b = planChunks('welcome', recipients(3), 1_000, 10_000_000);
    const c = planChunks('welcome', recipients(2), 1_000, 10_000_000);
    expect(a[0]?.digest).toBe(b[0]?.digest);
    expect(a[0]?.digest).not.toBe(c[0]?.digest);
  });
});
