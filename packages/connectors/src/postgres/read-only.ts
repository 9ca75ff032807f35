import type pg from 'pg';
import { sqlInteger } from '../sql/sql-params';
import type { PostgresSession } from './connect';
import { mapPostgresError } from './errors';

export interface ReadOnlyOptions {
  signal?: AbortSignal;
  timeoutMs: number;
  /** One snapshot for the whole transaction (streams). */
  repeatableRead?: boolean;
}

/**
 * Opens a read-only transaction with a statement time limit, in UTC, in one round
 * trip. READ ONLY is enforced by the server: a write anywhere in the statement
 * (including a volatile function) fails. Everything is SET LOCAL and the
 * transaction is always rolled back, so nothing a query does outlives it.
 */
export function beginReadOnly(options: ReadOnlyOptions): string {
  const isolation = options.repeatableRead ? 'ISOLATION LEVEL REPEATABLE READ ' : '';
  return [
    `BEGIN TRANSACTION ${isolation}READ ONLY`,
    `SET LOCAL statement_timeout = ${sqlInteger(options.timeoutMs)}`,
    // A consumer that stalls must not hold a snapshot (and vacuum) back for ever.
    'SET LOCAL idle_in_transaction_session_timeout = 600000',
    "SET LOCAL TIME ZONE 'UTC'",
  ].join('; ');
}

/**
 * Cancels the statement of `client` on the server when `signal` aborts. Returns a
 * function that detaches the listener and tells whether a cancel was sent: a
 * cancelled connection is discarded, never reused, so a late cancel cannot hit
 * somebody else's statement.
 */
export function cancelOnAbort(
  session: PostgresSession,
  client: pg.PoolClient,
  signal?: AbortSignal,
): () => boolean {
  if (!signal) return () => false;
  let sent = false;
  const processId = (client as unknown as { processID: number }).processID;
  const onAbort = () => {
    sent = true;
    void session.cancel(processId);
  };
  signal.addEventListener('abort', onAbort, { once: true });
  return () => {
    signal.removeEventListener('abort', onAbort);
    return sent;
  };
}

/** Runs `work` on one pooled connection inside a read-only transaction; see {@link beginReadOnly}. */
export async function withReadOnly<T>(
  session: PostgresSession,
  options: ReadOnlyOptions,
  work: (client: pg.PoolClient) => Promise<T>,
): Promise<T> {
  options.signal?.throwIfAborted();
  let client: pg.PoolClient;
  try {
    client = await (await session.pool()).connect();
  } catch (error) {
    throw mapPostgresError(error, { endpoint: session.endpoint, secrets: session.secrets });
  }
  const detach = cancelOnAbort(session, client, options.signal);
  let broken = false;
  try {
    options.signal?.throwIfAborted();
    await client.query(beginReadOnly(options));
    const result = await work(client);
    await client.query('ROLLBACK');
    return result;
  } catch (error) {
    // A failed statement leaves the transaction aborted; roll it back to reuse the connection.
    await client.query('ROLLBACK').catch(() => {
      broken = true;
    });
    if (options.signal?.aborted) throw options.signal.reason;
    throw mapPostgresError(error, {
      endpoint: session.endpoint,
      secrets: session.secrets,
      timeoutMs: options.timeoutMs,
    });
  } finally {
    const cancelled = detach();
    client.release(broken || cancelled ? true : undefined);
  }
}
