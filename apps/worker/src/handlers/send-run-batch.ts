import { sendBatch } from '@connect/campaigns';
import type { JobPayload } from '@connect/queue';
import { DelayedError, type Job } from 'bullmq';
import type { WorkerDeps } from '../worker-deps';

/** While a run is paused, its batches come back this often to look again. */
const pausedRecheckMs = 3_000;

export async function sendRunBatch(
  deps: WorkerDeps,
  payload: JobPayload<'campaign-batch'>,
  job: Job,
  token: string | undefined,
): Promise<unknown> {
  const outcome = await sendBatch(deps.engine, payload, {
    lastAttempt: job.attemptsMade + 1 >= (job.opts.attempts ?? 1),
  });
  if (outcome.kind === 'paused') {
    await job.moveToDelayed(Date.now() + pausedRecheckMs, token);
    throw new DelayedError();
  }
  deps.logger.info({ runId: payload.runId, batchNo: payload.batchNo, outcome: outcome.kind }, 'batch done');
  return outcome;
}
