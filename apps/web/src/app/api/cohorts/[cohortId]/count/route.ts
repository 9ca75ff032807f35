import { sessionRoute } from '@/server/api-route';
import { idParam } from '@/server/id-param';
import { unlessCancelled } from '../../../connections/_lib/customer-connector';
import { evaluateCohort } from '../../_lib/evaluate-cohort';

/** Counts a saved cohort now and records the size shown in the cohort list. */
export const POST = sessionRoute('edit', {}, async ({ req, session, params, services }) =>
  unlessCancelled(req.signal, async () => {
    const id = idParam(params.cohortId, 'cohort');
    const cohort = await services.store.cohorts.get(session.workspaceId, id);
    const count = await evaluateCohort(services, session.workspaceId, cohort, req.signal);
    await services.store.cohorts.recordCount(session.workspaceId, id, {
      value: count.count,
      exact: count.exact,
    });
    return { cohort: await services.store.cohorts.get(session.workspaceId, id) };
  }),
);
