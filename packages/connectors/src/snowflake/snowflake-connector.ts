import type { Connector, ConnectorCapabilities } from '../connector';
import { SqlConnector } from '../sql/sql-connector';
import type { SqlDriver, SqlRunOptions } from '../sql/sql-driver';
import { snowflakeDialect } from './compile-filter';
import type { SnowflakeConfig } from './config';
import { openSnowflakeSession, type OpenedSession, type SnowflakeSession } from './connect';
import { mapSnowflakeError } from './errors';
import { executeStatement } from './execute';
import { describeSnowflakeSource, listSnowflakeSources } from './introspect';
import { inspectSnowflakePrivileges } from './privileges';
import { resultShape, toRow } from './rows';
import { streamSnowflake } from './stream';

export const snowflakeCapabilities: ConnectorCapabilities = {
  queryLanguage: 'sql',
  // Snowflake has no planner estimate for a filter; exact counts read table metadata when they can.
  countEstimate: false,
  sourceRowEstimates: true,
  // No read-only transactions: raw queries are refused unless they are one SELECT or WITH.
  readOnlyTransactions: false,
  serverSideCancel: true,
  resumableStreams: false,
  sourceTypes: ['table', 'view', 'materialized_view', 'foreign_table'],
  enumFields: false,
};

/** A stream's statement runs once before its rows download; a big cohort may take a while. */
const streamTimeoutMs = 60 * 60_000;

/** Runs `work` on the session with its errors mapped; an abort rejects with the signal's reason. */
async function withSession<T>(
  session: SnowflakeSession,
  options: SqlRunOptions,
  work: (opened: OpenedSession) => Promise<T>,
): Promise<T> {
  try {
    return await session.run(options.signal, work);
  } catch (error) {
    if (options.signal?.aborted) throw options.signal.reason;
    throw mapSnowflakeError(error, session.errorContext(options.timeoutMs));
  }
}

/** A new Snowflake connector for one connection's (validated) config. */
export function createSnowflakeConnector(config: SnowflakeConfig): Connector {
  const session = openSnowflakeSession(config);
  const run = (opened: OpenedSession, sqlText: string, binds: readonly unknown[], options: SqlRunOptions) =>
    executeStatement(opened.connection, {
      sqlText,
      binds,
      timeoutMs: options.timeoutMs,
      signal: options.signal,
    });

  const driver: SqlDriver = {
    kind: 'snowflake',
    capabilities: snowflakeCapabilities,
    dialect: snowflakeDialect('PUBLIC'),
    timeouts: { queryMs: session.queryTimeoutMs, countMs: session.countTimeoutMs, streamMs: streamTimeoutMs },
    keylessOrder: 'all-columns',

    test: (options) =>
      withSession(session, options, async (opened) => {
        const started = performance.now();
        await run(opened, 'SELECT 1', [], options);
        const latencyMs = Math.round((performance.now() - started) * 100) / 100;
        return { serverVersion: opened.serverVersion, latencyMs };
      }),

    listSources: (options) =>
      withSession(session, options, (opened) => listSnowflakeSources(opened, session.schema, options)),

    describe: (ref, options) =>
      withSession(session, options, (opened) => describeSnowflakeSource(opened, ref, options)),

    query: (query, options) =>
      withSession(session, options, async (opened) => {
        const result = await run(opened, query.text, query.values, options);
        const shape = resultShape(result.columns);
        return { rows: result.rows.map((values) => toRow(values, shape)), columns: shape.columns };
      }),

    // Never asked for (countEstimate is false): an exact count is the only answer Snowflake has.
    estimate: (query, options) =>
      withSession(session, options, async (opened) => {
        const result = await run(opened, `SELECT count(*) FROM (${query.text})`, query.values, options);
        return Number(result.rows[0]?.[0] ?? 0);
      }),

    stream: (query, options) => streamSnowflake(session, query, options),

    inspectPrivileges: (options) => inspectSnowflakePrivileges(session, config, options),

    close: () => session.close(),
  };
  return new SqlConnector(driver);
}
