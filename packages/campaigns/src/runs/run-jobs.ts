import type { JobProducer } from '@connect/queue';

/**
 * The ids of a run's jobs. A generation is a fresh set of ids: the run's work queued
 * anew (a retry, a resume, the sweeper) must not be taken for jobs that already
 * finished or died under the old ids, which BullMQ keeps for a while.
 */
export const runJobIds = {
  snapshot: (runId: string, generation: number) =>
    generation === 0 ? `run-${runId}` : `run-${runId}-g${generation}`,
  batch: (runId: string, generation: number, batchNo: number) => `${runId}-g${generation}-b${batchNo}`,
};

/** Queues the snapshot of a run for one generation (a no-op while that job still exists). */
export function enqueueSnapshot(jobs: JobProducer, runId: string, generation = 0): Promise<string> {
  return jobs.enqueue('campaign-run', { runId, generation }, runJobIds.snapshot(runId, generation));
}

/**
 * Queues every batch of a run. Job ids repeat for the same run and generation, so
 * queueing again after a crash adds nothing; a new generation's batches run again
 * and find only the recipients not yet sent.
 */
export async function enqueueBatches(
  jobs: JobProducer,
  input: { runId: string; generation: number; batchesTotal: number; batchSize: number },
): Promise<void> {
  const { runId, generation, batchSize } = input;
  const all = Array.from({ length: input.batchesTotal }, (_, index) => ({
    jobId: runJobIds.batch(runId, generation, index + 1),
    payload: { runId, batchNo: index + 1, fromSeq: index * batchSize + 1, toSeq: (index + 1) * batchSize },
  }));
  // In slices, so a million-row run does not build one giant Redis call.
  for (let start = 0; start < all.length; start += 1_000) {
    await jobs.enqueueMany('campaign-batch', all.slice(start, start + 1_000));
  }
}
