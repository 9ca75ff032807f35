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
export const POST = sessionRoute('edit', { body: createSchema }, async ({ actor, body, services }) => {
  const { testTrigger, startNow, ...campaign } = body;
  const result = await saveCampaign(services, {
    actor,
    campaign,
    ...(testTrigger ? { testTrigger } : {}),
    startNow,
  });
  return result.saved ? NextResponse.json(result, { status: 201 }) : result;
});
