import { sessionRoute } from '@/server/api-route';
import { idParam } from '@/server/id-param';
import { withCustomerConnector } from '@connect/cohorts';
import { checkDefinitionAccess } from '../../_lib/definition-access';
import { countBodySchema } from '../../_lib/data-requests';

/**
 * How many rows a filter or raw query selects: the database's estimate, or an exact
 * count (which may take long and is limited by the connection's count time limit).
 * A read, as a POST for the same reason as preview; cancelling stops it on the database.
 */
export const POST = sessionRoute(
  'read',
  { body: countBodySchema },
  async ({ req, session, body, params, services }) => {
    const connectionId = idParam(params.connectionId, 'database connection');
    await checkDefinitionAccess(services, session, connectionId, body.definition);
    const started = performance.now();
    const result = await withCustomerConnector(services, session.workspaceId, connectionId, (connector) =>
      connector.count({ ...body, signal: req.signal }),
    );
    return { ...result, durationMs: Math.round(performance.now() - started) };
  },
);
