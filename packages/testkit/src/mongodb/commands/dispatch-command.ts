import { Long, type Document } from 'bson';
import { setTimeout as sleep } from 'node:timers/promises';
import { MongoCommandError } from '../command-error';
import { authCommands } from './auth-commands';
import { catalogCommands } from './catalog-commands';
import { numberIn } from './command-args';
import type { CommandHandler, ConnectionState, ServerState } from './command-context';
import { handshakeCommands } from './handshake-commands';
import { readCommands } from './read-commands';
import { userCommands } from './user-commands';
import { writeCommands } from './write-commands';

const HANDLERS: Readonly<Record<string, CommandHandler>> = {
  ...handshakeCommands,
  ...authCommands,
  ...readCommands,
  ...writeCommands,
  ...catalogCommands,
  ...userCommands,
};

/** What an unauthenticated connection may run when the server has users (mongod's list). */
const WITHOUT_AUTHENTICATION = new Set([
  'hello',
  'isMaster',
  'ismaster',
  'ping',
  'buildInfo',
  'buildinfo',
  'saslStart',
  'saslContinue',
  'logout',
  'connectionStatus',
  'endSessions',
  'whatsmyuri',
]);

/** How many received commands the server keeps for tests to inspect. */
const RECEIVED_LIMIT = 10_000;

function maxTimeExpired(): MongoCommandError {
  return new MongoCommandError(50, 'operation exceeded time limit');
}

/**
 * Runs one command and returns its reply. Every failure becomes MongoDB's error
 * shape (`ok: 0, errmsg, code, codeName`): the server never answers with anything
 * a driver would not get from mongod.
 */
export async function dispatchCommand(
  server: ServerState,
  connection: ConnectionState,
  db: string,
  body: Document,
): Promise<Document> {
  const name = Object.keys(body)[0] ?? '';
  server.received.push({ name, db, body });
  if (server.received.length > RECEIVED_LIMIT) server.received.shift();
  try {
    const handler = Object.hasOwn(HANDLERS, name) ? HANDLERS[name] : undefined;
    if (!handler) throw new MongoCommandError(59, `no such command: '${name}'`);
    if (server.users.size > 0 && !connection.authenticatedUser && !WITHOUT_AUTHENTICATION.has(name)) {
      throw new MongoCommandError(13, `Command ${name} requires authentication`);
    }
    if (
      body.txnNumber !== undefined ||
      body.startTransaction !== undefined ||
      body.autocommit !== undefined
    ) {
      throw new MongoCommandError(
        20,
        'Transaction numbers are only allowed on a replica set member or mongos',
      );
    }
    const context = { server, connection, db, body, name };
    const maxTimeMS =
      name === 'getMore' ? undefined : numberIn(name, 'maxTimeMS', body.maxTimeMS, 0) || undefined;
    const started = performance.now();

    // Test-only slow path: a configured delay stands in for a slow query, so that
    // maxTimeMS can be seen to expire without server-side JavaScript.
    const delay = server.commandDelays.get(name) ?? 0;
    if (delay > 0) {
      if (maxTimeMS !== undefined && delay >= maxTimeMS) {
        await sleep(maxTimeMS);
        throw maxTimeExpired();
      }
      await sleep(delay);
    }

    const reply = await handler(context);
    if (maxTimeMS !== undefined && performance.now() - started > maxTimeMS) {
      // The operation ran out of time: it has no result, and no cursor survives it.
      const cursorId = (reply.cursor as { id?: unknown } | undefined)?.id;
      if (cursorId instanceof Long && !cursorId.isZero()) server.cursors.kill([cursorId]);
      throw maxTimeExpired();
    }
    return reply;
  } catch (error) {
    if (error instanceof MongoCommandError) return error.toReply();
    return { ok: 0, errmsg: (error as Error).message, code: 1, codeName: 'InternalError' };
  }
}
