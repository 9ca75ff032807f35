import type { Actor } from '@connect/core';
import type { Store } from '@connect/store';
import { cohortInUse, refuseIfInUse } from '../in-use';

/** Deletes a cohort; refused while a campaign sends to it (the campaigns are named). */
export async function deleteCohort(deps: { store: Store }, actor: Actor, id: string): Promise<void> {
  const { store } = deps;
  const cohort = await store.cohorts.get(actor.workspaceId, id);
  refuseIfInUse(await cohortInUse(store, actor.workspaceId, cohort));
  await store.cohorts.delete(actor.workspaceId, id);
  await store.auditLog.recordBy(actor, {
    action: 'cohort.deleted',
    target: { type: 'cohort', id },
    details: { name: cohort.name },
  });
}
