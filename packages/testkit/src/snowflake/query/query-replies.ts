import type { RowType } from '../result/column-types';
import type { ResultRow } from '../result/result-writer';
import { parameterList } from '../session/session-parameters';
import type { SnowflakeSession } from '../session/session-store';
import type { SnowflakeSqlError } from '../snowflake-errors';

export type ReplyBody = Record<string, unknown>;

export interface ChunkReference {
  url: string;
  rowCount: number;
  uncompressedSize: number;
  compressedSize: number;
}

export interface PublishedChunks {
  chunks: ChunkReference[];
  qrmk: string;
  chunkHeaders: Record<string, string>;
}

/**
 * A successful query reply, field for field what Snowflake sends to snowflake-sdk (compare the
 * SDK's test mock and wiremock mappings): `rowtype`, the first rows in `rowset`, `total` and
 * `returned` counting all rows, the remaining rows as `chunks` with the `qrmk` / `chunkHeaders`
 * the SDK forwards when downloading them, the session's final context, and result format
 * version 1 (TIMESTAMP_TZ as "epoch offset").
 */
export function resultReply(input: {
  session: SnowflakeSession;
  queryId: string;
  statementTypeId: number;
  columns: RowType[];
  rows: ResultRow[];
  total: number;
  chunks?: PublishedChunks;
  bindCount: number;
}): ReplyBody {
  const { session } = input;
  return {
    data: {
      parameters: parameterList(session.parameters),
      rowtype: input.columns,
      rowset: input.rows,
      total: input.total,
      returned: input.total,
      queryId: input.queryId,
      databaseProvider: null,
      finalDatabaseName: session.database,
      finalSchemaName: session.schema,
      finalWarehouseName: session.warehouse,
      finalRoleName: session.role,
      numberOfBinds: input.bindCount,
      arrayBindSupported: false,
      statementTypeId: input.statementTypeId,
      version: 1,
      sendResultTime: Date.now(),
      queryResultFormat: 'json',
      ...(input.chunks && input.chunks.chunks.length > 0
        ? { chunks: input.chunks.chunks, qrmk: input.chunks.qrmk, chunkHeaders: input.chunks.chunkHeaders }
        : {}),
    },
    code: null,
    message: null,
    success: true,
  };
}

/** A one-column reply, e.g. `status` = "Statement executed successfully." */
export function singleValueReply(
  session: SnowflakeSession,
  queryId: string,
  statementTypeId: number,
  column: { name: string; type: 'text' | 'fixed' },
  value: string,
): ReplyBody {
  const rowType: RowType = {
    name: column.name,
    database: '',
    schema: '',
    table: '',
    type: column.type,
    nullable: false,
    precision: column.type === 'fixed' ? 19 : null,
    scale: column.type === 'fixed' ? 0 : null,
    length: column.type === 'text' ? 16_777_216 : null,
    byteLength: column.type === 'text' ? 16_777_216 : null,
    collation: null,
  };
  return resultReply({
    session,
    queryId,
    statementTypeId,
    columns: [rowType],
    rows: [[value]],
    total: 1,
    bindCount: 0,
  });
}

/** A failed statement: `code`, `message`, and `data.sqlState` the SDK puts on its error. */
export function errorReply(error: SnowflakeSqlError, queryId: string | null): ReplyBody {
  return {
    data: {
      internalError: false,
      errorCode: error.code,
      age: 0,
      sqlState: error.sqlState,
      queryId,
      line: -1,
      pos: -1,
      type: error.code.startsWith('00') ? 'COMPILATION' : 'EXECUTION',
    },
    code: error.code,
    message: error.message,
    success: false,
    headers: null,
  };
}

/** Snowflake's "the statement is still running, poll here" reply. */
export function inProgressReply(queryId: string, asyncExec: boolean): ReplyBody {
  return {
    code: asyncExec ? '333334' : '333333',
    data: { queryId, getResultUrl: `/queries/${queryId}/result` },
    message: asyncExec
      ? 'Asynchronous execution in progress. Use provided query id to perform query monitoring and management.'
      : 'Query execution in progress. Use provided URL to check query result.',
    success: true,
  };
}
