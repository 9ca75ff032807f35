import { can } from '@connect/core';
import type { Metadata } from 'next';
import { requirePageSession } from '@/server/page-session';
import { services } from '@/server/services';
import { EventCatalog } from './event-catalog';

export const metadata: Metadata = { title: 'Events' };

export default async function EventsPage() {
  const session = await requirePageSession();
  const events = await services().store.eventCatalog.list(session.workspaceId);
  return (
    <EventCatalog
      events={events.map((event) => ({ ...event, updatedAt: event.updatedAt.toISOString() }))}
      canEdit={can(session.user.role, 'edit')}
    />
  );
}
