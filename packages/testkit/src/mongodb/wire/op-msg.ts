import { BSON, type Document } from 'bson';
import crc32c from 'crc-32/crc32c.js';
import { MongoCommandError } from '../command-error';
import { TYPED_BSON } from './bson-options';
import { HEADER_SIZE, OP_MSG, writeHeader } from './message-header';

const CHECKSUM_PRESENT = 1 << 0;
const MORE_TO_COME = 1 << 1;
/** Bits 0-15 are "required": a receiver must reject flags it does not know there. */
const KNOWN_REQUIRED_FLAGS = CHECKSUM_PRESENT | MORE_TO_COME;
const REQUIRED_FLAGS_MASK = 0xffff;

/** A decoded OP_MSG request: its command body with any document sequences merged in. */
export interface OpMsgRequest {
  requestId: number;
  /** The client expects no reply (unacknowledged writes). */
  moreToCome: boolean;
  body: Document;
}

/**
 * Raised when a message cannot be parsed. `closeConnection` marks the errors MongoDB
 * classes as ConnectionFatalMessageParseError: it answers them and then hangs up.
 */
export class WireParseError extends MongoCommandError {
  constructor(
    code: number,
    message: string,
    readonly closeConnection: boolean,
  ) {
    super(code, message);
  }
}

/**
 * Decodes an OP_MSG: flag bits, one kind-0 body section, kind-1 document sequences
 * (e.g. `documents` of an insert sent as a sequence), and the optional CRC-32C
 * checksum, which is verified when present, as mongod does.
 */
export function decodeOpMsg(message: Buffer, requestId: number): OpMsgRequest {
  const flags = message.readUInt32LE(HEADER_SIZE);
  if ((flags & REQUIRED_FLAGS_MASK & ~KNOWN_REQUIRED_FLAGS) !== 0) {
    throw new WireParseError(
      223,
      `Message contains illegal flags value: Ob${flags.toString(2).padStart(32, '0')}`,
      true,
    );
  }
  let end = message.length;
  if (flags & CHECKSUM_PRESENT) {
    if (message.length < HEADER_SIZE + 4 + 4 + 1) {
      throw new WireParseError(51251, 'Invalid message size for an OpMsg containing a checksum', true);
    }
    end -= 4;
    const expected = message.readUInt32LE(end);
    const actual = crc32c.buf(message.subarray(0, end)) >>> 0;
    if (expected !== actual) {
      throw new WireParseError(288, 'OP_MSG checksum does not match contents', true);
    }
  }

  let body: Document | undefined;
  const sequences = new Map<string, Document[]>();
  let offset = HEADER_SIZE + 4;
  while (offset < end) {
    const kind = message.readUInt8(offset);
    offset += 1;
    if (kind === 0) {
      if (body) throw new WireParseError(40430, 'Multiple body sections in message', false);
      const size = message.readInt32LE(offset);
      body = BSON.deserialize(message.subarray(offset, offset + size), TYPED_BSON);
      offset += size;
    } else if (kind === 1) {
      const size = message.readInt32LE(offset);
      const sectionEnd = offset + size;
      const nameEnd = message.indexOf(0, offset + 4);
      const name = message.toString('utf8', offset + 4, nameEnd);
      if (sequences.has(name)) {
        throw new WireParseError(40431, `Duplicate document sequence: ${name}`, false);
      }
      const documents: Document[] = [];
      let cursor = nameEnd + 1;
      while (cursor < sectionEnd) {
        const docSize = message.readInt32LE(cursor);
        documents.push(BSON.deserialize(message.subarray(cursor, cursor + docSize), TYPED_BSON));
        cursor += docSize;
      }
      sequences.set(name, documents);
      offset = sectionEnd;
    } else {
      throw new WireParseError(40432, `Unknown section kind ${kind}`, true);
    }
  }
  if (!body) throw new WireParseError(40587, 'OP_MSG messages must have a body', false);
  for (const [name, documents] of sequences) {
    if (name in body) {
      throw new WireParseError(40433, `Duplicate field between body and document sequence ${name}`, false);
    }
    body[name] = documents;
  }
  return { requestId, moreToCome: (flags & MORE_TO_COME) !== 0, body };
}

/** Encodes a reply as an OP_MSG with a single body section and no checksum. */
export function encodeOpMsgReply(requestId: number, responseTo: number, reply: Document): Buffer {
  const body = BSON.serialize(reply);
  const message = Buffer.alloc(HEADER_SIZE + 4 + 1 + body.length);
  writeHeader(message, { messageLength: message.length, requestId, responseTo, opCode: OP_MSG });
  message.writeUInt32LE(0, HEADER_SIZE);
  message.writeUInt8(0, HEADER_SIZE + 4);
  message.set(body, HEADER_SIZE + 5);
  return message;
}
