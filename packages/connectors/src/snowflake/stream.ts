import type { Readable } from 'node:stream';
import type { Row } from '../rows/json-safe';
import type { SqlStreamOptions } from '../sql/sql-driver';
import type { SqlQuery } from '../sql/sql-params';
import type { SnowflakeSession } from './connect';
import { mapSnowflakeError } from './errors';
import { executeStatement } from './execute';
import { resultShape, toRow } from './rows';

/**
 * Streams a query with the SDK's streaming: the statement runs once on Snowflake,
 * which keeps its result as one snapshot (so every row comes exactly once), and the
 * SDK downloads the result's chunks a few ahead of the rows being read. Rows are
 * pulled only as fast as the consumer takes batches, so memory holds a batch and a
 * few chunks whatever the row count. Stopping early stops the downloads; an abort
 * also cancels a statement still running.
 */
export async function* streamSnowflake(
  session: SnowflakeSession,
  query: SqlQuery,
  options: SqlStreamOptions,
): AsyncGenerator<Row[]> {
  const { signal } = options;
  let rows: Readable | undefined;
  const onAbort = () => rows?.destroy();
  try {
    const executed = await session.run(signal, (opened) =>
      executeStatement(opened.connection, {
        sqlText: query.text,
        binds: query.values,
        timeoutMs: options.timeoutMs,
        signal,
        stream: true,
      }),
    );
    const shape = resultShape(executed.columns);
    rows = executed.statement.streamRows();
    signal?.addEventListener('abort', onAbort, { once: true });
    let batch: Row[] = [];
    for await (const values of rows) {
      batch.push(toRow(values as unknown[], shape));
      if (batch.length >= options.batchSize) {
        yield batch;
        batch = [];
        signal?.throwIfAborted();
      }
    }
    signal?.throwIfAborted();
    if (batch.length > 0) yield batch;
  } catch (error) {
    if (signal?.aborted) throw signal.reason;
    throw mapSnowflakeError(error, session.errorContext(options.timeoutMs));
  } finally {
    // Also reached when the consumer stops early (break, throw, return).
    signal?.removeEventListener('abort', onAbort);
    rows?.destroy();
  }
}
