import { createCohort, createCohortSchema } from '@connect/cohorts';
import { NextResponse } from 'next/server';
import { sessionRoute } from '@/server/api-route';

/** Every cohort with its database, its size at the last count and how many campaigns use it. */
export const GET = sessionRoute('read', {}, async ({ session, services }) => {
  const [cohorts, campaigns] = await Promise.all([
    services.store.cohorts.list(session.workspaceId),
    services.store.campaigns.list(session.workspaceId),
  ]);
  const usage = new Map<string, number>();
  for (const campaign of campaigns) usage.set(campaign.cohortId, (usage.get(campaign.cohortId) ?? 0) + 1);
  return { cohorts: cohorts.map((cohort) => ({ ...cohort, campaignCount: usage.get(cohort.id) ?? 0 })) };
});

/** "Save Cohort": checks the definition runs, counts it, and saves it. */
export const POST = sessionRoute(
  'edit',
  { body: createCohortSchema },
  async ({ req, actor, body, services }) =>
    NextResponse.json({ cohort: await createCohort(services, actor, body, req.signal) }, { status: 201 }),
);
