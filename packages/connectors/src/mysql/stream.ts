import type { Connection as CoreConnection } from 'mysql2';
import type { Row } from '../rows/json-safe';
import type { SqlStreamOptions } from '../sql/sql-driver';
import type { SqlQuery } from '../sql/sql-params';
import type { MysqlSession } from './connect';
import { mapMysqlError } from './errors';
import { getConnection, killOnAbort, sessionSettings, startReadOnly } from './read-only';
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
  const { connection, server } = await getConnection(session);
  const detach = killOnAbort(session, connection.threadId, signal);
  const jsonColumns = jsonColumnsOf(options.fields);
  let finished = false;
  let rows: (AsyncIterable<Record<string, unknown>> & { destroy(): void }) | undefined;
  try {
    await connection.query(sessionSettings(server.flavor, options.timeoutMs));
    await connection.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ');
    await connection.query(startReadOnly({ ...options, consistentSnapshot: true }));
    // The callback-style connection underneath the promise wrapper is the one with row streams.
    const core = connection.connection as unknown as CoreConnection;
    rows = core
      .execute(query.text, query.values as never)
      .stream({ highWaterMark: options.batchSize }) as unknown as typeof rows;
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
    await connection.query('ROLLBACK');
    finished = true;
  } catch (error) {
    if (signal?.aborted) throw signal.reason;
    throw mapMysqlError(error, {
      endpoint: session.endpoint,
      secrets: session.secrets,
      timeoutMs: options.timeoutMs,
    });
  } finally {
    const killed = detach();
    if (finished && !killed) connection.release();
    else {
      // Stopped early or failed: stop the server's work, then drop the half-read connection.
      if (!killed && !finished) await session.cancel(connection.threadId);
      rows?.destroy();
      connection.destroy();
    }
  }
}
