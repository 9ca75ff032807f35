import { Binary, type Document } from 'bson';
import { ScramConversation, authenticationFailed } from '../auth/scram-conversation';
import type { ScramMechanism } from '../auth/scram-credentials';
import { bsonTypeTag, isPlainObject } from '../bson/bson-view';
import { MongoCommandError } from '../command-error';
import type { CommandContext, CommandHandler, ConnectionState, ServerState } from './command-context';

/** SASL conversations per connection, and whether the client skips the empty last step. */
interface Conversation {
  scram: ScramConversation;
  skipEmptyExchange: boolean;
  proven: boolean;
}
const conversations = new WeakMap<ConnectionState, Map<number, Conversation>>();

function conversationsOf(connection: ConnectionState): Map<number, Conversation> {
  let map = conversations.get(connection);
  if (!map) {
    map = new Map();
    conversations.set(connection, map);
  }
  return map;
}

function payloadText(payload: unknown): string {
  if (bsonTypeTag(payload) === 'Binary') {
    const binary = payload as Binary;
    return Buffer.from(binary.buffer.subarray(0, binary.position)).toString('utf8');
  }
  if (typeof payload === 'string') return payload;
  throw new MongoCommandError(14, "BSON field 'payload' is the wrong type, expected type 'binData'");
}

function binary(text: string): Binary {
  return new Binary(Buffer.from(text, 'utf8'));
}

/**
 * `saslStart`: the first SCRAM step, for `db` (the authentication database). Also
 * what a `hello` carrying `speculativeAuthenticate` runs.
 */
export function startSasl(
  server: ServerState,
  connection: ConnectionState,
  db: string,
  body: Document,
): Document {
  const mechanism = body.mechanism as unknown;
  if (mechanism !== 'SCRAM-SHA-1' && mechanism !== 'SCRAM-SHA-256') {
    throw new MongoCommandError(
      334,
      `Received authentication for mechanism ${String(mechanism)} which is not enabled`,
    );
  }
  const scram = new ScramConversation(mechanism as ScramMechanism, (username) =>
    server.users.get(`${db}.${username}`),
  );
  const serverFirst = scram.start(payloadText(body.payload));
  const id = connection.nextConversationId++;
  const options = isPlainObject(body.options) ? body.options : {};
  conversationsOf(connection).set(id, {
    scram,
    skipEmptyExchange: options.skipEmptyExchange === true,
    proven: false,
  });
  return { conversationId: id, done: false, payload: binary(serverFirst), ok: 1 };
}

const saslStart: CommandHandler = (context) =>
  startSasl(context.server, context.connection, context.db, context.body);

const saslContinue: CommandHandler = (context: CommandContext) => {
  const id = Number(context.body.conversationId?.valueOf());
  const all = conversationsOf(context.connection);
  const conversation = all.get(id);
  if (!conversation) throw new MongoCommandError(17, 'No SASL session state found');
  if (conversation.proven) {
    // The optional empty exchange after the server's signature (no skipEmptyExchange).
    all.delete(id);
    return { conversationId: id, done: true, payload: binary(''), ok: 1 };
  }
  try {
    const { serverFinal, user } = conversation.scram.finish(payloadText(context.body.payload));
    context.connection.authenticatedUser = user;
    conversation.proven = true;
    if (conversation.skipEmptyExchange) all.delete(id);
    return { conversationId: id, done: conversation.skipEmptyExchange, payload: binary(serverFinal), ok: 1 };
  } catch (error) {
    all.delete(id);
    throw error instanceof MongoCommandError ? error : authenticationFailed();
  }
};

const logout: CommandHandler = (context) => {
  context.connection.authenticatedUser = undefined;
  return { ok: 1 };
};

export const authCommands: Record<string, CommandHandler> = { saslStart, saslContinue, logout };
