import type mysql from 'mysql2/promise';
import type { Connector, ConnectorCapabilities } from '../connector';
import { SqlConnector } from '../sql/sql-connector';
import type { SqlDriver } from '../sql/sql-driver';
import { mysqlDialect } from './compile-filter';
import type { MysqlConfig } from './config';
import { openMysqlSession, type MysqlSessionOptions } from './connect';
import { mysqlResultType } from './field-types';
import { describeMysqlSource, listMysqlSources } from './introspect';
import { inspectMysqlPrivileges } from './privileges';
import { checkRawStatement, withMysqlReadOnly } from './read-only';
import { jsonColumnsOf, mysqlRow } from './rows';
import { streamMysql } from './stream';

export const mysqlCapabilities: ConnectorCapabilities = {
  queryLanguage: 'sql',
  countEstimate: true,
  sourceRowEstimates: true,
  readOnlyTransactions: true,
  serverSideCancel: true,
  resumableStreams: true,
  sourceTypes: ['table', 'view'],
};

/** A stream's whole statement runs under one time limit in MySQL (unlike PostgreSQL's per fetch). */
const streamTimeoutMs = 60 * 60_000;

/** MySQL's EXPLAIN row estimate: rows x filtered% per table of the top-level plan, multiplied. */
function estimateFromExplain(rows: mysql.RowDataPacket[]): number {
  let estimate = 1;
  let seen = false;
  for (const row of rows) {
    if (!['SIMPLE', 'PRIMARY'].includes(String(row.select_type)) || row.rows === null) continue;
    seen = true;
    const filtered = row.filtered === undefined || row.filtered === null ? 100 : Number(row.filtered);
    estimate *= (Number(row.rows) * filtered) / 100;
  }
  return seen ? estimate : 0;
}

/** A new MySQL/MariaDB connector for one connection's (validated) config. */
export function createMysqlConnector(config: MysqlConfig, options: MysqlSessionOptions = {}): Connector {
  const session = openMysqlSession(config, options);
  const driver: SqlDriver = {
    kind: 'mysql',
    capabilities: mysqlCapabilities,
    dialect: mysqlDialect(session.database),
    timeouts: { queryMs: session.queryTimeoutMs, countMs: session.countTimeoutMs, streamMs: streamTimeoutMs },

    test: (options) =>
      withMysqlReadOnly(session, options, async (connection) => {
        const [rows] = await connection.query<mysql.RowDataPacket[]>('SELECT VERSION() AS version');
        const started = performance.now();
        await connection.query('SELECT 1');
        const latencyMs = Math.round((performance.now() - started) * 100) / 100;
        const version = String(rows[0]?.version ?? 'unknown');
        const product = /mariadb/i.test(version) ? 'MariaDB' : 'MySQL';
        return { serverVersion: `${product} ${version.replace(/-MariaDB.*$/i, '')}`, latencyMs };
      }),

    listSources: (options) =>
      withMysqlReadOnly(session, options, (connection) => listMysqlSources(connection, session.database)),

    describe: (ref, options) =>
      withMysqlReadOnly(session, options, (connection, flavor) =>
        describeMysqlSource(connection, ref, session.database, flavor),
      ),

    query: (query, options) =>
      withMysqlReadOnly(session, options, async (connection) => {
        if (query.rawStatement !== undefined) await checkRawStatement(connection, query.rawStatement);
        const [rows, fields] = await connection.execute<mysql.RowDataPacket[]>(
          query.text,
          query.values as never,
        );
        const jsonColumns = jsonColumnsOf(options.fields);
        return {
          rows: rows.map((row) => mysqlRow(row, jsonColumns)),
          columns: fields.map((field) => ({
            name: field.name,
            type: mysqlResultType(field.columnType, field.columnLength),
          })),
        };
      }),

    estimate: (query, options) =>
      withMysqlReadOnly(session, options, async (connection, flavor) => {
        if (query.rawStatement !== undefined) await checkRawStatement(connection, query.rawStatement);
        // MariaDB reports `filtered` only with EXTENDED; MySQL 8 always, and rejects the keyword.
        const explain = flavor === 'mariadb' ? 'EXPLAIN EXTENDED' : 'EXPLAIN';
        const [rows] = await connection.execute<mysql.RowDataPacket[]>(
          `${explain} ${query.text}`,
          query.values as never,
        );
        return estimateFromExplain(rows);
      }),

    stream: (query, options) => streamMysql(session, query, options),

    inspectPrivileges: (options) => inspectMysqlPrivileges(session, options),

    close: () => session.close(),
  };
  return new SqlConnector(driver);
}
