import { saveCatalogEvent } from '@connect/campaigns';
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
  async ({ actor, body, services }) =>
    NextResponse.json({ event: await saveCatalogEvent(services, actor, body) }, { status: 201 }),
);
