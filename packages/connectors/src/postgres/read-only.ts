import type pg from 'pg';
import { sqlInteger } from '../sql/sql-params';
import type { SqlQuery } from '../sql/sql-params';
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
 * transaction is always rolled back, so nothing a query does outlives it. (The
 * session itself is read-only too, from its startup options: see `connect.ts`.)
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
 * Runs one statement through the extended query protocol, whatever it holds. The
 * simple protocol (node-pg's choice for a query without parameters) runs every
 * `;`-separated command in the text, so a raw query that our splitter lexed
 * differently from the server could end the read-only transaction with a COMMIT and
 * write after it. In the extended protocol the server refuses more than one command.
 */
export function runStatement<Row extends pg.QueryResultRow = pg.QueryResultRow>(
  client: pg.ClientBase,
  query: SqlQuery,
): Promise<pg.QueryResult<Row>> {
  // `queryMode` is node-pg's (8.23); its type definitions do not list it yet.
  return client.query<Row>({
    text: query.text,
    values: query.values,
    queryMode: 'extended',
  } as pg.QueryConfig);
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

/** A pooled connection taken for one operation, watched until it is given back. */
export interface CheckedOutClient {
  client: pg.PoolClient;
  /** The connection's own failure (the server ended it, the network cut it), if it had one. */
  failure(): Error | undefined;
  /**
   * Ends the transaction and gives the connection back to the pool clean, or
   * discards it when it failed, was cancelled, or cannot be made clean.
   */
  giveBack(options: { discard: boolean }): Promise<void>;
}

/**
 * Takes a connection from the pool and listens for its errors while it is out. A
 * checked-out node-pg client that loses its connection emits `'error'`, and the pool
 * only listens on idle clients: unheard, that event would end the process.
 *
 * Given back, the connection is rolled back and then `DISCARD ALL`ed: whatever a
 * statement did to the session (advisory locks taken with pg_advisory_lock, settings
 * changed with set_config, prepared statements, temporary objects) is gone before
 * the next operation gets it. The session defaults it returns to are its startup
 * options, read-only among them.
 */
export async function checkOut(session: PostgresSession, signal?: AbortSignal): Promise<CheckedOutClient> {
  signal?.throwIfAborted();
  let client: pg.PoolClient;
  try {
    client = await (await session.pool()).connect();
  } catch (error) {
    throw mapPostgresError(error, { endpoint: session.endpoint, secrets: session.secrets });
  }
  let failure: Error | undefined;
  const onError = (error: Error) => {
    failure ??= error;
  };
  client.on('error', onError);
  return {
    client,
    failure: () => failure,
    async giveBack({ discard }) {
      let reusable = !discard && failure === undefined;
      if (reusable) {
        try {
          await client.query('ROLLBACK');
          await client.query('DISCARD ALL');
        } catch {
          reusable = false;
        }
      }
      reusable &&= failure === undefined;
      client.off('error', onError);
      // A client that failed may still emit (ECONNRESET, then EPIPE): keep it heard until it is gone.
      if (!reusable) client.on('error', () => {});
      client.release(reusable ? undefined : true);
    },
  };
}

/** Runs `work` on one pooled connection inside a read-only transaction; see {@link beginReadOnly}. */
export async function withReadOnly<T>(
  session: PostgresSession,
  options: ReadOnlyOptions,
  work: (client: pg.PoolClient) => Promise<T>,
): Promise<T> {
  const checkedOut = await checkOut(session, options.signal);
  const { client } = checkedOut;
  const detach = cancelOnAbort(session, client, options.signal);
  let failed = false;
  try {
    options.signal?.throwIfAborted();
    await client.query(beginReadOnly(options));
    return await work(client);
  } catch (error) {
    failed = true;
    if (options.signal?.aborted) throw options.signal.reason;
    throw mapPostgresError(checkedOut.failure() ?? error, {
      endpoint: session.endpoint,
      secrets: session.secrets,
      timeoutMs: options.timeoutMs,
    });
  } finally {
    const cancelled = detach();
    await checkedOut.giveBack({ discard: cancelled || (failed && options.signal?.aborted === true) });
  }
}
