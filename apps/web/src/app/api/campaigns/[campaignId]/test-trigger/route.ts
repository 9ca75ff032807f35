import { testTrigger } from '@connect/campaigns';
import { fynoChannels } from '@connect/core';
import { z } from 'zod';
import { sessionRoute } from '@/server/api-route';
import { idParam } from '@/server/id-param';

const bodySchema = z.object({
  channel: z.enum(fynoChannels),
  destination: z.string().trim().min(1, 'Enter where the test should go').max(1_000),
});

/** Fires the saved campaign's event once to a test destination; Fyno's reply comes back verbatim. */
export const POST = sessionRoute(
  'edit',
  { body: bodySchema },
  async ({ session, body, params, services }) => {
    const campaign = await services.store.campaigns.get(
      session.workspaceId,
      idParam(params.campaignId, 'campaign'),
    );
    return testTrigger(services, {
      workspaceId: session.workspaceId,
      cohortId: campaign.cohortId,
      mapping: campaign.mapping,
      channel: body.channel,
      destination: body.destination,
    });
  },
);
