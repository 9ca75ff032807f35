import { z } from 'zod';
import { sessionRoute } from '@/server/api-route';
import { idParam } from '@/server/id-param';

const pageSchema = z.object({
  after: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(1_000).default(100),
});

/** The run's failed, invalid and duplicate rows with their reasons, paged by row number. */
export const GET = sessionRoute(
  'read',
  { query: pageSchema },
  async ({ session, params, query, services }) => {
    const run = await services.store.campaignRuns.get(session.workspaceId, idParam(params.runId, 'run'));
    const rows = await services.store.runRecipients.problems(run.id, {
      afterSeq: query.after,
      limit: query.limit,
    });
    return { rows, next: rows.length === query.limit ? rows.at(-1)?.seq : undefined };
  },
);
