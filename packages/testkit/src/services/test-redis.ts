import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { testServiceUrls } from './service-urls';

export interface TestRedis {
  url: string;
  /** A key prefix no other test uses; pass it to whatever writes to Redis. */
  prefix: string;
  client: Redis;
  /** Deletes every key under the prefix and disconnects. */
  cleanup(): Promise<void>;
}

/** A key prefix of its own on the test Redis (or on `url`, e.g. a Redis a test started itself). */
export function createTestRedis(url: string = testServiceUrls.redis): TestRedis {
  const prefix = `test-${randomBytes(5).toString('hex')}`;
  const client = new Redis(url, { lazyConnect: false, maxRetriesPerRequest: 2 });
  // Tests that restart Redis on purpose would otherwise print every reconnect attempt.
  client.on('error', () => {});
  return {
    url,
    prefix,
    client,
    async cleanup() {
      const stream = client.scanStream({ match: `${prefix}*`, count: 500 });
      for await (const keys of stream as AsyncIterable<string[]>) {
        if (keys.length > 0) await client.del(...keys);
      }
      client.disconnect();
    },
  };
}
