import type { Actor } from '@connect/core';
import type { Cohort, Store } from '@connect/store';

/** Copies a cohort under a new name ("Copy of ..."), with its last count. */
export async function duplicateCohort(deps: { store: Store }, actor: Actor, id: string): Promise<Cohort> {
  const { store } = deps;
  const original = await store.cohorts.get(actor.workspaceId, id);
  const taken = new Set((await store.cohorts.list(actor.workspaceId)).map((c) => c.name.toLowerCase()));
  const copy = await store.cohorts.create({
    workspaceId: actor.workspaceId,
    connectionId: original.connectionId,
    name: copyName(original.name, taken),
    source: original.source,
    definition: original.definition,
    createdBy: actor.user.id,
  });
  if (original.lastCount !== null)
    await store.cohorts.recordCount(actor.workspaceId, copy.id, {
      value: original.lastCount,
      exact: original.lastCountKind === 'exact',
    });
  await store.auditLog.recordBy(actor, {
    action: 'cohort.created',
    target: { type: 'cohort', id: copy.id },
    details: { name: copy.name, duplicatedFrom: original.id },
  });
  return store.cohorts.get(actor.workspaceId, copy.id);
}

/** "Copy of X", or "Copy of X (2)" and so on when that is taken. */
export function copyName(name: string, taken: ReadonlySet<string>): string {
  const base = `Copy of ${name}`.slice(0, 110);
  if (!taken.has(base.toLowerCase())) return base;
  for (let n = 2; ; n += 1) {
    const candidate = `${base} (${n})`;
    if (!taken.has(candidate.toLowerCase())) return candidate;
  }
}
