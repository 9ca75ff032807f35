import type { Actor, EventCatalogEntry } from '@connect/core';
import type { CatalogEvent, Store } from '@connect/store';

/** Adds a Fyno notification event campaigns can send, or changes one (with `id`). */
export async function saveCatalogEvent(
  deps: { store: Store },
  actor: Actor,
  entry: EventCatalogEntry,
  id?: string,
): Promise<CatalogEvent> {
  const { store } = deps;
  const event = id
    ? await store.eventCatalog.update(actor.workspaceId, id, entry)
    : await store.eventCatalog.create(actor.workspaceId, entry);
  await store.auditLog.recordBy(actor, {
    action: id ? 'event_catalog.updated' : 'event_catalog.added',
    target: { type: 'event', id: event.id },
    details: { name: event.name },
  });
  return event;
}
