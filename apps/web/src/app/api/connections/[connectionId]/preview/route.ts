import { sessionRoute } from '@/server/api-route';
import { idParam } from '@/server/id-param';
import { unlessCancelled, withCustomerConnector } from '../../_lib/customer-connector';
import { previewBodySchema } from '../../_lib/data-requests';

/**
 * One page of the rows a filter or raw query selects, sorted. A read: viewers may
 * call it. It is a POST only because a definition can be too long for a URL.
 * Cancelling the fetch stops the query on the database.
 */
export const POST = sessionRoute(
  'read',
  { body: previewBodySchema },
  async ({ req, session, body, params, services }) =>
    unlessCancelled(req.signal, async () => {
      const started = performance.now();
      const result = await withCustomerConnector(
        services,
        session.workspaceId,
        idParam(params.connectionId, 'database connection'),
        (connector) => connector.preview({ ...body, signal: req.signal }),
      );
      return { ...result, durationMs: Math.round(performance.now() - started) };
    }),
);
