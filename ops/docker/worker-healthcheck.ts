// Docker healthcheck of a worker container (`node --import tsx healthcheck.ts` in
// /app/worker, see the Dockerfile): healthy while a worker on this host (the
// container's hostname) has written its heartbeat to Redis in the last 30 seconds.
// A worker stuck without Redis, or one whose process hangs, turns unhealthy.
import { readWorkerHeartbeats } from '@connect/queue';
import { Redis } from 'ioredis';
import { hostname } from 'node:os';

const redisUrl = process.env.REDIS_URL;
if (!redisUrl) {
  console.error('REDIS_URL is not set.');
  process.exit(1);
}

const redis = new Redis(redisUrl, {
  lazyConnect: true,
  connectTimeout: 3_000,
  maxRetriesPerRequest: 0,
  retryStrategy: () => null,
});
try {
  await redis.connect();
  const beats = await readWorkerHeartbeats(redis, process.env.QUEUE_PREFIX || 'connect');
  const mine = beats.filter((beat) => beat.host === hostname());
  if (mine.length === 0) {
    console.error(`No heartbeat from a worker on ${hostname()} in the last 30 seconds.`);
    process.exitCode = 1;
  } else {
    console.log(`Worker ${mine[0]!.workerId} reported ${mine[0]!.at}.`);
  }
} catch (error) {
  console.error(`Redis did not answer: ${String(error)}`);
  process.exitCode = 1;
} finally {
  redis.disconnect();
}
