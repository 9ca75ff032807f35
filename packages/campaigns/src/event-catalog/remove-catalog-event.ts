import type { Actor } from '@connect/core';
import type { Store } from '@connect/store';

/** Removes an event from the catalogue; campaigns already saved keep their event name. */
export async function removeCatalogEvent(deps: { store: Store }, actor: Actor, id: string): Promise<void> {
  await deps.store.eventCatalog.delete(actor.workspaceId, id);
  await deps.store.auditLog.recordBy(actor, {
    action: 'event_catalog.removed',
    target: { type: 'event', id },
  });
}
