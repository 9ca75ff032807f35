import { failSnapshot, snapshotRun } from '@connect/campaigns';
import { isAppError } from '@connect/core';
import type { JobPayload } from '@connect/queue';
import { DelayedError, type Job, UnrecoverableError } from 'bullmq';
import type { WorkerDeps } from '../worker-deps';

/**
 * Takes a run's snapshot. A database that cannot be reached is retried with backoff;
 * one that refuses (wrong password, bad query) will not get better, so the run
 * fails at once with the database's message.
 */
/** While another worker holds a run's snapshot lease, its job comes back this often to look again. */
const leaseRecheckMs = 2_000;

export async function runSnapshot(
  deps: WorkerDeps,
  payload: JobPayload<'campaign-run'>,
  job: Job,
  token: string | undefined,
): Promise<unknown> {
  let outcome;
  try {
    outcome = await snapshotRun(deps.engine, payload);
  } catch (error) {
    const retryable = !isAppError(error) || error.code === 'unavailable' || error.code === 'internal';
    const lastAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
    if (!retryable || lastAttempt) {
      await failSnapshot(deps.engine, payload.runId, error);
      throw new UnrecoverableError(error instanceof Error ? error.message : String(error));
    }
    throw error;
  }
  if (outcome === 'busy') {
    // Another worker is taking this snapshot (this job was handed out twice); if that
    // worker dies, its lease goes with it and this job takes over.
    await job.moveToDelayed(Date.now() + leaseRecheckMs, token);
    throw new DelayedError();
  }
  return outcome;
}
