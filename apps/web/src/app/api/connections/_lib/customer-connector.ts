import type { Connector } from '@connect/connectors';
import type { ConnectionWithSecrets } from '@connect/store';
import type { Services } from '@/server/services';

/**
 * Runs `work` with the pooled connector of a stored connection. The pool is keyed by
 * the connection and its config, so an edited connection never reuses the old pool.
 */
export async function withCustomerConnector<T>(
  services: Pick<Services, 'store' | 'connectors'>,
  workspaceId: string,
  connectionId: string,
  work: (connector: Connector, connection: ConnectionWithSecrets) => Promise<T>,
): Promise<T> {
  const connection = await services.store.connections.getWithSecrets(workspaceId, connectionId);
  return services.connectors.use(
    { id: connection.id, kind: connection.kind, config: connection.fullConfig },
    (connector) => work(connector, connection),
  );
}

/**
 * Runs a read the user can cancel. When the browser goes away mid-request (Cancel
 * aborts the fetch), the connector has already stopped the query on the database;
 * the reply then goes nowhere, so it is a bare 499 rather than an error worth logging.
 */
export async function unlessCancelled<T>(signal: AbortSignal, work: () => Promise<T>): Promise<T | Response> {
  try {
    return await work();
  } catch (error) {
    if (signal.aborted) return new Response(null, { status: 499 });
    throw error;
  }
}
