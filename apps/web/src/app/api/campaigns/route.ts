import { listCampaignSummaries, saveCampaign } from '@connect/campaigns';
import { campaignInputSchema } from '@connect/core';
import { NextResponse } from 'next/server';
import { z } from 'zod';
import { sessionRoute } from '@/server/api-route';
import { testTriggerSchema } from './_lib/campaign-body';

export const GET = sessionRoute('read', {}, async ({ session, services }) => ({
  campaigns: await listCampaignSummaries(services.store, session.workspaceId),
}));

const createSchema = campaignInputSchema.extend({
  /** "Trigger Campaign": one test event first; the campaign is created only when Fyno accepts it. */
  testTrigger: testTriggerSchema.optional(),
  /** One time, now: start the first run as soon as the campaign exists. */
  startNow: z.boolean().default(false),
});

/**
 * Creates a campaign. With `testTrigger`, Fyno must accept a test event first: when it
 * refuses, the reply is 200 with `saved: false` and Fyno's answer, and nothing exists.
 */
export const POST = sessionRoute(
  'edit',
  { body: createSchema },
  async ({ session, body, meta, services }) => {
    const { testTrigger, startNow, ...campaign } = body;
    const result = await saveCampaign(services, {
      workspaceId: session.workspaceId,
      userId: session.user.id,
      campaign,
      ...(testTrigger ? { testTrigger } : {}),
      startNow,
    });
    if (!result.saved) return result;
    await services.store.auditLog.record({
      workspaceId: session.workspaceId,
      actor: session.user,
      action: 'campaign.created',
      target: { type: 'campaign', id: result.campaign.id },
      details: { name: result.campaign.name, event: result.campaign.mapping.eventName },
      ip: meta.ip,
    });
    if (result.run) {
      await services.store.auditLog.record({
        workspaceId: session.workspaceId,
        actor: session.user,
        action: 'campaign.run_started',
        target: { type: 'run', id: result.run.id },
        details: { campaignId: result.campaign.id },
        ip: meta.ip,
      });
    }
    return NextResponse.json(result, { status: 201 });
  },
);
