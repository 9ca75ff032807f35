import type pg from 'pg';
import Cursor from 'pg-cursor';
import type { Row } from '../rows/json-safe';
import { toJsonSafeRow } from '../rows/json-safe-row';
import type { SqlStreamOptions } from '../sql/sql-driver';
import type { SqlQuery } from '../sql/sql-params';
import type { PostgresSession } from './connect';
import { mapPostgresError } from './errors';
import { beginReadOnly, cancelOnAbort } from './read-only';

/**
 * Streams a query through a server-side cursor inside a read-only repeatable-read
 * transaction: one snapshot, so every row comes exactly once, and the next batch is
 * fetched only when the consumer asks for it, so memory holds one batch at a time.
 * The statement time limit applies to each fetch, not to the consumer's pauses.
 */
export async function* streamPostgres(
  session: PostgresSession,
  query: SqlQuery,
  options: SqlStreamOptions,
): AsyncGenerator<Row[]> {
  const { signal } = options;
  signal?.throwIfAborted();
  let client: pg.PoolClient;
  try {
    client = await (await session.pool()).connect();
  } catch (error) {
    throw mapPostgresError(error, { endpoint: session.endpoint, secrets: session.secrets });
  }
  const detach = cancelOnAbort(session, client, signal);
  let cursor: Cursor | undefined;
  let clean = false;
  try {
    await client.query(beginReadOnly({ timeoutMs: options.timeoutMs, repeatableRead: true }));
    cursor = client.query(new Cursor(query.text, query.values));
    for (;;) {
      signal?.throwIfAborted();
      const rows = await cursor.read(options.batchSize);
      if (rows.length === 0) break;
      yield rows.map(toJsonSafeRow);
    }
    clean = true;
  } catch (error) {
    if (signal?.aborted) throw signal.reason;
    throw mapPostgresError(error, {
      endpoint: session.endpoint,
      secrets: session.secrets,
      timeoutMs: options.timeoutMs,
    });
  } finally {
    // Also reached when the consumer stops early (break, throw, return): close the
    // portal and end the transaction so the connection is clean for the next user.
    let reusable = !detach();
    try {
      await cursor?.close();
      await client.query('ROLLBACK');
    } catch {
      reusable = false;
    }
    client.release(reusable && (clean || !signal?.aborted) ? undefined : true);
  }
}
