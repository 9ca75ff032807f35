import mysql from 'mysql2/promise';
import type { Endpoint } from '../errors/network-errors';
import { mysqlSslMode, parseMysqlUrl, type MysqlConfig, type MysqlSslMode } from './config';
import { mapMysqlError } from './errors';
import { mysqlTypeCast } from './types';

export interface MysqlSessionOptions {
  maxConnections?: number;
}

export type MysqlFlavor = 'mariadb' | 'mysql';

/** What the server told us about itself on the first connection. */
export interface MysqlServer {
  flavor: MysqlFlavor;
  version: string;
}

/** One connection's pool and what is needed to use it safely (see the PostgreSQL session). */
export interface MysqlSession {
  endpoint: Endpoint;
  secrets: readonly (string | undefined)[];
  /** The database the connection string names: the schema sources live in. */
  database: string;
  queryTimeoutMs: number;
  countTimeoutMs: number;
  pool(): Promise<{ pool: mysql.Pool; server: MysqlServer }>;
  /** KILL QUERY for a connection thread, from a separate connection. */
  cancel(threadId: number): Promise<void>;
  close(): Promise<void>;
}

/** mysql2 checks the server name only when asked (`verifyIdentity`), which is VERIFY_IDENTITY's meaning. */
function tlsOptions(mode: MysqlSslMode, ca: string | undefined): mysql.SslOptions | undefined {
  switch (mode) {
    case 'DISABLED':
      return undefined;
    case 'PREFERRED':
    case 'REQUIRED':
      return ca ? { ca, rejectUnauthorized: true } : { rejectUnauthorized: false };
    case 'VERIFY_CA':
      return { ...(ca ? { ca } : {}), rejectUnauthorized: true };
    case 'VERIFY_IDENTITY':
      return { ...(ca ? { ca } : {}), rejectUnauthorized: true, verifyIdentity: true };
  }
}

export function openMysqlSession(config: MysqlConfig, options: MysqlSessionOptions = {}): MysqlSession {
  const url = parseMysqlUrl(config.url);
  const password = config.password ?? url.password;
  const mode = mysqlSslMode(url);
  const connectTimeoutMs = Number(url.params.get('connect_timeout') ?? 10) * 1000 || 10_000;
  const database = url.database ?? '';
  const endpoint: Endpoint = { host: url.host, port: url.port, user: url.user, database, connectTimeoutMs };
  const secrets = [password];
  const connectionConfig: mysql.ConnectionOptions = {
    host: url.host,
    port: url.port,
    user: url.user,
    password,
    database,
    connectTimeout: connectTimeoutMs,
    charset: 'utf8mb4',
    // Values stay exact: big integers and decimals as strings, dates as text we convert to ISO.
    supportBigNumbers: true,
    bigNumberStrings: true,
    decimalNumbers: false,
    dateStrings: true,
    timezone: 'Z',
    typeCast: mysqlTypeCast,
    multipleStatements: false,
    // Raw queries are prepared once each; keep few so the server's prepared-statement limit is never reached.
    maxPreparedStatements: 64,
  };
  const tls = tlsOptions(mode, config.caCertificate || undefined);

  let poolPromise: Promise<{ pool: mysql.Pool; server: MysqlServer }> | undefined;
  let closed = false;
  /** The TLS settings the pool settled on (PREFERRED may fall back to none). */
  let settledTls = tls;

  async function connectOnce(ssl: typeof tls) {
    const connection = await mysql.createConnection({ ...connectionConfig, ...(ssl ? { ssl } : {}) });
    try {
      const [rows] = await connection.query<mysql.RowDataPacket[]>('SELECT VERSION() AS version');
      const version = String(rows[0]?.version ?? '');
      return { flavor: /mariadb/i.test(version) ? 'mariadb' : 'mysql', version } satisfies MysqlServer;
    } finally {
      await connection.end().catch(() => {});
    }
  }

  async function createPool() {
    let ssl = tls;
    let server: MysqlServer;
    try {
      server = await connectOnce(ssl);
    } catch (error) {
      // ssl-mode=PREFERRED: fall back to plain only when the server offers no TLS at all.
      if (mode === 'PREFERRED' && (error as { code?: string }).code === 'HANDSHAKE_NO_SSL_SUPPORT') {
        ssl = undefined;
        server = await connectOnce(ssl).catch((retryError: unknown) => {
          throw mapMysqlError(retryError, { endpoint, secrets });
        });
      } else throw mapMysqlError(error, { endpoint, secrets });
    }
    settledTls = ssl;
    const pool = mysql.createPool({
      ...connectionConfig,
      ...(ssl ? { ssl } : {}),
      connectionLimit: options.maxConnections ?? 5,
      maxIdle: 2,
      idleTimeout: 30_000,
      enableKeepAlive: true,
    });
    // An idle connection dropping (server restart) must not crash the process.
    pool.pool.on('error', () => {});
    return { pool, server };
  }

  return {
    endpoint,
    secrets,
    database,
    queryTimeoutMs: config.queryTimeoutSeconds * 1000,
    countTimeoutMs: config.countTimeoutSeconds * 1000,
    pool() {
      if (closed) return Promise.reject(new Error('This connector is closed.'));
      poolPromise ??= createPool().catch((error: unknown) => {
        poolPromise = undefined;
        throw error;
      });
      return poolPromise;
    },
    async cancel(threadId) {
      const ssl = settledTls;
      try {
        const connection = await mysql.createConnection({ ...connectionConfig, ...(ssl ? { ssl } : {}) });
        await connection.query(`KILL QUERY ${Math.trunc(threadId)}`).finally(() => connection.end());
      } catch {
        // Best effort: the statement time limit still ends the query.
      }
    },
    async close() {
      closed = true;
      const opened = await poolPromise?.catch(() => undefined);
      poolPromise = undefined;
      await opened?.pool.end();
    },
  };
}
