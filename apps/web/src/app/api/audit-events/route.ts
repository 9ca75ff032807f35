import { z } from 'zod';
import { sessionRoute } from '@/server/api-route';

const pageSchema = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  before: z.coerce.number().int().positive().optional(),
});

/** The audit log, newest first, paged by id. Owners only. */
export const GET = sessionRoute('readAudit', { query: pageSchema }, async ({ session, query, services }) => {
  const events = await services.store.auditLog.list(session.workspaceId, {
    limit: query.limit,
    beforeId: query.before,
  });
  return { events, nextBefore: events.length === query.limit ? events.at(-1)?.id : undefined };
});
