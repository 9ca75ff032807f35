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
  };
  const tls = tlsOptions(mode, url.host, config.caCertificate || undefined);

  let poolPromise: Promise<pg.Pool> | undefined;
  let closed = false;

  /** sslmode=prefer: try TLS, and fall back to plain only when the server says it has none. */
  async function settleTls(): Promise<ConnectionOptions | false> {
    if (mode !== 'prefer') return tls;
    const probe = new pg.Client({ ...clientConfig, ssl: tls });
    try {
      await probe.connect();
      return tls;
    } catch (error) {
      if (error instanceof Error && error.message.includes('does not support SSL')) return false;
      throw mapPostgresError(error, { endpoint, secrets });
    } finally {
      await probe.end().catch(() => {});
    }
  }

  async function createPool(): Promise<pg.Pool> {
    const ssl = await settleTls();
    const pool = new pg.Pool({
      ...clientConfig,
      ssl,
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
