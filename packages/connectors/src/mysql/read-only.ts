import type mysql from 'mysql2/promise';
import type { MysqlFlavor, MysqlSession } from './connect';
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
 * milliseconds, which covers SELECTs, all we run) and UTC for NOW() and TIMESTAMPs.
 */
export function sessionSettings(flavor: MysqlFlavor, timeoutMs: number): string {
  if (!Number.isSafeInteger(timeoutMs) || timeoutMs < 0) throw new Error(`Not a time limit: ${timeoutMs}`);
  const limit =
    flavor === 'mariadb'
      ? `max_statement_time = ${(timeoutMs / 1000).toFixed(3)}`
      : `max_execution_time = ${timeoutMs}`;
  return `SET SESSION ${limit}, SESSION time_zone = '+00:00'`;
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

/** Takes a pooled connection, with errors mapped. */
export async function getConnection(session: MysqlSession) {
  const { pool, server } = await session.pool();
  try {
    return { connection: await pool.getConnection(), server };
  } catch (error) {
    throw mapMysqlError(error, { endpoint: session.endpoint, secrets: session.secrets });
  }
}

/** Runs `work` on one pooled connection in a read-only transaction with a time limit, always rolled back. */
export async function withMysqlReadOnly<T>(
  session: MysqlSession,
  options: MysqlReadOnlyOptions,
  work: (connection: mysql.PoolConnection, flavor: MysqlFlavor) => Promise<T>,
): Promise<T> {
  options.signal?.throwIfAborted();
  const { connection, server } = await getConnection(session);
  const detach = killOnAbort(session, connection.threadId, options.signal);
  let broken = false;
  try {
    options.signal?.throwIfAborted();
    await connection.query(sessionSettings(server.flavor, options.timeoutMs));
    await connection.query(startReadOnly(options));
    const result = await work(connection, server.flavor);
    await connection.query('ROLLBACK');
    return result;
  } catch (error) {
    await connection.query('ROLLBACK').catch(() => {
      broken = true;
    });
    if (options.signal?.aborted) throw options.signal.reason;
    throw mapMysqlError(error, {
      endpoint: session.endpoint,
      secrets: session.secrets,
      timeoutMs: options.timeoutMs,
    });
  } finally {
    if (detach() || broken) connection.destroy();
    else connection.release();
  }
}
