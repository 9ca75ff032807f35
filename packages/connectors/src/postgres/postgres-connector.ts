import type { Connector, ConnectorCapabilities, PreviewColumn } from '../connector';
import { toJsonSafeRow } from '../rows/json-safe-row';
import { SqlConnector } from '../sql/sql-connector';
import type { SqlDriver } from '../sql/sql-driver';
import { postgresDialect } from './compile-filter';
import type { PostgresConfig } from './config';
import { openPostgresSession, type PostgresSessionOptions } from './connect';
import { postgresResultType } from './field-types';
import { describePostgresSource, listPostgresSources } from './introspect';
import { inspectPostgresPrivileges } from './privileges';
import { runStatement, withReadOnly } from './read-only';
import { streamPostgres } from './stream';

export const postgresCapabilities: ConnectorCapabilities = {
  queryLanguage: 'sql',
  countEstimate: true,
  sourceRowEstimates: true,
  readOnlyTransactions: true,
  serverSideCancel: true,
  resumableStreams: true,
  sourceTypes: ['table', 'view', 'materialized_view', 'foreign_table'],
};

/** A new PostgreSQL connector for one connection's (validated) config. */
export function createPostgresConnector(
  config: PostgresConfig,
  options: PostgresSessionOptions = {},
): Connector {
  const session = openPostgresSession(config, options);
  const driver: SqlDriver = {
    kind: 'postgres',
    capabilities: postgresCapabilities,
    dialect: postgresDialect,
    timeouts: {
      queryMs: session.queryTimeoutMs,
      countMs: session.countTimeoutMs,
      streamMs: session.queryTimeoutMs,
    },

    test: (options) =>
      withReadOnly(session, options, async (client) => {
        const version = await client.query<{ version: string }>(
          "SELECT current_setting('server_version') AS version",
        );
        const started = performance.now();
        await client.query('SELECT 1');
        const latencyMs = Math.round((performance.now() - started) * 100) / 100;
        return { serverVersion: `PostgreSQL ${version.rows[0]?.version ?? 'unknown'}`, latencyMs };
      }),

    listSources: (options) => withReadOnly(session, options, (client) => listPostgresSources(client)),

    describe: (ref, options) =>
      withReadOnly(session, options, (client) => describePostgresSource(client, ref)),

    query: (query, options) =>
      withReadOnly(session, options, async (client) => {
        const result = await runStatement(client, query);
        const columns: PreviewColumn[] = result.fields.map((field) => ({
          name: field.name,
          type: postgresResultType(field.dataTypeID),
        }));
        return { rows: result.rows.map(toJsonSafeRow), columns };
      }),

    estimate: (query, options) =>
      withReadOnly(session, options, async (client) => {
        const result = await runStatement<{ 'QUERY PLAN': [{ Plan: { 'Plan Rows': number } }] }>(client, {
          text: `EXPLAIN (FORMAT JSON) ${query.text}`,
          values: query.values,
        });
        return result.rows[0]?.['QUERY PLAN'][0].Plan['Plan Rows'] ?? 0;
      }),

    stream: (query, options) => streamPostgres(session, query, options),

    inspectPrivileges: (options) => inspectPostgresPrivileges(session, options),

    close: () => session.close(),
  };
  return new SqlConnector(driver);
}
