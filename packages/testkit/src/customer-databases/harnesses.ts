import type { ConnectorHarness } from './connector-harness';
import { mongodbHarnesses } from './mongodb-harness';
import { mysqlHarness } from './mysql-customer-database';
import { postgresHarness } from './postgres-customer-database';
import { snowflakeHarnesses } from './snowflake-harness';

/**
 * Every connector kind the contract suite runs against. A new kind plugs in by
 * adding its harness here: the same assertions then run against it.
 */
export const connectorHarnesses: readonly ConnectorHarness[] = [
  postgresHarness,
  mysqlHarness,
  ...mongodbHarnesses,
  ...snowflakeHarnesses,
];
