import { parseSourceId } from '@connect/connectors';
import { z } from 'zod';
import { sessionRoute } from '@/server/api-route';
import { idParam } from '@/server/id-param';
import { withCustomerConnector } from '@connect/cohorts';

const querySchema = z.object({
  /** `formatSourceId` of the table or collection. */
  source: z.string().min(1).max(1_000),
  /** Comma-separated dot paths to describe beyond the sampled ones (MongoDB). */
  paths: z.string().max(4_000).optional(),
});

/** The fields of one source with their filter types: the filter builder's field list. */
export const GET = sessionRoute(
  'read',
  { query: querySchema },
  async ({ req, session, query, params, services }) => ({
    description: await withCustomerConnector(
      services,
      session.workspaceId,
      idParam(params.connectionId, 'database connection'),
      (connector) =>
        connector.describe(parseSourceId(query.source), {
          signal: req.signal,
          paths: query.paths
            ?.split(',')
            .map((path) => path.trim())
            .filter(Boolean)
            .slice(0, 50),
        }),
    ),
  }),
);
