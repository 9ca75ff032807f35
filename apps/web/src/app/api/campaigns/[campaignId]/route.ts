import { campaignOverview, deleteCampaign, saveCampaign } from '@connect/campaigns';
import { campaignInputSchema } from '@connect/core';
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

/** Saves a change; with `testTrigger`, only once Fyno accepts a test event (as on create). */
export const PUT = sessionRoute('edit', { body: updateSchema }, async ({ actor, body, params, services }) => {
  const { testTrigger, ...campaign } = body;
  return saveCampaign(services, {
    actor,
    campaignId: idParam(params.campaignId, 'campaign'),
    campaign,
    ...(testTrigger ? { testTrigger } : {}),
  });
});

/** Deletes a campaign and its run history; refused while a run is still going. */
export const DELETE = sessionRoute('edit', {}, async ({ actor, params, services }) => {
  await deleteCampaign(services, actor, idParam(params.campaignId, 'campaign'));
  return { ok: true };
});
