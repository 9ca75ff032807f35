import type mysql from 'mysql2/promise';
import type { EventEmitter } from 'node:events';
import type { MysqlFlavor, MysqlServer, MysqlSession } from './connect';
import { mapMysqlError } from './errors';

export interface MysqlReadOnlyOptions {
  signal?: AbortSignal;
  timeoutMs: number;
  /** One snapshot for the whole transaction (streams). */
  consistentSnapshot?: boolean;
}

/**
 * The session settings of one operation, in one statement: the time limit
 * (MariaDB's max_statement_time in seconds, MySQL's max_execution_time in
 * milliseconds, which covers SELECTs, all we run), UTC for NOW() and TIMESTAMPs,
 * and a read-only session (MariaDB's tx_read_only, MySQL's transaction_read_only):
 * besides each operation's READ ONLY transaction, a statement that somehow ended
 * that transaction would still find the session unable to write.
 */
export function sessionSettings(flavor: MysqlFlavor, timeoutMs: number): string {
  if (!Number.isSafeInteger(timeoutMs) || timeoutMs < 0) throw new Error(`Not a time limit: ${timeoutMs}`);
  const limit =
    flavor === 'mariadb'
      ? `max_statement_time = ${(timeoutMs / 1000).toFixed(3)}`
      : `max_execution_time = ${timeoutMs}`;
  const readOnly = flavor === 'mariadb' ? 'tx_read_only' : 'transaction_read_only';
  return `SET SESSION ${limit}, SESSION time_zone = '+00:00', SESSION ${readOnly} = 1`;
}

/** START TRANSACTION READ ONLY: the server refuses any write until ROLLBACK. */
export function startReadOnly(options: MysqlReadOnlyOptions): string {
  return options.consistentSnapshot
    ? 'START TRANSACTION READ ONLY, WITH CONSISTENT SNAPSHOT'
    : 'START TRANSACTION READ ONLY';
}

/**
 * KILLs the connection's query on the server when `signal` aborts. The returned
 * function detaches the listener and tells whether a kill was sent; a killed
 * connection is destroyed, never reused.
 */
export function killOnAbort(session: MysqlSession, threadId: number, signal?: AbortSignal): () => boolean {
  if (!signal) return () => false;
  let sent = false;
  const onAbort = () => {
    sent = true;
    void session.cancel(threadId);
  };
  signal.addEventListener('abort', onAbort, { once: true });
  return () => {
    signal.removeEventListener('abort', onAbort);
    return sent;
  };
}

/** A pooled connection taken for one operation, watched until it is given back. */
export interface CheckedOutConnection {
  connection: mysql.PoolConnection;
  server: MysqlServer;
  /** The connection's own failure (the server ended it, the network cut it), if it had one. */
  failure(): Error | undefined;
  /** Calls `listener` when the connection fails (at once if it already has). */
  onFailure(listener: (error: Error) => void): void;
  /**
   * Ends the transaction and resets the session (COM_RESET_CONNECTION: named locks
   * taken with GET_LOCK, user variables and temporary tables are gone) before the
   * pool hands the connection to anyone else; or destroys it when it failed, was
   * killed, or cannot be reset.
   */
  giveBack(options: { discard: boolean }): Promise<void>;
}

/**
 * Takes a pooled connection, with errors mapped, and listens for its errors while it
 * is out: mysql2 emits a lost connection as `'error'` on the connection, and the
 * pool listens only once, so a second such event (a reset, then a broken pipe)
 * would otherwise end the process.
 */
export async function checkOut(session: MysqlSession): Promise<CheckedOutConnection> {
  const { pool, server } = await session.pool();
  let connection: mysql.PoolConnection;
  try {
    connection = await pool.getConnection();
  } catch (error) {
    throw mapMysqlError(error, { endpoint: session.endpoint, secrets: session.secrets });
  }
  const core = connection.connection as unknown as EventEmitter;
  let failure: Error | undefined;
  const listeners: ((error: Error) => void)[] = [];
  const onError = (error: Error) => {
    if (failure) return;
    failure = error;
    for (const listener of listeners) listener(error);
  };
  core.on('error', onError);
  return {
    connection,
    server,
    failure: () => failure,
    onFailure(listener) {
      if (failure) listener(failure);
      else listeners.push(listener);
    },
    async giveBack({ discard }) {
      let reusable = !discard && failure === undefined;
      if (reusable) {
        try {
          await connection.query('ROLLBACK');
          await connection.reset();
        } catch {
          reusable = false;
        }
      }
      reusable &&= failure === undefined;
      core.off('error', onError);
      if (reusable) connection.release();
      else {
        core.on('error', () => {});
        connection.destroy();
      }
    },
  };
}

/**
 * Has the server prepare a raw query's own text, alone, without running it: proof
 * that the server reads it as one complete statement, by its own lexer (its
 * sql_mode, its comment and quoting rules) rather than ours. Only then can it be
 * wrapped as a subquery without a way out of the parentheses around it (a text
 * such as `SELECT 1) q INTO OUTFILE '/tmp/x' /*` would otherwise turn the wrapper
 * into a statement of its own making).
 */
export async function checkRawStatement(connection: mysql.PoolConnection, text: string): Promise<void> {
  const prepared = await connection.prepare(text);
  await prepared.close();
}

/** Runs `work` on one pooled connection in a read-only transaction with a time limit, always rolled back. */
export async function withMysqlReadOnly<T>(
  session: MysqlSession,
  options: MysqlReadOnlyOptions,
  work: (connection: mysql.PoolConnection, flavor: MysqlFlavor) => Promise<T>,
): Promise<T> {
  options.signal?.throwIfAborted();
  const checkedOut = await checkOut(session);
  const { connection, server } = checkedOut;
  const detach = killOnAbort(session, connection.threadId, options.signal);
  try {
    options.signal?.throwIfAborted();
    await connection.query(sessionSettings(server.flavor, options.timeoutMs));
    await connection.query(startReadOnly(options));
    return await work(connection, server.flavor);
  } catch (error) {
    if (options.signal?.aborted) throw options.signal.reason;
    throw mapMysqlError(checkedOut.failure() ?? error, {
      endpoint: session.endpoint,
      secrets: session.secrets,
      timeoutMs: options.timeoutMs,
    });
  } finally {
    await checkedOut.giveBack({ discard: detach() });
  }
}
