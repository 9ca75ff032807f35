import Cursor from 'pg-cursor';
import type { Row } from '../rows/json-safe';
import { toJsonSafeRow } from '../rows/json-safe-row';
import type { SqlStreamOptions } from '../sql/sql-driver';
import type { SqlQuery } from '../sql/sql-params';
import type { PostgresSession } from './connect';
import { mapPostgresError } from './errors';
import { beginReadOnly, cancelOnAbort, checkOut } from './read-only';

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
  const checkedOut = await checkOut(session, signal);
  const { client } = checkedOut;
  const detach = cancelOnAbort(session, client, signal);
  let cursor: Cursor | undefined;
  let failed = false;
  try {
    await client.query(beginReadOnly({ timeoutMs: options.timeoutMs, repeatableRead: true }));
    cursor = client.query(new Cursor(query.text, query.values));
    for (;;) {
      signal?.throwIfAborted();
      // The connection may have died while the consumer worked on the last batch.
      const lost = checkedOut.failure();
      if (lost) throw lost;
      const rows = await cursor.read(options.batchSize);
      if (rows.length === 0) break;
      yield rows.map(toJsonSafeRow);
    }
  } catch (error) {
    failed = true;
    if (signal?.aborted) throw signal.reason;
    throw mapPostgresError(checkedOut.failure() ?? error, {
      endpoint: session.endpoint,
      secrets: session.secrets,
      timeoutMs: options.timeoutMs,
    });
  } finally {
    // Also reached when the consumer stops early (break, throw, return): close the
    // portal and end the transaction so the connection is clean for the next user.
    // After a failure the connection's state is unknown (closing the portal of a
    // connection the server ended would wait for an answer that never comes): it is
    // discarded untouched.
    const cancelled = detach();
    let closed = !failed;
    if (closed) await cursor?.close().catch(() => (closed = false));
    await checkedOut.giveBack({ discard: cancelled || !closed });
  }
}
