import type { Cohort } from '@connect/store';
import type { CohortDeps } from '../deps';
import { evaluateCohort } from './evaluate-cohort';

/** Counts a saved cohort now and records the size shown in the cohort list. */
export async function recountCohort(
  deps: CohortDeps,
  workspaceId: string,
  id: string,
  signal?: AbortSignal,
): Promise<Cohort> {
  const cohort = await deps.store.cohorts.get(workspaceId, id);
  const count = await evaluateCohort(deps, workspaceId, cohort, signal);
  await deps.store.cohorts.recordCount(workspaceId, id, { value: count.count, exact: count.exact });
  return deps.store.cohorts.get(workspaceId, id);
}
