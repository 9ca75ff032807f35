import type { ConnectionOptions } from 'node:tls';
import pg from 'pg';
import type { Endpoint } from '../errors/network-errors';
import { parsePostgresUrl, type PostgresConfig, type PostgresSslMode } from './config';
import { mapPostgresError } from './errors';
import { customerTypeParsers } from './types';

export interface PostgresSessionOptions {
  /** Connections per pool; previews and counts from one user rarely need more. */
  maxConnections?: number;
}

/**
 * One connection's pool and what is needed to use it safely: where it points (for
 * messages), the secrets to keep out of messages, and a way to cancel a running
 * statement from outside.
 */
export interface PostgresSession {
  endpoint: Endpoint;
  secrets: readonly (string | undefined)[];
  queryTimeoutMs: number;
  countTimeoutMs: number;
  /** The pool, created on first use (after settling whether TLS is used). */
  pool(): Promise<pg.Pool>;
  /** Asks the server to cancel whatever backend `processId` is running (pg_cancel_backend). */
  cancel(processId: number): Promise<void>;
  close(): Promise<void>;
}

function tlsOptions(mode: PostgresSslMode, host: string, ca: string | undefined): ConnectionOptions | false {
  switch (mode) {
    case 'disable':
      return false;
    case 'prefer':
    case 'require':
      // libpq's meaning: encrypt; verify the chain only when a CA is given.
      return ca
        ? { ca, rejectUnauthorized: true, checkServerIdentity: () => undefined }
        : { rejectUnauthorized: false };
    case 'verify-ca':
      return { ...(ca ? { ca } : {}), rejectUnauthorized: true, checkServerIdentity: () => undefined };
    case 'verify-full':
      return { ...(ca ? { ca } : {}), rejectUnauthorized: true, servername: host };
  }
}

/**
 * Startup options that make the whole session read-only (`default_transaction_read_only`).
 * Every operation also runs in a READ ONLY transaction; this is the second wall: a
 * statement that somehow ended that transaction would find itself in another read-only
 * one, and `DISCARD ALL` returns the session to this default.
 */
export const readOnlyStartupOptions = '-c default_transaction_read_only=on';

export function openPostgresSession(
  config: PostgresConfig,
  options: PostgresSessionOptions = {},
): PostgresSession {
  const url = parsePostgresUrl(config.url);
  const password = config.password ?? url.password;
  const mode = (url.params.get('sslmode') ?? 'prefer') as PostgresSslMode;
  const connectTimeoutMs = Number(url.params.get('connect_timeout') ?? 10) * 1000 || 10_000;
  const endpoint: Endpoint = {
    host: url.host,
    port: url.port,
    user: url.user,
    database: url.database,
    connectTimeoutMs,
  };
  const secrets = [password];
  const clientConfig: pg.ClientConfig = {
    host: url.host,
    port: url.port,
    database: url.database,
    user: url.user,
    password,
    application_name: url.params.get('application_name') ?? 'Connect',
    connectionTimeoutMillis: connectTimeoutMs,
    types: customerTypeParsers,
    options: readOnlyStartupOptions,
  };
  const tls = tlsOptions(mode, url.host, config.caCertificate || undefined);

  let poolPromise: Promise<pg.Pool> | undefined;
  let closed = false;

  /**
   * Connects once to settle what the pool uses: with sslmode=prefer, TLS unless the
   * server has none; and the read-only startup option, unless a pooler in front of
   * the server refuses startup options (PgBouncer without ignore_startup_parameters),
   * where every transaction is still READ ONLY.
   */
  async function settle(): Promise<{ ssl: ConnectionOptions | false; options: string | undefined }> {
    let ssl = tls;
    let startupOptions: string | undefined = readOnlyStartupOptions;
    for (;;) {
      const probe = new pg.Client({ ...clientConfig, options: startupOptions, ssl });
      probe.on('error', () => {});
      try {
        await probe.connect();
        return { ssl, options: startupOptions };
      } catch (error) {
        const message = error instanceof Error ? error.message : '';
        if (mode === 'prefer' && ssl !== false && message.includes('does not support SSL')) ssl = false;
        else if (startupOptions !== undefined && /unsupported startup parameter/i.test(message))
          startupOptions = undefined;
        else throw mapPostgresError(error, { endpoint, secrets });
      } finally {
        await probe.end().catch(() => {});
      }
    }
  }

  async function createPool(): Promise<pg.Pool> {
    const settled = await settle();
    const pool = new pg.Pool({
      ...clientConfig,
      ...settled,
      max: options.maxConnections ?? 5,
      idleTimeoutMillis: 30_000,
      allowExitOnIdle: true,
    });
    // An idle client losing its connection (server restart) must not crash the process.
    pool.on('error', () => {});
    return pool;
  }

  return {
    endpoint,
    secrets,
    queryTimeoutMs: config.queryTimeoutSeconds * 1000,
    countTimeoutMs: config.countTimeoutSeconds * 1000,
    pool() {
      if (closed) return Promise.reject(new Error('This connector is closed.'));
      poolPromise ??= createPool().catch((error: unknown) => {
        poolPromise = undefined; // a failed first connection is retried next time
        throw error;
      });
      return poolPromise;
    },
    async cancel(processId) {
      const pool = await poolPromise;
      const client = new pg.Client({ ...clientConfig, ssl: pool?.options.ssl ?? tls });
      client.on('error', () => {});
      try {
        await client.connect();
        await client.query('SELECT pg_cancel_backend($1)', [processId]);
      } catch {
        // Best effort: the statement timeout still ends the query.
      } finally {
        await client.end().catch(() => {});
      }
    },
    async close() {
      closed = true;
      const pool = await poolPromise?.catch(() => undefined);
      poolPromise = undefined;
      await pool?.end();
    },
  };
}
