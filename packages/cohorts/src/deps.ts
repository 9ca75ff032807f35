import type { ConnectorCache } from '@connect/connectors';
import type { Store } from '@connect/store';

/** What the connection and cohort functions work with: the app database and the customer databases' pools. */
export interface CohortDeps {
  store: Store;
  connectors: ConnectorCache;
}
