import { connectorKinds, type CountResult, isConnectorError } from '@connect/connectors';
import { AppError, type Definition } from '@connect/core';
import type { CohortSource } from '@connect/store';
import { withCustomerConnector } from '../connections/with-customer-connector';
import type { CohortDeps } from '../deps';

/** An exact count that takes longer than this falls back to the database's estimate when saving. */
const exactCountOnSaveMs = 15_000;

/**
 * Checks that a cohort's definition runs on its database and counts it: the size
 * shown in the cohort list. A filter needs a source; so does a MongoDB pipeline
 * (it runs on a collection). A definition the database refuses is not saved: its
 * message comes back to the builder.
 */
export async function evaluateCohort(
  deps: CohortDeps,
  workspaceId: string,
  input: { connectionId: string; source: CohortSource; definition: Definition },
  signal?: AbortSignal,
): Promise<CountResult> {
  const connection = await deps.store.connections.get(workspaceId, input.connectionId);
  const kind = connectorKinds[connection.kind as keyof typeof connectorKinds];
  const needsSource =
    input.definition.type === 'filter' || kind?.capabilities.queryLanguage === 'mongodb-pipeline';
  if (needsSource && !input.source)
    throw new AppError('invalid_input', 'Choose the table or collection the cohort reads from.', {
      fieldErrors: { source: 'Choose a table or collection' },
    });
  const request = { source: input.source ?? undefined, definition: input.definition, signal };
  return withCustomerConnector(deps, workspaceId, input.connectionId, async (connector) => {
    try {
      return await connector.count({ ...request, exact: true, timeoutMs: exactCountOnSaveMs });
    } catch (error) {
      if (!isConnectorError(error) || error.reason !== 'timeout' || signal?.aborted) throw error;
      return connector.count({ ...request, exact: false });
    }
  });
}
