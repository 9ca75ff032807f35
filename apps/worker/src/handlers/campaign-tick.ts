import { runScheduledOccurrence } from '@connect/campaigns';
import type { JobPayload } from '@connect/queue';
import type { WorkerDeps } from '../worker-deps';

/** A campaign's tick fired: start that slot's run and queue the next tick (see `runScheduledOccurrence`). */
export async function campaignTick(deps: WorkerDeps, payload: JobPayload<'campaign-tick'>): Promise<unknown> {
  const outcome = await runScheduledOccurrence(deps.engine, payload);
  deps.logger.info(
    { campaignId: payload.campaignId, occurrence: payload.occurrence, outcome },
    'schedule tick',
  );
  return outcome;
}
