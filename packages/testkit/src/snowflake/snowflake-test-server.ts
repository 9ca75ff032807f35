import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { installSnowflakeCatalog } from './catalog/install-catalog';
import { sendJson } from './http/http-io';
import { QueryRegistry } from './query/query-registry';
import { ChunkStore } from './result/chunk-store';
import { TableColumns } from './result/table-columns';
import { handleAbort, handleMonitoring, handleQueryRequest, handleQueryResult } from './routes/query-routes';
import {
  handleHeartbeat,
  handleLogin,
  handleSessionDelete,
  handleTelemetry,
  handleTokenRequest,
} from './routes/session-routes';
import { resolveConfig, type SnowflakeTestServerOptions } from './server-options';
import type { ServerState, SnowflakeServerStats } from './server-state';
import { SessionStore } from './session/session-store';

export type { SnowflakeTestServerOptions, SnowflakeTestUser } from './server-options';
export type { SnowflakeServerStats } from './server-state';

export interface SnowflakeTestServer {
  /** Pass to snowflake-sdk as `accessUrl` (with `snowflake.configure({ disableOCSPChecks: true })`). */
  accessUrl: string;
  /** The account identifier to pass as `account`. */
  account: string;
  /** The Snowflake database name the server serves. */
  database: string;
  port: number;
  /** Protocol counters: logins, queries, chunk downloads... */
  stats(): SnowflakeServerStats;
  /**
   * Test-only fault: closes every client's socket at once, mid-request or idle, as a
   * network failure would, and goes on listening. Returns how many were closed.
   */
  dropConnections(): number;
  /** Cancels running statements, closes connections and deletes result chunks. */
  close(): Promise<void>;
}

/**
 * Starts a Snowflake protocol server on a random local port for snowflake-sdk to talk to, backed
 * by a PostgreSQL database prepared with `createSnowflakeTestDatabase`. It implements the REST
 * calls the SDK makes: login (password and key-pair JWT, both checked), token renewal, heartbeat,
 * logout, telemetry, query requests with bindings and session parameters, result polling, abort,
 * query monitoring, and large results split into gzip chunks the SDK downloads from this server.
 * Statements are translated from Snowflake SQL to PostgreSQL (see sql/translate.ts).
 */
export async function startSnowflakeTestServer(
  options: SnowflakeTestServerOptions,
): Promise<SnowflakeTestServer> {
  const config = resolveConfig(options);
  const pool = new pg.Pool({ connectionString: options.postgresUrl, max: options.poolSize ?? 8 });
  // An idle connection dropping must not crash the test process; the pool replaces it.
  pool.on('error', () => {});
  const client = await pool.connect();
  try {
    await installSnowflakeCatalog(client, { database: config.database, owner: config.ownerRole });
  } finally {
    client.release();
  }
  const resultDirectory = await mkdtemp(path.join(tmpdir(), 'connect-snowflake-results-'));

  let accessUrl = '';
  const chunks = new ChunkStore(() => accessUrl);
  const state: ServerState = {
    config,
    sessions: new SessionStore({
      sessionSeconds: config.sessionTokenValiditySeconds,
      masterSeconds: config.masterTokenValiditySeconds,
    }),
    registry: new QueryRegistry(),
    chunks,
    queries: {
      config,
      pool,
      postgresUrl: options.postgresUrl,
      tableColumns: new TableColumns(pool),
      resultDirectory,
      publishChunks: (queryId, files) => chunks.publish(queryId, files),
      startedAt: new Date().toISOString().replace('T', ' ').replace('Z', '+00'),
      schemaExists: async (schema) =>
        (
          await pool.query(
            `SELECT 1 FROM pg_namespace WHERE nspname = $1
               AND nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast', 'sf_internal', 'public')`,
            [schema],
          )
        ).rowCount === 1,
    },
    counters: {
      logins: 0,
      failedLogins: 0,
      queries: 0,
      inProgressReplies: 0,
      resultPolls: 0,
      telemetryRequests: 0,
      heartbeats: 0,
      tokenRenewals: 0,
      sessionsClosed: 0,
      aborts: 0,
    },
  };

  const server = createServer((request, response) => {
    route(state, request, response).catch((error: unknown) => {
      if (response.headersSent) {
        response.destroy();
        return;
      }
      sendJson(request, response, 500, {
        code: null,
        data: null,
        message: `Snowflake test server error: ${error instanceof Error ? error.message : String(error)}`,
        success: false,
      });
    });
  });
  const sockets = new Set<Socket>();
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  // The SDK keeps connections alive; closing them sooner than it expects makes it retry.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  accessUrl = `http://${host}:${port}`;

  return {
    accessUrl,
    account: config.account,
    database: config.database,
    port,
    stats: () => ({
      ...state.counters,
      chunkDownloads: chunks.downloads,
      chunkBytesServed: chunks.bytesServed,
      openSessions: state.sessions.openCount,
    }),
    dropConnections() {
      const count = sockets.size;
      for (const socket of sockets) socket.destroy();
      return count;
    },
    async close() {
      await state.registry.abortAll();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await pool.end();
      await rm(resultDirectory, { recursive: true, force: true });
    },
  };
}

async function route(state: ServerState, request: IncomingMessage, response: ServerResponse): Promise<void> {
  const url = new URL(request.url ?? '/', 'http://localhost');
  const method = request.method ?? 'GET';
  const { pathname } = url;

  if (method === 'GET' && state.chunks.serve(request, response, url)) return;
  if (method === 'POST' && pathname === '/session/v1/login-request')
    return handleLogin(state, request, response, url);
  if (method === 'POST' && pathname === '/session/token-request')
    return handleTokenRequest(state, request, response);
  if (method === 'POST' && pathname === '/session' && url.searchParams.get('delete') === 'true') {
    return handleSessionDelete(state, request, response);
  }
  if (method === 'POST' && pathname === '/session/heartbeat')
    return handleHeartbeat(state, request, response);
  if (method === 'POST' && pathname === '/telemetry/send') return handleTelemetry(state, request, response);
  if (method === 'POST' && pathname === '/queries/v1/query-request') {
    return handleQueryRequest(state, request, response, url);
  }
  if (method === 'POST' && pathname === '/queries/v1/abort-request') {
    return handleAbort(state, request, response, undefined);
  }
  const byId = /^\/queries\/([0-9a-f-]{36})\/(result|abort-request)$/.exec(pathname);
  if (byId && method === 'GET' && byId[2] === 'result')
    return handleQueryResult(state, request, response, byId[1]!);
  if (byId && method === 'POST' && byId[2] === 'abort-request') {
    return handleAbort(state, request, response, byId[1]!);
  }
  const monitoring = /^\/monitoring\/queries\/([0-9a-f-]{36})$/.exec(pathname);
  if (monitoring && method === 'GET') return handleMonitoring(state, request, response, monitoring[1]!);

  sendJson(request, response, 404, {
    code: null,
    data: null,
    message: `${method} ${pathname} is not implemented by the Snowflake test server`,
    success: false,
  });
}
