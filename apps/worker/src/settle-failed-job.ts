import { abandonBatch, type CampaignEngineDeps, failSnapshot } from '@connect/campaigns';
import { jobCatalog } from '@connect/queue';
import type { Job } from 'bullmq';

/**
 * A job failed for good (out of attempts, or stalled too often). Campaign jobs leave
 * the run in a state a person can understand: a snapshot that never finished fails
 * the run with its reason; a batch's unsent recipients are marked failed so the run
 * can finish.
 */
export async function settleFailedJob(engine: CampaignEngineDeps, job: Job, error: Error): Promise<void> {
  if (job.name === 'campaign-run') {
    const payload = jobCatalog['campaign-run'].payload.safeParse(job.data);
    if (payload.success) await failSnapshot(engine, payload.data.runId, error);
  } else if (job.name === 'campaign-batch') {
    const payload = jobCatalog['campaign-batch'].payload.safeParse(job.data);
    if (payload.success) await abandonBatch(engine, payload.data, error.message);
  }
}
