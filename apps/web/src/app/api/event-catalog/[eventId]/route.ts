import { eventCatalogEntrySchema } from '@connect/core';
import { sessionRoute } from '@/server/api-route';
import { idParam } from '@/server/id-param';

export const PUT = sessionRoute(
  'edit',
  { body: eventCatalogEntrySchema },
  async ({ session, body, params, meta, services }) => {
    const event = await services.store.eventCatalog.update(
      session.workspaceId,
      idParam(params.eventId, 'event'),
      body,
    );
    await services.store.auditLog.record({
      workspaceId: session.workspaceId,
      actor: session.user,
      action: 'event_catalog.updated',
      target: { type: 'event', id: event.id },
      details: { name: event.name },
      ip: meta.ip,
    });
    return { event };
  },
);

export const DELETE = sessionRoute('edit', {}, async ({ session, params, meta, services }) => {
  const id = idParam(params.eventId, 'event');
  await services.store.eventCatalog.delete(session.workspaceId, id);
  await services.store.auditLog.record({
    workspaceId: session.workspaceId,
    actor: session.user,
    action: 'event_catalog.removed',
    target: { type: 'event', id },
    ip: meta.ip,
  });
  return { ok: true };
});
