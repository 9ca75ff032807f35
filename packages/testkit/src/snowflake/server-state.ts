import type { QueryEnvironment } from './query/query-environment';
import type { QueryRegistry } from './query/query-registry';
import type { ChunkStore } from './result/chunk-store';
import type { ServerConfig } from './server-options';
import type { SessionStore } from './session/session-store';

/** Counters tests use to see which parts of the protocol a client exercised. */
export interface SnowflakeServerStats {
  logins: number;
  failedLogins: number;
  queries: number;
  /** Query requests answered "in progress" (333333 / 334) and then polled. */
  inProgressReplies: number;
  resultPolls: number;
  chunkDownloads: number;
  chunkBytesServed: number;
  telemetryRequests: number;
  heartbeats: number;
  tokenRenewals: number;
  sessionsClosed: number;
  openSessions: number;
  aborts: number;
}

export interface ServerState {
  config: ServerConfig;
  sessions: SessionStore;
  registry: QueryRegistry;
  queries: QueryEnvironment;
  chunks: ChunkStore;
  counters: Omit<SnowflakeServerStats, 'chunkDownloads' | 'chunkBytesServed' | 'openSessions'>;
}
