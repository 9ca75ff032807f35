import { sweepRuns } from '@connect/campaigns';
import type { WorkerDeps } from '../worker-deps';

/** Re-queues the work of runs that have some left and no live job (see `sweepRuns`). */
export function sweepStrandedRuns({ engine }: WorkerDeps): Promise<unknown> {
  return sweepRuns(engine);
}
