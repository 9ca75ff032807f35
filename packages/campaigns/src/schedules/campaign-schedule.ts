import { type ScheduleSpec, upcomingRuns, type UpcomingRun } from '@connect/core';
import type { JobProducer } from '@connect/queue';
import type { CampaignRow, Store } from '@connect/store';
import { startCampaignRun } from '../runs/start-run';

type Deps = { store: Store; jobs: JobProducer };

/** Every pending tick of a campaign starts with this; the rest of the id is the tick's epoch ms. */
const tickPrefix = (campaignId: string) => `tick-${campaignId}-`;
// What earlier versions queued: one cron job scheduler per minute pattern, and a
// delayed job for one-time schedules. Removed wherever a campaign's ticks are set.
const legacySchedulerPrefix = (campaignId: string) => `campaign-${campaignId}-`;
const legacyOncePrefix = (campaignId: string) => `once-${campaignId}-`;

/**
 * A run's idempotency key for one slot of a schedule: the slot's local date and time
 * with the zone (`slot:2027-09-05T00:30 America/Santiago`), so however often or late
 * its tick fires, and wherever a daylight-saving change moves it, the slot starts one
 * run. One-time schedules keep their instant (`once:<ISO>`).
 */
export function occurrenceKey(schedule: ScheduleSpec, run: UpcomingRun): string {
  return schedule.kind === 'once' ? `once:${run.at.toISOString()}` : `slot:${run.slot} ${schedule.timeZone}`;
}

/**
 * Makes the queue match the campaign: called after it is created, edited, paused,
 * resumed, finished or deleted. Its pending tick is removed first, so an edit never
 * leaves the old time behind; an active scheduled campaign then gets the tick of
 * its next run.
 */
export async function syncCampaignSchedule(
  deps: Deps,
  campaign: CampaignRow,
  deleted = false,
): Promise<void> {
  await deps.jobs.removePending('campaign-tick', tickPrefix(campaign.id));
  await deps.jobs.removeSchedulers('campaign-tick', legacySchedulerPrefix(campaign.id));
  await deps.jobs.removePending('campaign-tick', legacyOncePrefix(campaign.id));
  if (deleted || !campaign.schedule || campaign.status !== 'active') return;
  await enqueueNextTick(deps, campaign, deps.jobs.now());
}

/**
 * Queues the tick of a campaign's first run after `after`, from the same
 * `upcomingRuns` the preview shows (so what fires is what was shown); none once the
 * schedule has no run left. Returns the tick's job id, or null.
 */
async function enqueueNextTick(deps: Deps, campaign: CampaignRow, after: Date): Promise<string | null> {
  const schedule = campaign.schedule;
  if (!schedule) return null;
  const { completed } = await deps.store.campaignRuns.scheduledRunCounts(campaign.id);
  const [next] = upcomingRuns(schedule, { from: after, count: 1, completedRuns: completed });
  if (!next) return null;
  const jobId = `${tickPrefix(campaign.id)}${next.at.getTime()}`;
  await deps.jobs.enqueueAt(
    'campaign-tick',
    { campaignId: campaign.id, occurrence: occurrenceKey(schedule, next), at: next.at.getTime() },
    jobId,
    next.at,
  );
  return jobId;
}

/**
 * Re-creates the missing tick of every active scheduled campaign (at worker start and
 * in each sweep), so a tick lost anywhere (Redis restored from an old copy, a crash
 * between a run starting and its next tick being queued) costs at most one sweep.
 * Also removes the cron job schedulers earlier versions used. Returns the campaigns
 * that got a tick.
 */
export async function ensureScheduleTicks(deps: Deps): Promise<string[]> {
  const campaigns = await deps.store.campaigns.listScheduledActive();
  await deps.jobs.removeSchedulers('campaign-tick', 'campaign-');
  if (campaigns.length === 0) return [];
  const pending = await deps.jobs.pendingJobIds('campaign-tick', 'tick-');
  const created: string[] = [];
  for (const campaign of campaigns) {
    const prefix = tickPrefix(campaign.id);
    if (pending.some((id) => id.startsWith(prefix))) continue;
    if (await enqueueNextTick(deps, campaign, deps.jobs.now())) created.push(campaign.id);
  }
  return created;
}

export type TickOutcome = 'started' | 'already-started' | 'skipped' | 'stale';

/**
 * A tick fired: starts the run of its slot, then queues the campaign's next tick.
 * The occurrence key makes the same slot firing twice (a retried job, two workers, a
 * restart) start one run; a campaign that is paused, gone or has reached "end after
 * N" starts none. A tick its campaign's schedule no longer has (it was edited while
 * the tick was on its way) starts nothing, and the right tick is queued instead.
 * Ticks that fall due while no worker runs are not lost (the first one runs late)
 * and do not pile up (the next is computed from now).
 */
export async function runScheduledOccurrence(
  deps: Deps,
  input: { campaignId: string; occurrence: string; at: number },
): Promise<TickOutcome> {
  const campaign = await deps.store.campaigns.find(input.campaignId);
  if (!campaign || campaign.status !== 'active' || !campaign.schedule) return 'skipped';
  const schedule = campaign.schedule;
  const [due] = upcomingRuns(schedule, { from: new Date(input.at - 1), count: 1 });
  if (!due || due.at.getTime() !== input.at || occurrenceKey(schedule, due) !== input.occurrence) {
    // This tick is still pending (it is running): look for another one beside it.
    const self = `${tickPrefix(campaign.id)}${input.at}`;
    const others = (await deps.jobs.pendingJobIds('campaign-tick', tickPrefix(campaign.id))).filter(
      (id) => id !== self,
    );
    if (others.length === 0) await enqueueNextTick(deps, campaign, deps.jobs.now());
    return 'stale';
  }
  const outcome = await startSlotRun(deps, campaign, input.occurrence);
  const now = deps.jobs.now().getTime();
  await enqueueNextTick(deps, campaign, new Date(Math.max(input.at, now)));
  return outcome;
}

async function startSlotRun(deps: Deps, campaign: CampaignRow, occurrence: string): Promise<TickOutcome> {
  if (campaign.schedule?.kind === 'recurring' && campaign.schedule.endAfterRuns !== null) {
    const counts = await deps.store.campaignRuns.scheduledRunCounts(campaign.id);
    if (counts.completed + counts.live >= campaign.schedule.endAfterRuns) return 'skipped';
  }
  const { created } = await startCampaignRun(deps, {
    workspaceId: campaign.workspaceId,
    campaignId: campaign.id,
    trigger: 'schedule',
    occurrence,
    requestedBy: null,
  });
  return created ? 'started' : 'already-started';
}

/**
 * After a run completes: once the schedule's "end after N" completed runs are done
 * (or a one-time schedule has run), the campaign is completed and its tick is
 * removed; runs started by hand do not count towards that. A campaign with no
 * schedule (sent when started) is completed by its run.
 */
export async function afterRunCompleted(deps: Deps, runId: string): Promise<void> {
  const run = await deps.store.campaignRuns.find(runId);
  if (!run) return;
  const campaign = await deps.store.campaigns.find(run.campaignId);
  if (!campaign) return;
  const schedule = campaign.schedule;
  // A one-time campaign sent when started is done once its run is.
  if (!schedule) {
    if (campaign.status === 'active')
      await deps.store.campaigns.setStatus(campaign.workspaceId, campaign.id, 'completed');
    return;
  }
  if (run.trigger !== 'schedule') return;
  const finished =
    schedule.kind === 'once' ||
    (schedule.endAfterRuns !== null &&
      (await deps.store.campaignRuns.scheduledRunCounts(campaign.id)).completed >= schedule.endAfterRuns);
  if (!finished) return;
  const completed = await deps.store.campaigns.setStatus(campaign.workspaceId, campaign.id, 'completed');
  await syncCampaignSchedule(deps, completed);
}
