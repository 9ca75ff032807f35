import { sessionRoute } from '@/server/api-route';
import { idParam } from '@/server/id-param';
import { withCustomerConnector } from '@connect/cohorts';
import { checkDefinitionAccess } from '../../_lib/definition-access';
import { previewBodySchema } from '../../_lib/data-requests';

/**
 * One page of the rows a filter or raw query selects, sorted. A read: viewers may
 * call it. It is a POST only because a definition can be too long for a URL.
 * Cancelling the fetch stops the query on the database.
 */
export const POST = sessionRoute(
  'read',
  { body: previewBodySchema },
  async ({ req, session, body, params, services }) => {
    const connectionId = idParam(params.connectionId, 'database connection');
    await checkDefinitionAccess(services, session, connectionId, body.definition);
    const started = performance.now();
    const result = await withCustomerConnector(services, session.workspaceId, connectionId, (connector) =>
      connector.preview({ ...body, signal: req.signal }),
    );
    return { ...result, durationMs: Math.round(performance.now() - started) };
  },
);
