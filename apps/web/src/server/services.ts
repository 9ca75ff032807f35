import { type Auth, createAuth } from '@connect/auth';
import { ConnectorCache } from '@connect/connectors';
import { fynoDefaultsFromEnv } from '@connect/core';
import { FynoClientPool } from '@connect/delivery';
import { createRedisConnection, JobProducer } from '@connect/queue';
import { createStore, type Store } from '@connect/store';
import type { Redis } from 'ioredis';
import { pino, type Logger } from 'pino';
import { loadWebEnv, type WebEnv } from '../env';

export interface Services {
  env: WebEnv;
  logger: Logger;
  store: Store;
  redis: Redis;
  auth: Auth;
  jobs: JobProducer;
  /** Connection pools to customer databases, one per connection, closed when idle. */
  connectors: ConnectorCache;
  fyno: FynoClientPool;
}

const holder = globalThis as typeof globalThis & { connectServices?: Services };

/**
 * The web app's long-lived clients, created on first use and shared by every
 * request (kept on globalThis so dev-mode reloads do not open new pools).
 */
export function services(): Services {
  holder.connectServices ??= createServices(loadWebEnv(process.env));
  return holder.connectServices;
}

function createServices(env: WebEnv): Services {
  const logger = pino({ level: env.LOG_LEVEL, base: { service: 'web' } });
  const store = createStore({
    databaseUrl: env.DATABASE_URL,
    encryptionKey: env.ENCRYPTION_KEY,
    previousEncryptionKeys: env.ENCRYPTION_KEYS_PREVIOUS,
  });
  const redis = createRedisConnection(env.REDIS_URL, 'producer');
  redis.on('error', (error) => logger.warn({ err: error }, 'redis connection error'));
  const auth = createAuth({
    store,
    redis,
    redisKeyPrefix: env.QUEUE_PREFIX,
    policy: {
      idleTimeoutMs: env.SESSION_IDLE_MINUTES * 60_000,
      absoluteTimeoutMs: env.SESSION_MAX_HOURS * 3_600_000,
    },
  });
  const jobs = new JobProducer({ connection: redis, prefix: env.QUEUE_PREFIX });
  const connectors = new ConnectorCache();
  const fyno = new FynoClientPool(store, fynoDefaultsFromEnv(env));
  return { env, logger, store, redis, auth, jobs, connectors, fyno };
}
