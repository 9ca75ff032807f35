import { runScheduledOccurrence } from '@connect/campaigns';
import type { JobPayload } from '@connect/queue';
import type { Job } from 'bullmq';
import type { WorkerDeps } from '../worker-deps';

/** A schedule fired: start that slot's run (the slot time is the occurrence key). */
export async function campaignTick(
  deps: WorkerDeps,
  payload: JobPayload<'campaign-tick'>,
  job: Job,
): Promise<unknown> {
  const occurrence = payload.occurrence ?? `slot:${slotTime(job).toISOString()}`;
  const outcome = await runScheduledOccurrence(deps.engine, { campaignId: payload.campaignId, occurrence });
  deps.logger.info({ campaignId: payload.campaignId, occurrence, outcome }, 'schedule tick');
  return outcome;
}

/**
 * The moment a scheduler job was due: BullMQ names each one `repeat:<scheduler>:<ms>`,
 * which stays the same however late or often the job is processed.
 */
export function slotTime(job: Pick<Job, 'id' | 'timestamp' | 'opts'>): Date {
  const millis = /:(\d{12,})$/.exec(job.id ?? '')?.[1];
  return new Date(millis ? Number(millis) : job.timestamp + (job.opts.delay ?? 0));
}
