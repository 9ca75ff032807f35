import type { Document } from 'bson';
import { isPlainObject } from '../bson/bson-view';
import { startSasl } from './auth-commands';
import type { CommandContext, CommandHandler } from './command-context';

/** The wire version of MongoDB 7.0, which this server presents itself as. */
export const MAX_WIRE_VERSION = 21;
export const MAX_BSON_OBJECT_SIZE = 16 * 1024 * 1024;
export const MAX_MESSAGE_SIZE_BYTES = 48_000_000;

/**
 * `hello` / legacy `isMaster`: a standalone, writable primary. No `topologyVersion`,
 * so drivers poll instead of streaming; no `compression`, so they never compress.
 */
function hello(context: CommandContext): Document {
  const { body, connection, server } = context;
  const legacy = context.name !== 'hello';
  const reply: Document = {
    [legacy ? 'ismaster' : 'isWritablePrimary']: true,
    ...(body.helloOk === true ? { helloOk: true } : {}),
    maxBsonObjectSize: MAX_BSON_OBJECT_SIZE,
    maxMessageSizeBytes: MAX_MESSAGE_SIZE_BYTES,
    maxWriteBatchSize: 100_000,
    localTime: new Date(),
    logicalSessionTimeoutMinutes: 30,
    connectionId: connection.id,
    minWireVersion: 0,
    maxWireVersion: MAX_WIRE_VERSION,
    readOnly: false,
  };
  if (typeof body.saslSupportedMechs === 'string') {
    const user = server.users.get(body.saslSupportedMechs);
    if (user) reply.saslSupportedMechs = Object.keys(user.credentials);
  }
  const speculative = body.speculativeAuthenticate as unknown;
  if (isPlainObject(speculative) && typeof speculative.db === 'string') {
    try {
      const { ok: _ok, ...step } = startSasl(server, connection, speculative.db, speculative);
      reply.speculativeAuthenticate = step;
    } catch {
      // A failed speculative step is left out; the driver then authenticates normally.
    }
  }
  reply.ok = 1;
  return reply;
}

const buildInfo: CommandHandler = (context) => {
  const [major = 7, minor = 0, patch = 0] = context.server.version.split('.').map(Number);
  return {
    version: context.server.version,
    gitVersion: 'connect-testkit',
    versionArray: [major, minor, patch, 0],
    bits: 64,
    debug: false,
    maxBsonObjectSize: MAX_BSON_OBJECT_SIZE,
    storageEngines: ['wiredTiger'],
    javascriptEngine: 'none',
    ok: 1,
  };
};

export const handshakeCommands: Record<string, CommandHandler> = {
  hello,
  isMaster: hello,
  ismaster: hello,
  ping: () => ({ ok: 1 }),
  buildInfo,
  buildinfo: buildInfo,
  endSessions: () => ({ ok: 1 }),
  whatsmyuri: (context) => ({ you: context.connection.remote, ok: 1 }),
};
