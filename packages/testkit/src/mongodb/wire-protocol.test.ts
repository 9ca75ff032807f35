import { BSON, type Document } from 'bson';
import crc32c from 'crc-32/crc32c';
import { MongoClient, type ObjectId } from 'mongodb';
import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMongoTestServer, type MongoTestServer } from './start-mongo-test-server';

/**
 * Test documents use numeric and string `_id`s and arbitrary fields, which the
 * driver's default schema types reject; `any` is what the driver's own Document uses.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Loose = { _id?: string | number | ObjectId; [field: string]: any };

/**
 * The wire protocol below the driver: messages built by hand, as the OP_MSG and
 * OP_QUERY specifications define them, to exercise what the driver never sends
 * (document sequences for ordinary writes, checksums, bad flags, legacy opcodes).
 */

let server: MongoTestServer;

beforeAll(async () => {
  server = await startMongoTestServer();
});

afterAll(async () => {
  await server?.close();
});

const OP_REPLY = 1;
const OP_QUERY = 2004;
const OP_MSG = 2013;

/** A raw connection that sends messages and reads whole replies. */
class RawConnection {
  private buffered = Buffer.alloc(0);
  private waiters: Array<() => void> = [];
  closed = false;

  private constructor(private readonly socket: Socket) {
    socket.on('data', (chunk: Buffer) => {
      this.buffered = Buffer.concat([this.buffered, chunk]);
      this.waiters.splice(0).forEach((wake) => wake());
    });
    socket.on('close', () => {
      this.closed = true;
      this.waiters.splice(0).forEach((wake) => wake());
    });
  }

  static open(port: number): Promise<RawConnection> {
    return new Promise((resolve, reject) => {
      const socket = connect(port, '127.0.0.1', () => resolve(new RawConnection(socket)));
      socket.once('error', reject);
    });
  }

  send(message: Buffer): void {
    this.socket.write(message);
  }

  /** The next whole message, or undefined when the server closed the connection first. */
  async receive(): Promise<Buffer | undefined> {
    for (;;) {
      if (this.buffered.length >= 4) {
        const length = this.buffered.readInt32LE(0);
        if (this.buffered.length >= length) {
          const message = this.buffered.subarray(0, length);
          this.buffered = this.buffered.subarray(length);
          return message;
        }
      }
      if (this.closed) return undefined;
      await new Promise<void>((resolve) => this.waiters.push(resolve));
    }
  }

  close(): void {
    this.socket.destroy();
  }
}

let nextRequestId = 100;

function header(length: number, opCode: number): Buffer {
  const head = Buffer.alloc(16);
  head.writeInt32LE(length, 0);
  head.writeInt32LE(nextRequestId++, 4);
  head.writeInt32LE(0, 8);
  head.writeInt32LE(opCode, 12);
  return head;
}

/** OP_MSG: flags, a kind-0 body, kind-1 document sequences, optional CRC-32C checksum. */
function opMsg(
  body: Document,
  {
    sequences = {},
    flags = 0,
    checksum = false,
  }: { sequences?: Record<string, Document[]>; flags?: number; checksum?: boolean } = {},
): Buffer {
  const sections: Buffer[] = [];
  for (const [name, documents] of Object.entries(sequences)) {
    const payload = Buffer.concat([
      Buffer.from(`${name}\0`, 'utf8'),
      ...documents.map((d) => Buffer.from(BSON.serialize(d))),
    ]);
    const size = Buffer.alloc(4);
    size.writeInt32LE(payload.length + 4);
    sections.push(Buffer.from([1]), size, payload);
  }
  sections.push(Buffer.from([0]), Buffer.from(BSON.serialize(body)));
  const flagBytes = Buffer.alloc(4);
  flagBytes.writeUInt32LE((flags | (checksum ? 1 : 0)) >>> 0);
  const content = Buffer.concat([flagBytes, ...sections]);
  const length = 16 + content.length + (checksum ? 4 : 0);
  const message = Buffer.concat([header(length, OP_MSG), content]);
  if (!checksum) return message;
  const crc = Buffer.alloc(4);
  crc.writeUInt32LE(crc32c.buf(message) >>> 0);
  return Buffer.concat([message, crc]);
}

function opQuery(collection: string, query: Document): Buffer {
  const content = Buffer.concat([
    Buffer.alloc(4),
    Buffer.from(`${collection}\0`, 'utf8'),
    Buffer.from([0, 0, 0, 0, 0xff, 0xff, 0xff, 0xff]),
    Buffer.from(BSON.serialize(query)),
  ]);
  return Buffer.concat([header(16 + content.length, OP_QUERY), content]);
}

function replyBody(message: Buffer | undefined): Document {
  expect(message).toBeDefined();
  const opCode = message!.readInt32LE(12);
  if (opCode === OP_MSG) {
    expect(message!.readUInt8(20)).toBe(0);
    return BSON.deserialize(message!.subarray(21));
  }
  expect(opCode).toBe(OP_REPLY);
  expect(message!.readInt32LE(32)).toBe(1);
  return BSON.deserialize(message!.subarray(36));
}

describe('OP_MSG', () => {
  it('merges a kind-1 document sequence into the command', async () => {
    const raw = await RawConnection.open(server.port);
    raw.send(
      opMsg({ insert: 'seq', $db: 'wire' }, { sequences: { documents: [{ _id: 1, a: 'x' }, { _id: 2 }] } }),
    );
    expect(replyBody(await raw.receive())).toMatchObject({ n: 2, ok: 1 });
    raw.send(opMsg({ find: 'seq', filter: { a: 'x' }, $db: 'wire' }));
    expect(replyBody(await raw.receive()).cursor.firstBatch).toEqual([{ _id: 1, a: 'x' }]);
    raw.close();
  });

  it('rejects a field sent both in the body and as a sequence', async () => {
    const raw = await RawConnection.open(server.port);
    raw.send(
      opMsg({ insert: 'seq', documents: [], $db: 'wire' }, { sequences: { documents: [{ _id: 9 }] } }),
    );
    expect(replyBody(await raw.receive())).toMatchObject({ ok: 0, code: 40433 });
    raw.close();
  });

  it('verifies a CRC-32C checksum and accepts a correct one', async () => {
    // The checksum library computes CRC-32C (Castagnoli): the standard check value.
    expect(crc32c.buf(Buffer.from('123456789')) >>> 0).toBe(0xe3069283);
    const raw = await RawConnection.open(server.port);
    raw.send(opMsg({ ping: 1, $db: 'admin' }, { checksum: true }));
    expect(replyBody(await raw.receive())).toEqual({ ok: 1 });
    raw.close();
  });

  it('answers a wrong checksum with ChecksumMismatch and closes the connection', async () => {
    const raw = await RawConnection.open(server.port);
    const message = opMsg({ ping: 1, $db: 'admin' }, { checksum: true });
    message.writeUInt32LE((message.readUInt32LE(message.length - 4) ^ 1) >>> 0, message.length - 4);
    raw.send(message);
    expect(replyBody(await raw.receive())).toMatchObject({ ok: 0, code: 288, codeName: 'ChecksumMismatch' });
    expect(await raw.receive()).toBeUndefined();
  });

  it('rejects unknown required flag bits and closes the connection', async () => {
    const raw = await RawConnection.open(server.port);
    raw.send(opMsg({ ping: 1, $db: 'admin' }, { flags: 1 << 3 }));
    expect(replyBody(await raw.receive())).toMatchObject({ ok: 0, code: 223, codeName: 'IllegalOpMsgFlag' });
    expect(await raw.receive()).toBeUndefined();
  });

  it('sends no reply when moreToCome is set, but still runs the command', async () => {
    const raw = await RawConnection.open(server.port);
    raw.send(opMsg({ insert: 'quiet', documents: [{ _id: 1 }], $db: 'wire' }, { flags: 1 << 1 }));
    raw.send(opMsg({ count: 'quiet', $db: 'wire' }));
    // The first reply on the wire answers the count: the insert had none.
    expect(replyBody(await raw.receive())).toEqual({ n: 1, ok: 1 });
    raw.close();
  });

  it('requires $db', async () => {
    const raw = await RawConnection.open(server.port);
    raw.send(opMsg({ ping: 1 }));
    expect(replyBody(await raw.receive())).toMatchObject({ ok: 0, code: 40571 });
    raw.close();
  });
});

describe('OP_QUERY', () => {
  it('answers the legacy isMaster handshake with OP_REPLY', async () => {
    const raw = await RawConnection.open(server.port);
    raw.send(opQuery('admin.$cmd', { isMaster: 1, helloOk: true }));
    const reply = await raw.receive();
    expect(reply!.readInt32LE(12)).toBe(OP_REPLY);
    expect(replyBody(reply)).toMatchObject({
      ismaster: true,
      helloOk: true,
      maxWireVersion: 21,
      maxBsonObjectSize: 16777216,
      maxMessageSizeBytes: 48000000,
      maxWriteBatchSize: 100000,
      ok: 1,
    });
    raw.close();
  });

  it('refuses any other OP_QUERY as mongod 6+ does', async () => {
    const raw = await RawConnection.open(server.port);
    raw.send(opQuery('wire.$cmd', { find: 'seq' }));
    expect(replyBody(await raw.receive())).toMatchObject({
      ok: 0,
      code: 352,
      codeName: 'UnsupportedOpQueryCommand',
    });
    raw.close();
  });
});

describe('connections', () => {
  it('serves many driver connections at once', async () => {
    const client = new MongoClient(server.url, { maxPoolSize: 20, serverSelectionTimeoutMS: 2000 });
    try {
      const collection = client.db('wire').collection<Loose>('parallel');
      await Promise.all(Array.from({ length: 50 }, (_, i) => collection.insertOne({ _id: i })));
      const counts = await Promise.all(Array.from({ length: 20 }, () => collection.countDocuments()));
      expect(new Set(counts)).toEqual(new Set([50]));
    } finally {
      await client.close();
    }
  });
});
