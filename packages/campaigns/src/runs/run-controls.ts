import { type Actor, AppError } from '@connect/core';
import type { CampaignRun } from '@connect/store';
import { canMove, moveRun, type RunDeps, type RunMove } from './run-lifecycle';

/** A person's control of a run: the move it makes, refused in words when the run cannot make it, and audited. */
async function apply(
  deps: RunDeps,
  actor: Actor,
  runId: string,
  control: { action: 'pause' | 'resume' | 'cancel' | 'retry'; choose: (run: CampaignRun) => RunMove },
  refusal: (status: CampaignRun['status']) => string,
): Promise<CampaignRun> {
  const run = await deps.store.campaignRuns.get(actor.workspaceId, runId);
  const move = control.choose(run);
  if (!canMove(run.status, move) || !(await moveRun(deps, run.id, move))) {
    const now = await deps.store.campaignRuns.get(actor.workspaceId, runId);
    throw new AppError('conflict', refusal(now.status));
  }
  await deps.store.auditLog.recordBy(actor, {
    action: `run.${control.action}`,
    target: { type: 'run', id: runId },
    details: { campaignId: run.campaignId },
  });
  return deps.store.campaignRuns.get(actor.workspaceId, runId);
}

/**
 * Stops sending once the batches in flight finish their current request. A run
 * still taking its snapshot finishes reading, then waits; a queued one waits before
 * reading.
 */
export function pauseRun(deps: RunDeps, actor: Actor, runId: string): Promise<CampaignRun> {
  return apply(
    deps,
    actor,
    runId,
    { action: 'pause', choose: () => 'pause' },
    (status) => `Only a running run can be paused; this one is ${status}.`,
  );
}

/** Goes on where the run stopped: its snapshot, its sending, or completes it if nothing is left. */
export function resumeRun(deps: RunDeps, actor: Actor, runId: string): Promise<CampaignRun> {
  return apply(
    deps,
    actor,
    runId,
    { action: 'resume', choose: (run) => (run.snapshotAt ? 'resumeSending' : 'resumeSnapshot') },
    (status) => `Only a paused run can be resumed; this one is ${status}.`,
  );
}

/** Ends a run for good; recipients not yet sent stay unsent. */
export function cancelRun(deps: RunDeps, actor: Actor, runId: string): Promise<CampaignRun> {
  return apply(
    deps,
    actor,
    runId,
    { action: 'cancel', choose: () => 'cancel' },
    (status) => `This run has already ended (${status}).`,
  );
}

/**
 * Tries a failed run again: a run whose snapshot failed takes it anew; a run that
 * stopped while sending continues with the recipients not yet sent.
 */
export function retryRun(deps: RunDeps, actor: Actor, runId: string): Promise<CampaignRun> {
  return apply(
    deps,
    actor,
    runId,
    { action: 'retry', choose: (run) => (run.snapshotAt ? 'retrySending' : 'retrySnapshot') },
    (status) => `Only a failed run can be retried; this one is ${status}.`,
  );
}
