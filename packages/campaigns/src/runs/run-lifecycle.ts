import { isRunFinished } from '@connect/core';
import type { JobProducer } from '@connect/queue';
import type { CampaignRun, RunStatus, Store } from '@connect/store';
import { afterRunCompleted } from '../schedules/campaign-schedule';
import type { EngineLogger } from '../engine-deps';
import { enqueueBatches, enqueueSnapshot } from './run-jobs';

/** What moving a run needs: the store, the queues (to queue work on entry), a logger. */
export interface RunDeps {
  store: Store;
  jobs: JobProducer;
  logger?: EngineLogger;
}

/**
 * Every move a run can make: the statuses it may start from and the one it ends in.
 * This table is the only place run statuses change; `moveRun` applies it and runs
 * what each move must do on entry (see `onEntry`).
 */
export const runMoves = {
  /** A snapshot job starts reading the cohort (or starts again after its worker died). */
  startSnapshot: { from: ['queued', 'snapshotting'], to: 'snapshotting' },
  /** The snapshot is recorded: sending starts. A run paused meanwhile stays paused. */
  recordSnapshot: { from: ['snapshotting'], to: 'sending' },
  /** Nothing is left to send. */
  complete: { from: ['sending'], to: 'completed' },
  /** A person pauses: the snapshot finishes reading, batches stop between requests. */
  pause: { from: ['queued', 'snapshotting', 'sending'], to: 'paused' },
  /** Resumed before its snapshot was recorded: the snapshot is taken (again if it never ran). */
  resumeSnapshot: { from: ['paused'], to: 'snapshotting' },
  /** Resumed with its snapshot recorded: sending goes on, or the run completes. */
  resumeSending: { from: ['paused'], to: 'sending' },
  /** The cohort could not be read, or Fyno refused for good, or the error policy stopped it. */
  fail: { from: ['queued', 'snapshotting', 'sending', 'paused'], to: 'failed' },
  /** A person ends it; recipients not yet sent stay unsent. */
  cancel: { from: ['queued', 'snapshotting', 'sending', 'paused'], to: 'cancelled' },
  /** A failed run whose snapshot never got recorded takes it anew. */
  retrySnapshot: { from: ['failed'], to: 'queued' },
  /** A failed run that stopped while sending goes on with the recipients not yet sent. */
  retrySending: { from: ['failed'], to: 'sending' },
} as const satisfies Record<string, { from: readonly RunStatus[]; to: RunStatus }>;

export type RunMove = keyof typeof runMoves;

/**
 * What a move must do once it has happened. A resumed or retried run gets its work
 * queued again (it may have none queued: a snapshot job skipped while the run was
 * paused, a pause that landed after the last batch), and completion does the
 * schedule's bookkeeping.
 */
const onEntry: Partial<Record<RunMove, (deps: RunDeps, run: CampaignRun) => Promise<unknown>>> = {
  complete: (deps, run) => afterRunCompleted(deps, run.id),
  resumeSnapshot: (deps, run) => keepRunMoving(deps, run.id),
  resumeSending: (deps, run) => keepRunMoving(deps, run.id),
  retrySnapshot: (deps, run) => keepRunMoving(deps, run.id, { requeue: true }),
  retrySending: (deps, run) => keepRunMoving(deps, run.id, { requeue: true }),
};

/** Whether `move` may start from `status`: the table, as a question. */
export function canMove(status: RunStatus, move: RunMove): boolean {
  return (runMoves[move].from as readonly RunStatus[]).includes(status);
}

/**
 * Applies one move to a run if it is in one of the move's starting statuses (atomically:
 * of two workers racing, one wins), then runs the move's entry action. Returns the
 * moved run, or undefined when the run was not in a status the move starts from.
 */
export async function moveRun(
  deps: RunDeps,
  runId: string,
  move: RunMove,
  extra: { failureReason?: string } = {},
): Promise<CampaignRun | undefined> {
  const { from, to } = runMoves[move];
  if (!(await deps.store.campaignRuns.transition(runId, [...from], to, extra))) return undefined;
  const run = await deps.store.campaignRuns.find(runId);
  if (!run) return undefined;
  if (move === 'fail') deps.logger?.warn({ runId, reason: extra.failureReason }, 'run failed');
  if (move === 'complete') deps.logger?.info({ runId }, 'run completed');
  await onEntry[move]?.(deps, run);
  return run;
}

/** What {@link keepRunMoving} found, and did. */
export type RunProgressCheck =
  'finished' | 'paused' | 'moving' | 'completed' | 'requeued-snapshot' | 'requeued-batches';

/**
 * Makes sure a run that should be moving has its work queued: the snapshot job while
 * its snapshot is not recorded, batch jobs while recipients wait; and completes it
 * when nothing is left to send. Work is queued anew (a new generation of job ids)
 * only when none of the run's jobs is alive, or `requeue` says the old ones are
 * done with (a retry). Called on resume and retry, and by the sweeper for runs that
 * have not moved for a while, so no race can leave a run stranded.
 */
export async function keepRunMoving(
  deps: RunDeps,
  runId: string,
  options: { requeue?: boolean; liveRunIds?: ReadonlySet<string> } = {},
): Promise<RunProgressCheck> {
  let run = await deps.store.campaignRuns.find(runId);
  if (!run || isRunFinished(run.status)) return 'finished';
  if (run.status === 'paused') return 'paused';
  const alive = async () =>
    !options.requeue && (options.liveRunIds ?? (await deps.jobs.liveRunIds())).has(runId);
  if (!run.snapshotAt) {
    if (await alive()) return 'moving';
    const generation = await deps.store.campaignRuns.bumpGeneration(runId);
    await enqueueSnapshot(deps.jobs, runId, generation);
    deps.logger?.info({ runId, generation }, 'snapshot queued again');
    return 'requeued-snapshot';
  }
  // A snapshot recorded by a worker that died before moving the run on.
  if (run.status === 'snapshotting') run = (await moveRun(deps, runId, 'recordSnapshot')) ?? run;
  if (!(await deps.store.runRecipients.hasPending(runId))) {
    return (await moveRun(deps, runId, 'complete')) ? 'completed' : 'moving';
  }
  if (await alive()) return 'moving';
  const generation = await deps.store.campaignRuns.bumpGeneration(runId);
  await enqueueBatches(deps.jobs, {
    runId,
    generation,
    batchesTotal: run.batchesTotal,
    batchSize: run.batchSize,
  });
  deps.logger?.info({ runId, generation }, 'batches queued again');
  return 'requeued-batches';
}
