import type { Connector } from '@connect/connectors';
import type { ConnectionWithSecrets } from '@connect/store';
import type { CohortDeps } from '../deps';

/**
 * Runs `work` with the pooled connector of a stored connection. The pool is keyed by
 * the connection and its config, so an edited connection never reuses the old pool.
 */
export async function withCustomerConnector<T>(
  deps: CohortDeps,
  workspaceId: string,
  connectionId: string,
  work: (connector: Connector, connection: ConnectionWithSecrets) => Promise<T>,
): Promise<T> {
  const connection = await deps.store.connections.getWithSecrets(workspaceId, connectionId);
  return deps.connectors.use(
    { id: connection.id, kind: connection.kind, config: connection.fullConfig },
    (connector) => work(connector, connection),
  );
}
