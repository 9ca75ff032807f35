import { cronPatterns, zonedInstant } from '@connect/core';
import type { JobProducer } from '@connect/queue';
import type { CampaignRow, Store } from '@connect/store';
import { startCampaignRun } from './start-run';

type Deps = { store: Store; jobs: JobProducer };

const schedulerPrefix = (campaignId: string) => `campaign-${campaignId}-`;
const onceJobPrefix = (campaignId: string) => `once-${campaignId}-`;

/**
 * Makes the queue's schedulers match the campaign: called after it is created,
 * edited, paused, resumed, finished or deleted. Whatever was scheduled before is
 * removed first, so an edit never leaves the old times behind.
 */
export async function syncCampaignSchedule(
  deps: Deps,
  campaign: CampaignRow,
  deleted = false,
): Promise<void> {
  await deps.jobs.removeSchedulers('campaign-tick', schedulerPrefix(campaign.id));
  await deps.jobs.removeDelayed('campaign-tick', onceJobPrefix(campaign.id));
  const schedule = campaign.schedule;
  if (deleted || !schedule || campaign.status !== 'active') return;

  if (schedule.kind === 'once') {
    const at = zonedInstant(schedule.at, schedule.timeZone);
    if (at.getTime() <= Date.now()) return;
    await deps.jobs.enqueueAt(
      'campaign-tick',
      { campaignId: campaign.id, occurrence: `once:${at.toISOString()}` },
      `${onceJobPrefix(campaign.id)}${at.getTime()}`,
      at,
    );
    return;
  }
  const startDate = zonedInstant(`${schedule.startDate}T00:00`, schedule.timeZone);
  const patterns = cronPatterns(schedule);
  for (const [index, pattern] of patterns.entries()) {
    await deps.jobs.upsertCronScheduler(
      `${schedulerPrefix(campaign.id)}p${index}`,
      'campaign-tick',
      { campaignId: campaign.id },
      { pattern, tz: schedule.timeZone, startDate },
    );
  }
}

export type TickOutcome = 'started' | 'already-started' | 'skipped';

/**
 * A schedule's moment came. The occurrence key is the slot's own time, so the same
 * slot firing twice (a retried job, two workers, a restart) starts one run; a
 * campaign that is paused, gone or has reached "end after N" starts none.
 */
export async function runScheduledOccurrence(
  deps: Deps,
  input: { campaignId: string; occurrence: string },
): Promise<TickOutcome> {
  const campaign = await deps.store.campaigns.find(input.campaignId);
  if (!campaign || campaign.status !== 'active' || !campaign.schedule) return 'skipped';
  if (campaign.schedule.kind === 'recurring' && campaign.schedule.endAfterRuns !== null) {
    const counts = await deps.store.campaignRuns.scheduledRunCounts(campaign.id);
    if (counts.completed + counts.live >= campaign.schedule.endAfterRuns) return 'skipped';
  }
  const { created } = await startCampaignRun(deps, {
    workspaceId: campaign.workspaceId,
    campaignId: campaign.id,
    trigger: 'schedule',
    occurrence: input.occurrence,
    requestedBy: null,
  });
  return created ? 'started' : 'already-started';
}

/**
 * After a run completes: once the schedule's "end after N" completed runs are done
 * (or a one-time schedule has run), the campaign is completed and its schedulers are
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
