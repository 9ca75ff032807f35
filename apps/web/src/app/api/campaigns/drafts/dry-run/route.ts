import { dryRunCampaign } from '@connect/campaigns';
import { campaignMappingSchema } from '@connect/core';
import { z } from 'zod';
import { sessionRoute } from '@/server/api-route';

const bodySchema = z.object({
  cohortId: z.uuid('Choose a cohort'),
  mapping: campaignMappingSchema,
});

/**
 * "Would send N, M invalid, K duplicates": reads the whole cohort the way a run's
 * snapshot does and counts, without writing or sending anything. Leaving the page
 * cancels the query on the customer database.
 */
export const POST = sessionRoute('edit', { body: bodySchema }, async ({ req, session, body, services }) =>
  dryRunCampaign(
    {
      store: services.store,
      connectors: services.connectors,
      defaultPhoneCountry: services.env.DEFAULT_PHONE_COUNTRY,
    },
    {
      workspaceId: session.workspaceId,
      cohortId: body.cohortId,
      mapping: body.mapping,
      signal: req.signal,
    },
  ),
);
