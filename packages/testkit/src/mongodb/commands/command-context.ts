import type { Document } from 'bson';
import type { StoredUser } from '../auth/scram-credentials';
import type { CursorRegistry } from '../cursors/cursor-registry';
import type { MemoryStore } from '../store/memory-store';

/** A command as the server received it, kept for tests that assert what a client sent. */
export interface ReceivedCommand {
  name: string;
  db: string;
  body: Document;
}

/** State shared by every connection of one server. */
export interface ServerState {
  store: MemoryStore;
  cursors: CursorRegistry;
  /** Users by `<db>.<username>`; empty when the server runs without authentication. */
  users: Map<string, StoredUser>;
  /** Test-only: milliseconds to wait before running a command, by command name. */
  commandDelays: Map<string, number>;
  received: ReceivedCommand[];
  version: string;
}

/** State of one client connection. */
export interface ConnectionState {
  id: number;
  /** `host:port` of the client, as `whatsmyuri` reports it. */
  remote: string;
  authenticatedUser: StoredUser | undefined;
  nextConversationId: number;
}

export interface CommandContext {
  server: ServerState;
  connection: ConnectionState;
  /** The command's database (`$db`). */
  db: string;
  /** The command document, typed BSON. */
  body: Document;
  /** The command name (the body's first field). */
  name: string;
}

export type CommandHandler = (context: CommandContext) => Document | Promise<Document>;
