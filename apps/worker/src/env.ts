import { envVars, fynoEnvShape, parseEnv, phoneEnvShape, sharedEnvShape } from '@connect/core';
import { z } from 'zod';

export const workerEnvShape = {
  ...sharedEnvShape,
  ...fynoEnvShape,
  ...phoneEnvShape,
  SESSION_IDLE_MINUTES: envVars.sessionIdleMinutes,
  WORKER_CONCURRENCY: z.coerce
    .number()
    .int()
    .min(1)
    .max(64)
    .default(4)
    .describe('how many jobs one worker process runs at once: a whole number from 1 to 64'),
  CAMPAIGN_BATCH_SIZE: z.coerce
    .number()
    .int()
    .min(1)
    .max(10_000)
    .default(1_000)
    .describe('recipients per batch job (one Fyno bulk request when unlimited): 1 to 10000'),
  SEND_RATE_LIMIT_PER_SECOND: z.coerce
    .number()
    .int()
    .min(1)
    .optional()
    .describe(
      'the most sends per second to Fyno across all campaigns and workers: a whole number, or empty for no limit',
    ),
  RUN_RETENTION_DAYS: z.coerce
    .number()
    .int()
    .min(1)
    .max(3650)
    .default(30)
    .describe('days to keep who-was-sent-what of finished runs (counts are kept for good): 1 to 3650'),
  WORKER_STALLED_CHECK_MS: z.coerce
    .number()
    .int()
    .min(1_000)
    .max(600_000)
    .default(6_000)
    .describe(
      'how long a job of a worker that died stays claimed before another worker takes it over, in ms (1000 to 600000)',
    ),
};

export type WorkerEnv = ReturnType<typeof loadWorkerEnv>;

/** Reads and checks the worker's environment once, at start. */
export function loadWorkerEnv(source: Record<string, string | undefined>) {
  return parseEnv(workerEnvShape, source);
}
