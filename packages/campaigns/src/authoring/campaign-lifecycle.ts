import { type Actor, AppError, upcomingRuns } from '@connect/core';
import type { JobProducer } from '@connect/queue';
import type { CampaignRow, CampaignRun, Store } from '@connect/store';
import { syncCampaignSchedule } from '../schedules/campaign-schedule';
import { runProgress, type RunProgress } from '../runs/run-progress';

type Deps = { store: Store; jobs: JobProducer };

/** Stops a campaign's schedule; runs already going continue, and its history stays. */
export async function pauseCampaignSchedule(
  deps: Deps,
  actor: Actor,
  campaignId: string,
): Promise<CampaignRow> {
  const campaign = await deps.store.campaigns.get(actor.workspaceId, campaignId);
  if (campaign.status !== 'active')
    throw new AppError('conflict', `This campaign is ${campaign.status}, not running on a schedule.`);
  const paused = await deps.store.campaigns.setStatus(actor.workspaceId, campaignId, 'paused');
  await syncCampaignSchedule(deps, paused);
  await deps.store.auditLog.recordBy(actor, {
    action: 'campaign.pause',
    target: { type: 'campaign', id: campaignId },
  });
  return paused;
}

export async function resumeCampaignSchedule(
  deps: Deps,
  actor: Actor,
  campaignId: string,
): Promise<CampaignRow> {
  const campaign = await deps.store.campaigns.get(actor.workspaceId, campaignId);
  if (campaign.status !== 'paused')
    throw new AppError('conflict', `Only a paused campaign can be resumed; this one is ${campaign.status}.`);
  const active = await deps.store.campaigns.setStatus(actor.workspaceId, campaignId, 'active');
  await syncCampaignSchedule(deps, active);
  await deps.store.auditLog.recordBy(actor, {
    action: 'campaign.resume',
    target: { type: 'campaign', id: campaignId },
  });
  return active;
}

/** A copy of a campaign, paused, named "… (copy)", so nothing runs until someone resumes or edits it. */
export async function duplicateCampaign(deps: Deps, actor: Actor, campaignId: string): Promise<CampaignRow> {
  const { workspaceId } = actor;
  const original = await deps.store.campaigns.get(workspaceId, campaignId);
  for (let attempt = 1; ; attempt += 1) {
    const name = attempt === 1 ? `${original.name} (copy)` : `${original.name} (copy ${attempt})`;
    try {
      const copy = await deps.store.campaigns.create(
        workspaceId,
        {
          name,
          type: original.type,
          cohortId: original.cohortId,
          mapping: original.mapping,
          rateLimitPerSecond: original.rateLimitPerSecond,
          errorPolicy: original.errorPolicy,
          schedule: original.schedule,
        },
        actor.user.id,
      );
      const result = await deps.store.campaigns.setStatus(
        workspaceId,
        copy.id,
        original.schedule ? 'paused' : 'active',
      );
      await deps.store.auditLog.recordBy(actor, {
        action: 'campaign.duplicate',
        target: { type: 'campaign', id: copy.id },
        details: { from: campaignId, name },
      });
      return result;
    } catch (error) {
      if (!(error instanceof AppError && error.code === 'conflict') || attempt >= 20) throw error;
    }
  }
}

export interface CampaignOverview {
  campaign: CampaignRow;
  runs: (CampaignRun & { progress: RunProgress })[];
  /**
   * The next five runs (empty when paused, completed or not scheduled): when (ISO) and,
   * when a daylight-saving change moves one, why.
   */
  nextRuns: { at: string; note: string | null }[];
  scheduledRunsCompleted: number;
}

/** Everything the campaign page shows. */
export async function campaignOverview(
  store: Store,
  workspaceId: string,
  campaignId: string,
): Promise<CampaignOverview> {
  const campaign = await store.campaigns.get(workspaceId, campaignId);
  const runs = await store.campaignRuns.listByCampaign(workspaceId, campaignId);
  const { completed } = await store.campaignRuns.scheduledRunCounts(campaignId);
  const nextRuns =
    campaign.schedule && campaign.status === 'active'
      ? upcomingRuns(campaign.schedule, { count: 5, completedRuns: completed }).map((run) => ({
          at: run.at.toISOString(),
          note: run.note,
        }))
      : [];
  return {
    campaign,
    runs: runs.map((run) => ({ ...run, progress: runProgress(run) })),
    nextRuns,
    scheduledRunsCompleted: completed,
  };
}
