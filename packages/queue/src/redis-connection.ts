import { Redis } from 'ioredis';

/**
 * A Redis connection for BullMQ. Workers (blocking connections) must not give up on
 * a command while Redis restarts, so they get `maxRetriesPerRequest: null`; producers
 * in the web app give up after a few retries instead, so a request gets an error
 * rather than hanging while Redis is down.
 */
export function createRedisConnection(url: string, role: 'worker' | 'producer'): Redis {
  return new Redis(url, {
    maxRetriesPerRequest: role === 'worker' ? null : 2,
    connectTimeout: 5_000,
  });
}
