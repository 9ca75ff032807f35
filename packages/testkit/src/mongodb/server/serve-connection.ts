import type { Socket } from 'node:net';
import { MongoCommandError } from '../command-error';
import type { ConnectionState, ServerState } from '../commands/command-context';
import { dispatchCommand } from '../commands/dispatch-command';
import { MAX_MESSAGE_SIZE_BYTES } from '../commands/handshake-commands';
import { FrameReader } from '../wire/frame-reader';
import { OP_MSG, OP_QUERY, readHeader } from '../wire/message-header';
import { WireParseError, decodeOpMsg, encodeOpMsgReply } from '../wire/op-msg';
import { decodeOpQuery, encodeOpReply } from '../wire/op-query';

/** Commands mongod still accepts over legacy OP_QUERY: the connection handshake. */
const OP_QUERY_COMMANDS = new Set(['hello', 'isMaster', 'ismaster']);

/**
 * Serves one client connection: reassembles messages, answers them strictly in
 * order (a connection carries one operation at a time), and hangs up on messages
 * mongod would hang up on.
 */
export function serveConnection(
  socket: Socket,
  server: ServerState,
  id: number,
  nextRequestId: () => number,
): void {
  const connection: ConnectionState = {
    id,
    remote: `${socket.remoteAddress ?? ''}:${socket.remotePort ?? 0}`,
    authenticatedUser: undefined,
    nextConversationId: 1,
  };
  const reader = new FrameReader(MAX_MESSAGE_SIZE_BYTES);
  let queue = Promise.resolve();

  const send = (message: Buffer): void => {
    if (!socket.destroyed) socket.write(message);
  };

  const handle = async (message: Buffer): Promise<void> => {
    const header = readHeader(message);
    if (header.opCode === OP_MSG) {
      let request;
      try {
        request = decodeOpMsg(message, header.requestId);
      } catch (error) {
        if (!(error instanceof WireParseError)) throw error;
        send(encodeOpMsgReply(nextRequestId(), header.requestId, error.toReply()));
        if (error.closeConnection) socket.end();
        return;
      }
      const db = request.body.$db as unknown;
      const reply =
        typeof db === 'string'
          ? await dispatchCommand(server, connection, db, request.body)
          : new MongoCommandError(40571, 'OP_MSG requests require a $db argument').toReply();
      // moreToCome: the client asked for no reply (unacknowledged write).
      if (!request.moreToCome) send(encodeOpMsgReply(nextRequestId(), header.requestId, reply));
      return;
    }
    if (header.opCode === OP_QUERY) {
      const request = decodeOpQuery(message, header.requestId);
      const name = Object.keys(request.query)[0] ?? '';
      const db = request.fullCollectionName.endsWith('.$cmd')
        ? request.fullCollectionName.slice(0, -5)
        : undefined;
      const reply =
        db !== undefined && OP_QUERY_COMMANDS.has(name)
          ? await dispatchCommand(server, connection, db, request.query)
          : new MongoCommandError(
              352,
              `Unsupported OP_QUERY command: ${name}. The client driver may require an upgrade. For more details see https://dochub.mongodb.org/core/legacy-opcode-removal`,
            ).toReply();
      send(encodeOpReply(nextRequestId(), header.requestId, reply));
      return;
    }
    // OP_COMPRESSED is never negotiated (hello offers no compressors) and the other
    // legacy opcodes were removed in MongoDB 6.0: mongod closes the connection.
    socket.destroy();
  };

  socket.on('data', (chunk: Buffer) => {
    let messages: Buffer[];
    try {
      messages = reader.push(chunk);
    } catch {
      socket.destroy();
      return;
    }
    for (const message of messages) {
      queue = queue
        .then(() => handle(message))
        .catch(() => {
          socket.destroy();
        });
    }
  });
  // A client that vanishes mid-reply is not the server's problem.
  socket.on('error', () => socket.destroy());
}
