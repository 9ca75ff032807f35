import { BSON, type Document } from 'bson';
import { createServer, type AddressInfo, type Socket } from 'node:net';
import { storeUser, type MongoTestUser } from './auth/scram-credentials';
import type { ReceivedCommand, ServerState } from './commands/command-context';
import { CursorRegistry } from './cursors/cursor-registry';
import { withIdFirst } from './query/apply-update';
import { serveConnection } from './server/serve-connection';
import { MemoryStore } from './store/memory-store';
import { TYPED_BSON } from './wire/bson-options';

export type { MongoTestUser, ScramMechanism } from './auth/scram-credentials';
export type { ReceivedCommand } from './commands/command-context';

export interface MongoTestServerOptions {
  /**
   * Users with SCRAM-SHA-256 and SCRAM-SHA-1 credentials. When given, every command
   * except the handshake and authentication needs an authenticated connection, as on
   * a mongod started with `--auth`. Without users the server needs no login.
   */
  users?: MongoTestUser[];
  /** Documents to start with: `{ database: { collection: [documents] } }`. */
  seed?: Record<string, Record<string, Document[]>>;
  /**
   * Test-only slow path: milliseconds to wait before running the named commands
   * (e.g. `{ aggregate: 500 }`), so `maxTimeMS` can be seen to expire.
   */
  commandDelayMs?: Record<string, number>;
  /** Version reported by `buildInfo`. Default `7.0.0`, matching the wire version (21). */
  version?: string;
  /** Idle cursors are killed after this long. Default 10 minutes, as mongod. */
  cursorTimeoutMs?: number;
}

export interface MongoTestServer {
  /** `mongodb://127.0.0.1:<port>`, no credentials. */
  url: string;
  host: string;
  port: number;
  /** A connection string with credentials and an optional default database. */
  urlWithCredentials(
    username: string,
    password: string,
    options?: { authSource?: string; database?: string },
  ): string;
  /** Test-only: delay a command by `ms` (0 removes the delay). */
  setCommandDelay(command: string, ms: number): void;
  /** Commands received so far (oldest first), optionally only those with the given name. */
  receivedCommands(name?: string): ReceivedCommand[];
  clearReceivedCommands(): void;
  /** Cursors still open on the server. */
  openCursorCount(): number;
  /**
   * Test-only fault: closes every client's socket at once, as a network failure or a
   * restart would, and goes on listening. Returns how many were closed.
   */
  dropConnections(): number;
  /** Disconnects every client and stops listening. */
  close(): Promise<void>;
}

/**
 * Starts an in-process MongoDB wire-protocol server on a random local port. It
 * speaks the legacy OP_QUERY handshake and OP_MSG, keeps databases, collections and
 * views in memory, and evaluates queries and aggregations with mingo, corrected where
 * mingo and MongoDB differ. See README.md beside this file for what it does not cover.
 */
export async function startMongoTestServer(options: MongoTestServerOptions = {}): Promise<MongoTestServer> {
  const state: ServerState = {
    store: new MemoryStore(),
    cursors: new CursorRegistry(options.cursorTimeoutMs),
    users: new Map((options.users ?? []).map(storeUser).map((user) => [`${user.db}.${user.username}`, user])),
    commandDelays: new Map(Object.entries(options.commandDelayMs ?? {})),
    received: [],
    version: options.version ?? '7.0.0',
  };
  for (const [database, collections] of Object.entries(options.seed ?? {})) {
    for (const [name, documents] of Object.entries(collections)) {
      const collection = state.store.collectionForWrite(database, name);
      // A BSON round trip gives seeds exactly the types a driver insert would.
      for (const document of documents) {
        collection.insert(withIdFirst(BSON.deserialize(BSON.serialize(document), TYPED_BSON)));
      }
    }
  }

  const sockets = new Set<Socket>();
  let nextConnectionId = 1;
  let requestId = 0;
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    serveConnection(socket, state, nextConnectionId++, () => ++requestId);
  });
  const host = '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const url = `mongodb://${host}:${port}`;

  return {
    url,
    host,
    port,
    urlWithCredentials(username, password, { authSource = 'admin', database = '' } = {}) {
      const user = `${encodeURIComponent(username)}:${encodeURIComponent(password)}`;
      return `mongodb://${user}@${host}:${port}/${database}?authSource=${encodeURIComponent(authSource)}`;
    },
    setCommandDelay(command, ms) {
      if (ms > 0) state.commandDelays.set(command, ms);
      else state.commandDelays.delete(command);
    },
    receivedCommands(name) {
      return name === undefined
        ? [...state.received]
        : state.received.filter((command) => command.name === name);
    },
    clearReceivedCommands() {
      state.received.length = 0;
    },
    openCursorCount() {
      return state.cursors.openCount;
    },
    dropConnections() {
      const count = sockets.size;
      for (const socket of sockets) socket.destroy();
      return count;
    },
    async close() {
      state.cursors.close();
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
