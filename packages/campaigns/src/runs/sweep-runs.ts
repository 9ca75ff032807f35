import { keepRunMoving, type RunDeps, type RunProgressCheck } from './run-lifecycle';

/** A run that has not moved for this long is looked at; one with a live job is left alone. */
export const sweepIdleMs = 60_000;

/**
 * The sweeper: finds runs that should be moving but have not for a while, and for
 * each with no live job queues what it still needs (or completes it). Whatever race
 * left a run with work and no job (a worker dying between two steps, a pause landing
 * between a batch's results and its completion check), the run moves again within a
 * sweep. Returns what it did, by run.
 */
export async function sweepRuns(
  deps: RunDeps,
  options: { idleMs?: number } = {},
): Promise<Record<string, RunProgressCheck>> {
  const quiet = await deps.store.campaignRuns.quietLiveRuns(options.idleMs ?? sweepIdleMs);
  if (quiet.length === 0) return {};
  const liveRunIds = await deps.jobs.liveRunIds();
  const done: Record<string, RunProgressCheck> = {};
  for (const run of quiet) {
    const outcome = await keepRunMoving(deps, run.id, { liveRunIds });
    if (outcome !== 'moving') done[run.id] = outcome;
  }
  if (Object.keys(done).length > 0) deps.logger?.warn({ runs: done }, 'sweeper moved stranded runs');
  return done;
}
