import { type Actor, AppError } from '@connect/core';
import type { JobProducer } from '@connect/queue';
import type { Store } from '@connect/store';
import { syncCampaignSchedule } from '../schedules/campaign-schedule';

/**
 * Deletes a campaign, its pending schedule and its run history. Refused while a run
 * is still going: that run would lose the campaign it reports to.
 */
export async function deleteCampaign(
  deps: { store: Store; jobs: JobProducer },
  actor: Actor,
  campaignId: string,
): Promise<void> {
  const campaign = await deps.store.campaigns.get(actor.workspaceId, campaignId);
  if ((await deps.store.campaignRuns.liveForCampaign(actor.workspaceId, campaignId)).length > 0) {
    throw new AppError(
      'conflict',
      'This campaign has a run in progress. Cancel it first, then delete the campaign.',
    );
  }
  await syncCampaignSchedule(deps, campaign, true);
  await deps.store.campaigns.delete(actor.workspaceId, campaignId);
  await deps.store.auditLog.recordBy(actor, {
    action: 'campaign.deleted',
    target: { type: 'campaign', id: campaignId },
    details: { name: campaign.name },
  });
}
