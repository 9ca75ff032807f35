import { heartbeatTtlSeconds, readWorkerHeartbeats } from '@connect/queue';
import type { Services } from './services';

export interface HealthReport {
  status: 'ok' | 'degraded' | 'down';
  checks: {
    database: { ok: boolean; latencyMs?: number; error?: string };
    redis: { ok: boolean; latencyMs?: number; error?: string };
    worker: { ok: boolean; workers: number; lastHeartbeatSecondsAgo?: number; error?: string };
  };
}

/**
 * What /api/health reports. The database and Redis are required for the web app to
 * work ("down" otherwise); a missing worker only delays campaigns ("degraded").
 * Error texts are generic on purpose: no hosts, users or passwords.
 */
export async function checkHealth({ store, redis, env }: Services): Promise<HealthReport> {
  const [database, redisCheck] = await Promise.all([
    timed(() => store.ping(), 'The app database is not reachable.'),
    timed(() => redis.ping(), 'Redis is not reachable.'),
  ]);

  let worker: HealthReport['checks']['worker'];
  if (redisCheck.ok) {
    const beats = await readWorkerHeartbeats(redis, env.QUEUE_PREFIX);
    const newest = beats[0];
    worker = newest
      ? {
          ok: true,
          workers: beats.length,
          lastHeartbeatSecondsAgo: Math.round((Date.now() - Date.parse(newest.at)) / 1000),
        }
      : {
          ok: false,
          workers: 0,
          error: `No worker has reported in the last ${heartbeatTtlSeconds} seconds.`,
        };
  } else {
    worker = { ok: false, workers: 0, error: 'Unknown: Redis is not reachable.' };
  }

  const status = !database.ok || !redisCheck.ok ? 'down' : worker.ok ? 'ok' : 'degraded';
  return { status, checks: { database, redis: redisCheck, worker } };
}

async function timed(probe: () => Promise<unknown>, failure: string, timeoutMs = 3_000) {
  const started = performance.now();
  try {
    await Promise.race([
      probe(),
      new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), timeoutMs).unref()),
    ]);
    return { ok: true, latencyMs: Math.round(performance.now() - started) };
  } catch {
    return { ok: false, error: failure };
  }
}
