import {
  MongoClient,
  type Collection,
  type CommandStartedEvent,
  type Document,
  type ObjectId,
} from 'mongodb';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startMongoTestServer, type MongoTestServer } from './start-mongo-test-server';

/**
 * Test documents use numeric and string `_id`s and arbitrary fields, which the
 * driver's default schema types reject; `any` is what the driver's own Document uses.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Loose = { _id?: string | number | ObjectId; [field: string]: any };

/**
 * Server-side cursors through the driver: batch sizes, getMore, killCursors, and
 * what happens to a cursor the server no longer has.
 */

let server: MongoTestServer;
let client: MongoClient;
let events: CommandStartedEvent[];
let numbers: Collection<Loose>;

const COUNT = 250;

beforeAll(async () => {
  server = await startMongoTestServer({
    seed: {
      cursor_fidelity: { numbers: Array.from({ length: COUNT }, (_, i) => ({ _id: i, odd: i % 2 === 1 })) },
    },
  });
  client = new MongoClient(server.url, { serverSelectionTimeoutMS: 2000, monitorCommands: true });
  client.on('commandStarted', (event) => events.push(event));
  await client.connect();
  numbers = client.db('cursor_fidelity').collection<Loose>('numbers');
});

beforeEach(() => {
  events = [];
});

afterAll(async () => {
  await client?.close();
  await server?.close();
});

function sent(name: string): Document[] {
  return events.filter((event) => event.commandName === name).map((event) => event.command);
}

describe('batches', () => {
  it('returns 101 documents in the first batch, the rest through getMore, each exactly once', async () => {
    const seen = (await numbers.find({}).sort({ _id: 1 }).toArray()).map((document) => document._id);
    expect(seen).toEqual(Array.from({ length: COUNT }, (_, i) => i));
    expect(sent('find')).toHaveLength(1);
    expect(sent('getMore').length).toBeGreaterThanOrEqual(1);
    expect(server.openCursorCount()).toBe(0);
  });

  it('honours batchSize on find and on every getMore', async () => {
    const cursor = numbers.find({ odd: true }, { batchSize: 40 }).sort({ _id: -1 });
    let total = 0;
    for await (const _ of cursor) total++;
    expect(total).toBe(125);
    // 125 documents in batches of 40: find + 3 getMores (40, 40, 40, 5).
    expect(sent('getMore')).toHaveLength(3);
    expect(sent('getMore').every((command) => Number(command.batchSize) === 40)).toBe(true);
  });

  it('pages an aggregation the same way', async () => {
    const ids = (
      await numbers
        .aggregate([{ $match: { odd: false } }, { $sort: { _id: 1 } }], { batchSize: 50 })
        .toArray()
    ).map((document) => document._id);
    expect(ids).toHaveLength(125);
    expect(ids[124]).toBe(248);
    expect(sent('getMore')).toHaveLength(2);
  });

  it('stops at limit even across batches, and closes the cursor', async () => {
    const ids = (await numbers.find({}, { limit: 7, batchSize: 3 }).sort({ _id: 1 }).toArray()).map(
      (d) => d._id,
    );
    expect(ids).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(server.openCursorCount()).toBe(0);
  });

  it('a batch of exactly everything leaves no cursor open', async () => {
    await numbers.find({ _id: { $lt: 10 } }).toArray();
    expect(sent('getMore')).toHaveLength(0);
    expect(server.openCursorCount()).toBe(0);
  });
});

describe('closing', () => {
  it('closing a cursor early sends killCursors and frees it', async () => {
    const cursor = numbers.find({}, { batchSize: 10 });
    await cursor.next();
    expect(server.openCursorCount()).toBe(1);
    await cursor.close();
    const kill = sent('killCursors');
    expect(kill).toHaveLength(1);
    expect(server.openCursorCount()).toBe(0);
  });

  it('getMore on a killed cursor fails with CursorNotFound', async () => {
    const db = client.db('cursor_fidelity');
    const first = await db.command({ find: 'numbers', batchSize: 5 });
    const id = first.cursor.id;
    const killed = await db.command({ killCursors: 'numbers', cursors: [id] });
    expect(killed.cursorsKilled).toEqual([id]);
    await expect(db.command({ getMore: id, collection: 'numbers' })).rejects.toMatchObject({
      code: 43,
      codeName: 'CursorNotFound',
      message: `cursor id ${id.toString()} not found`,
    });
  });

  it('reaps idle cursors after the cursor timeout', async () => {
    const shortLived = await startMongoTestServer({
      cursorTimeoutMs: 50,
      seed: { db: { c: Array.from({ length: 20 }, (_, i) => ({ _id: i })) } },
    });
    const other = await new MongoClient(shortLived.url, { serverSelectionTimeoutMS: 2000 }).connect();
    try {
      const cursor = other.db('db').collection<Loose>('c').find({}, { batchSize: 5 });
      await cursor.next();
      await new Promise((resolve) => setTimeout(resolve, 200));
      await expect(cursor.toArray()).rejects.toMatchObject({ code: 43 });
    } finally {
      await other.close();
      await shortLived.close();
    }
  });
});
