import { BSON, type Document } from 'bson';
import { TYPED_BSON } from './bson-options';
import { HEADER_SIZE, OP_REPLY, writeHeader } from './message-header';

/** A decoded legacy OP_QUERY: drivers still open every connection with one (`isMaster`). */
export interface OpQueryRequest {
  requestId: number;
  /** `<db>.$cmd` for commands. */
  fullCollectionName: string;
  query: Document;
}

export function decodeOpQuery(message: Buffer, requestId: number): OpQueryRequest {
  let offset = HEADER_SIZE + 4; // flags
  const nameEnd = message.indexOf(0, offset);
  const fullCollectionName = message.toString('utf8', offset, nameEnd);
  offset = nameEnd + 1 + 8; // numberToSkip, numberToReturn
  const size = message.readInt32LE(offset);
  let query = BSON.deserialize(message.subarray(offset, offset + size), TYPED_BSON);
  // Old drivers wrap the command with read preference metadata.
  if (query.$query && typeof query.$query === 'object') query = query.$query as Document;
  return { requestId, fullCollectionName, query };
}

/** AwaitCapable: every server since 1.6 sets it on OP_REPLY. */
const AWAIT_CAPABLE = 8;

export function encodeOpReply(requestId: number, responseTo: number, reply: Document): Buffer {
  const body = BSON.serialize(reply);
  const message = Buffer.alloc(HEADER_SIZE + 20 + body.length);
  writeHeader(message, { messageLength: message.length, requestId, responseTo, opCode: OP_REPLY });
  message.writeInt32LE(AWAIT_CAPABLE, HEADER_SIZE);
  message.writeBigInt64LE(0n, HEADER_SIZE + 4); // cursorID
  message.writeInt32LE(0, HEADER_SIZE + 12); // startingFrom
  message.writeInt32LE(1, HEADER_SIZE + 16); // numberReturned
  message.set(body, HEADER_SIZE + 20);
  return message;
}
