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
export const POST = sessionRoute('edit', {}, async ({ actor, params, services }) => {
  const action = params.action as keyof typeof actions;
  if (!Object.hasOwn(actions, action)) throw new AppError('not_found', 'There is no such campaign action.');
  return { campaign: await actions[action](services, actor, idParam(params.campaignId, 'campaign')) };
});
