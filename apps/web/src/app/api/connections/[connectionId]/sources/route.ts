import { sessionRoute } from '@/server/api-route';
import { idParam } from '@/server/id-param';
import { withCustomerConnector } from '@connect/cohorts';

/** The tables, views and collections of a connected database. */
export const GET = sessionRoute('read', {}, async ({ req, session, params, services }) => ({
  sources: await withCustomerConnector(
    services,
    session.workspaceId,
    idParam(params.connectionId, 'database connection'),
    (connector) => connector.listSources({ signal: req.signal }),
  ),
}));
