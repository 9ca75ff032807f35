import { eventCatalogEntrySchema } from '@connect/core';
import { NextResponse } from 'next/server';
import { sessionRoute } from '@/server/api-route';

/** The Fyno notification events campaigns can send. */
export const GET = sessionRoute('read', {}, async ({ session, services }) => ({
  events: await services.store.eventCatalog.list(session.workspaceId),
}));

export const POST = sessionRoute(
  'edit',
  { body: eventCatalogEntrySchema },
  async ({ session, body, meta, services }) => {
    const event = await services.store.eventCatalog.create(session.workspaceId, body);
    await services.store.auditLog.record({
      workspaceId: session.workspaceId,
      actor: session.user,
      action: 'event_catalog.added',
      target: { type: 'event', id: event.id },
      details: { name: event.name },
      ip: meta.ip,
    });
    return NextResponse.json({ event }, { status: 201 });
  },
);
