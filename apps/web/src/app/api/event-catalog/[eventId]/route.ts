import { removeCatalogEvent, saveCatalogEvent } from '@connect/campaigns';
import { eventCatalogEntrySchema } from '@connect/core';
import { sessionRoute } from '@/server/api-route';
import { idParam } from '@/server/id-param';

export const PUT = sessionRoute(
  'edit',
  { body: eventCatalogEntrySchema },
  async ({ actor, body, params, services }) => ({
    event: await saveCatalogEvent(services, actor, body, idParam(params.eventId, 'event')),
  }),
);

export const DELETE = sessionRoute('edit', {}, async ({ actor, params, services }) => {
  await removeCatalogEvent(services, actor, idParam(params.eventId, 'event'));
  return { ok: true };
});
