import type { Actor } from '@connect/core';
import type { Cohort } from '@connect/store';
import type { z } from 'zod';
import type { CohortDeps } from '../deps';
import type { createCohortSchema } from './cohort-input';
import { evaluateCohort } from './evaluate-cohort';

/** "Save Cohort": checks the definition runs on its database, counts it, and saves it with that count. */
export async function createCohort(
  deps: CohortDeps,
  actor: Actor,
  input: z.infer<typeof createCohortSchema>,
  signal?: AbortSignal,
): Promise<Cohort> {
  const { store } = deps;
  const count = await evaluateCohort(deps, actor.workspaceId, input, signal);
  const cohort = await store.cohorts.create({
    workspaceId: actor.workspaceId,
    connectionId: input.connectionId,
    name: input.name,
    source: input.source,
    definition: input.definition,
    createdBy: actor.user.id,
  });
  await store.cohorts.recordCount(actor.workspaceId, cohort.id, { value: count.count, exact: count.exact });
  await store.auditLog.recordBy(actor, {
    action: 'cohort.created',
    target: { type: 'cohort', id: cohort.id },
    details: { name: cohort.name, connectionId: input.connectionId },
  });
  return store.cohorts.get(actor.workspaceId, cohort.id);
}
