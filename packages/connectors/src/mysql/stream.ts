import type { Connection as CoreConnection } from 'mysql2';
import type { Row } from '../rows/json-safe';
import type { SqlStreamOptions } from '../sql/sql-driver';
import type { SqlQuery } from '../sql/sql-params';
import type { MysqlSession } from './connect';
import { mapMysqlError } from './errors';
import { checkOut, checkRawStatement, killOnAbort, sessionSettings, startReadOnly } from './read-only';
import { jsonColumnsOf, mysqlRow } from './rows';

/**
 * Streams a query with mysql2's row stream inside a read-only transaction with a
 * consistent snapshot: every row exactly once. The stream buffers at most one batch;
 * while the consumer works on a batch the socket is paused, so the server waits and
 * memory stays flat. Stopping early kills the query and discards the connection
 * (MySQL cannot abandon a result half-read on a live connection).
 */
export async function* streamMysql(
  session: MysqlSession,
  query: SqlQuery,
  options: SqlStreamOptions,
): AsyncGenerator<Row[]> {
  const { signal } = options;
  signal?.throwIfAborted();
  const checkedOut = await checkOut(session);
  const { connection, server } = checkedOut;
  const detach = killOnAbort(session, connection.threadId, signal);
  const jsonColumns = jsonColumnsOf(options.fields);
  let finished = false;
  let rows: (AsyncIterable<Record<string, unknown>> & { destroy(error?: Error): void }) | undefined;
  try {
    await connection.query(sessionSettings(server.flavor, options.timeoutMs));
    await connection.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ');
    await connection.query(startReadOnly({ ...options, consistentSnapshot: true }));
    if (query.rawStatement !== undefined) await checkRawStatement(connection, query.rawStatement);
    // The callback-style connection underneath the promise wrapper is the one with row streams.
    const core = connection.connection as unknown as CoreConnection;
    rows = core
      .execute(query.text, query.values as never)
      .stream({ highWaterMark: options.batchSize }) as unknown as typeof rows;
    // mysql2 reports a lost connection to the connection only, never to a streaming
    // statement: without this the row stream would wait for ever.
    checkedOut.onFailure((error) => rows?.destroy(error));
    let batch: Row[] = [];
    for await (const row of rows!) {
      batch.push(mysqlRow(row, jsonColumns));
      if (batch.length >= options.batchSize) {
        yield batch;
        batch = [];
        signal?.throwIfAborted();
      }
    }
    if (batch.length > 0) yield batch;
    finished = true;
  } catch (error) {
    if (signal?.aborted) throw signal.reason;
    throw mapMysqlError(checkedOut.failure() ?? error, {
      endpoint: session.endpoint,
      secrets: session.secrets,
      timeoutMs: options.timeoutMs,
    });
  } finally {
    const killed = detach();
    if (!finished) {
      // Stopped early or failed: stop the server's work, then drop the half-read connection.
      if (!killed && checkedOut.failure() === undefined) await session.cancel(connection.threadId);
      rows?.destroy();
    }
    await checkedOut.giveBack({ discard: killed || !finished });
  }
}
