import { duplicateCampaign, pauseCampaignSchedule, resumeCampaignSchedule } from '@connect/campaigns';
import { AppError } from '@connect/core';
import { sessionRoute } from '@/server/api-route';
import { idParam } from '@/server/id-param';

const actions = {
  pause: pauseCampaignSchedule,
  resume: resumeCampaignSchedule,
  duplicate: duplicateCampaign,
} as const;

/** Pause or resume a campaign's schedule (run history is kept), or duplicate the campaign. */
export const POST = sessionRoute('edit', {}, async ({ session, params, meta, services }) => {
  const campaignId = idParam(params.campaignId, 'campaign');
  const action = params.action as keyof typeof actions;
  if (!Object.hasOwn(actions, action)) throw new AppError('not_found', 'There is no such campaign action.');
  const campaign = await actions[action](services, session.workspaceId, campaignId, session.user.id);
  await services.store.auditLog.record({
    workspaceId: session.workspaceId,
    actor: session.user,
    action: `campaign.${action}`,
    target: { type: 'campaign', id: campaign.id },
    ip: meta.ip,
  });
  return { campaign };
});
