import { cohortInUse, deleteCohort, updateCohort, updateCohortSchema } from '@connect/cohorts';
import { sessionRoute } from '@/server/api-route';
import { idParam } from '@/server/id-param';

/** One cohort, the campaigns that send to it, and whether that blocks deleting it. */
export const GET = sessionRoute('read', {}, async ({ session, params, services }) => {
  const id = idParam(params.cohortId, 'cohort');
  const cohort = await services.store.cohorts.get(session.workspaceId, id);
  return {
    cohort,
    campaigns: await services.store.campaigns.listByCohort(session.workspaceId, id),
    inUse: await cohortInUse(services.store, session.workspaceId, cohort),
  };
});

/** Renames a cohort, or changes what it selects (checked and counted first). */
export const PUT = sessionRoute(
  'edit',
  { body: updateCohortSchema },
  async ({ req, actor, body, params, services }) => ({
    cohort: await updateCohort(services, actor, idParam(params.cohortId, 'cohort'), body, req.signal),
  }),
);

/** Deletes a cohort; refused while a campaign sends to it (the campaigns are named). */
export const DELETE = sessionRoute('edit', {}, async ({ actor, params, services }) => {
  await deleteCohort(services, actor, idParam(params.cohortId, 'cohort'));
  return { ok: true };
});
