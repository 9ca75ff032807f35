import type { Actor } from '@connect/core';
import type { Cohort } from '@connect/store';
import type { z } from 'zod';
import type { CohortDeps } from '../deps';
import type { updateCohortSchema } from './cohort-input';
import { evaluateCohort } from './evaluate-cohort';

/**
 * Renames a cohort, or changes what it selects. A changed definition is checked on
 * the database and counted before it is saved.
 */
export async function updateCohort(
  deps: CohortDeps,
  actor: Actor,
  id: string,
  input: z.infer<typeof updateCohortSchema>,
  signal?: AbortSignal,
): Promise<Cohort> {
  const { store } = deps;
  const current = await store.cohorts.get(actor.workspaceId, id);
  const selection =
    input.definition !== undefined ? { source: input.source ?? null, definition: input.definition } : null;
  const count = selection
    ? await evaluateCohort(
        deps,
        actor.workspaceId,
        { connectionId: current.connectionId, ...selection },
        signal,
      )
    : undefined;
  const cohort = await store.cohorts.update(actor.workspaceId, id, {
    ...(input.name !== undefined ? { name: input.name } : {}),
    ...(selection ?? {}),
  });
  if (count)
    await store.cohorts.recordCount(actor.workspaceId, id, { value: count.count, exact: count.exact });
  await store.auditLog.recordBy(actor, {
    action: 'cohort.updated',
    target: { type: 'cohort', id },
    details: {
      name: cohort.name,
      ...(current.name !== cohort.name ? { previousName: current.name } : {}),
      definitionChanged: selection !== null,
    },
  });
  return store.cohorts.get(actor.workspaceId, id);
}
