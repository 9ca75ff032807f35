import { campaignOverview, saveCampaign, syncCampaignSchedule } from '@connect/campaigns';
import { AppError, campaignInputSchema } from '@connect/core';
import { sessionRoute } from '@/server/api-route';
import { idParam } from '@/server/id-param';
import { testTriggerSchema } from '../_lib/campaign-body';

export const GET = sessionRoute('read', {}, async ({ session, params, services }) => {
  return campaignOverview(services.store, session.workspaceId, idParam(params.campaignId, 'campaign'));
});

const updateSchema = campaignInputSchema.extend({
  /** Optional: a test event first; the change is saved only when Fyno accepts it. */
  testTrigger: testTriggerSchema.optional(),
});

export const PUT = sessionRoute(
  'edit',
  { body: updateSchema },
  async ({ session, body, params, meta, services }) => {
    const id = idParam(params.campaignId, 'campaign');
    const { testTrigger, ...settings } = body;
    // Editing reschedules: the old times go, the new ones come.
    const result = await saveCampaign(services, {
      workspaceId: session.workspaceId,
      userId: session.user.id,
      campaignId: id,
      campaign: settings,
      ...(testTrigger ? { testTrigger } : {}),
    });
    if (!result.saved) return result;
    await services.store.auditLog.record({
      workspaceId: session.workspaceId,
      actor: session.user,
      action: 'campaign.updated',
      target: { type: 'campaign', id },
      details: { name: result.campaign.name },
      ip: meta.ip,
    });
    return result;
  },
);

/** Deletes a campaign and its run history; refused while a run is still going. */
export const DELETE = sessionRoute('edit', {}, async ({ session, params, meta, services }) => {
  const id = idParam(params.campaignId, 'campaign');
  const campaign = await services.store.campaigns.get(session.workspaceId, id);
  if ((await services.store.campaignRuns.liveForCampaign(session.workspaceId, id)).length > 0) {
    throw new AppError(
      'conflict',
      'This campaign has a run in progress. Cancel it first, then delete the campaign.',
    );
  }
  await syncCampaignSchedule(services, campaign, true);
  await services.store.campaigns.delete(session.workspaceId, id);
  await services.store.auditLog.record({
    workspaceId: session.workspaceId,
    actor: session.user,
    action: 'campaign.deleted',
    target: { type: 'campaign', id },
    details: { name: campaign.name },
    ip: meta.ip,
  });
  return { ok: true };
});
