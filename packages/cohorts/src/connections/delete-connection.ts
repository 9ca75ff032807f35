import type { Actor } from '@connect/core';
import type { CohortDeps } from '../deps';
import { connectionInUse, refuseIfInUse } from '../in-use';

/**
 * Deletes a connection and closes its pool; refused while cohorts read from it (they
 * are named). Only Connect forgets it: nothing in the database changes.
 */
export async function deleteConnection(deps: CohortDeps, actor: Actor, id: string): Promise<void> {
  const { store } = deps;
  const connection = await store.connections.get(actor.workspaceId, id);
  refuseIfInUse(await connectionInUse(store, actor.workspaceId, connection));
  await store.connections.delete(actor.workspaceId, id);
  await deps.connectors.forget(id);
  await store.auditLog.recordBy(actor, {
    action: 'connection.deleted',
    target: { type: 'connection', id },
    details: { name: connection.name, kind: connection.kind },
  });
}
