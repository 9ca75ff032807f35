import type { Redis } from 'ioredis';
import { z } from 'zod';

const heartbeatSchema = z.object({
  workerId: z.string(),
  host: z.string(),
  pid: z.number(),
  startedAt: z.string(),
  at: z.string(),
});
export type WorkerHeartbeat = z.infer<typeof heartbeatSchema>;

/** A heartbeat older than this means the worker is gone (the key expires then too). */
export const heartbeatTtlSeconds = 30;
export const heartbeatIntervalMs = 10_000;

const keyPattern = (prefix: string) => `${prefix}:worker-heartbeat:*`;

/** Written by each worker every few seconds; the key expires if the worker stops. */
export async function writeWorkerHeartbeat(
  redis: Redis,
  prefix: string,
  beat: WorkerHeartbeat,
): Promise<void> {
  await redis.set(
    `${prefix}:worker-heartbeat:${beat.workerId}`,
    JSON.stringify(beat),
    'EX',
    heartbeatTtlSeconds,
  );
}

export async function removeWorkerHeartbeat(redis: Redis, prefix: string, workerId: string): Promise<void> {
  await redis.del(`${prefix}:worker-heartbeat:${workerId}`);
}

/** The workers alive right now, newest beat first. */
export async function readWorkerHeartbeats(redis: Redis, prefix: string): Promise<WorkerHeartbeat[]> {
  const keys: string[] = [];
  for await (const batch of redis.scanStream({ match: keyPattern(prefix), count: 100 }) as AsyncIterable<
    string[]
  >) {
    keys.push(...batch);
  }
  if (keys.length === 0) return [];
  const values = await redis.mget(...keys);
  return values
    .flatMap((value) => {
      const parsed = value ? heartbeatSchema.safeParse(JSON.parse(value)) : undefined;
      return parsed?.success ? [parsed.data] : [];
    })
    .sort((a, b) => b.at.localeCompare(a.at));
}
