import { ensureScheduleTicks, sweepRuns } from '@connect/campaigns';
import type { WorkerDeps } from '../worker-deps';

/**
 * Re-queues the work of runs that have some left and no live job (see `sweepRuns`),
 * and the missing tick of any active scheduled campaign (see `ensureScheduleTicks`).
 */
export async function sweepStrandedRuns({ engine, logger }: WorkerDeps): Promise<unknown> {
  const runs = await sweepRuns(engine);
  const ticks = await ensureScheduleTicks(engine);
  if (ticks.length > 0) logger.warn({ campaigns: ticks }, 'sweeper queued missing schedule ticks');
  return { runs, ticks };
}
