import { sampleCohort } from '@connect/campaigns';
import { fynoChannels, phoneCountrySchema } from '@connect/core';
import { z } from 'zod';
import { sessionRoute } from '@/server/api-route';

const bodySchema = z.object({
  cohortId: z.uuid('Choose a cohort'),
  to: z.partialRecord(z.enum(fynoChannels), z.string().min(1).max(500)).default({}),
  /** The campaign's own phone country; null for the workspace default. */
  phoneCountry: phoneCountrySchema.nullable().default(null),
});

/**
 * The wizard's "To" step, before anything is saved: the cohort's columns, its first
 * row, and for each mapped channel the first values and how many of the first rows
 * hold a valid destination. A read, sent as POST for its body; editors only, as the
 * wizard is theirs.
 */
export const POST = sessionRoute('edit', { body: bodySchema }, async ({ req, session, body, services }) =>
  sampleCohort(
    {
      store: services.store,
      connectors: services.connectors,
      defaultPhoneCountry: services.env.DEFAULT_PHONE_COUNTRY,
    },
    {
      workspaceId: session.workspaceId,
      cohortId: body.cohortId,
      to: body.to,
      phoneCountry: body.phoneCountry,
      signal: req.signal,
    },
  ),
);
