import { NextResponse } from 'next/server';
import { sessionRoute } from '@/server/api-route';
import { createCohortSchema } from './_lib/cohort-input';
import { evaluateCohort } from './_lib/evaluate-cohort';

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
  async ({ req, session, body, meta, services }) => {
    const count = await evaluateCohort(services, session.workspaceId, body, req.signal);
    const cohort = await services.store.cohorts.create({
      workspaceId: session.workspaceId,
      connectionId: body.connectionId,
      name: body.name,
      source: body.source,
      definition: body.definition,
      createdBy: session.user.id,
    });
    await services.store.cohorts.recordCount(session.workspaceId, cohort.id, {
      value: count.count,
      exact: count.exact,
    });
    await services.store.auditLog.record({
      workspaceId: session.workspaceId,
      actor: session.user,
      action: 'cohort.created',
      target: { type: 'cohort', id: cohort.id },
      details: { name: cohort.name, connectionId: body.connectionId },
      ip: meta.ip,
    });
    return NextResponse.json(
      { cohort: await services.store.cohorts.get(session.workspaceId, cohort.id) },
      { status: 201 },
    );
  },
);
