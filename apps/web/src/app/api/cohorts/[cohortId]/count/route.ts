import { recountCohort } from '@connect/cohorts';
import { sessionRoute } from '@/server/api-route';
import { idParam } from '@/server/id-param';

/** Counts a saved cohort now and records the size shown in the cohort list. */
export const POST = sessionRoute('edit', {}, async ({ req, session, params, services }) => ({
  cohort: await recountCohort(services, session.workspaceId, idParam(params.cohortId, 'cohort'), req.signal),
}));
