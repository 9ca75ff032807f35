import { AppError } from '@connect/core';
import type { JobProducer } from '@connect/queue';
import type { CampaignRun, RunStatus, Store } from '@connect/store';

type Deps = { store: Store; jobs: JobProducer };

async function move(
  deps: Deps,
  workspaceId: string,
  runId: string,
  from: RunStatus[],
  to: (run: CampaignRun) => RunStatus,
  refusal: (status: RunStatus) => string,
): Promise<CampaignRun> {
  const run = await deps.store.campaignRuns.get(workspaceId, runId);
  if (!(await deps.store.campaignRuns.transition(run.id, from, to(run)))) {
    const now = await deps.store.campaignRuns.get(workspaceId, runId);
    throw new AppError('conflict', refusal(now.status));
  }
  return deps.store.campaignRuns.get(workspaceId, runId);
}

/**
 * Stops sending once the batches in flight finish their current request. A run
 * still taking its snapshot finishes reading, then waits.
 */
export function pauseRun(deps: Deps, workspaceId: string, runId: string): Promise<CampaignRun> {
  return move(
    deps,
    workspaceId,
    runId,
    ['snapshotting', 'sending'],
    () => 'paused',
    (status) => `Only a running run can be paused; this one is ${status}.`,
  );
}

export function resumeRun(deps: Deps, workspaceId: string, runId: string): Promise<CampaignRun> {
  return move(
    deps,
    workspaceId,
    runId,
    ['paused'],
    (run) => (run.snapshotAt ? 'sending' : 'snapshotting'),
    (status) => `Only a paused run can be resumed; this one is ${status}.`,
  );
}

/** Ends a run for good; recipients not yet sent stay unsent. */
export function cancelRun(deps: Deps, workspaceId: string, runId: string): Promise<CampaignRun> {
  return move(
    deps,
    workspaceId,
    runId,
    ['queued', 'snapshotting', 'sending', 'paused'],
    () => 'cancelled',
    (status) => `This run has already ended (${status}).`,
  );
}

/**
 * Tries a failed run again: a run whose snapshot failed takes it anew; a run that
 * stopped while sending continues with the recipients not yet sent.
 */
export async function retryRun(deps: Deps, workspaceId: string, runId: string): Promise<CampaignRun> {
  const run = await move(
    deps,
    workspaceId,
    runId,
    ['failed'],
    (failed) => (failed.snapshotAt ? 'sending' : 'queued'),
    (status) => `Only a failed run can be retried; this one is ${status}.`,
  );
  // A new generation: the jobs of the failed attempt may still sit in the queue's history under their ids.
  await deps.jobs.enqueue('campaign-run', { runId, generation: Date.now() }, `run-${runId}-${Date.now()}`);
  return run;
}
