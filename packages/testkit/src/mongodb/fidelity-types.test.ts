import {
  Binary,
  Decimal128,
  Double,
  Int32,
  Long,
  MongoClient,
  ObjectId,
  Timestamp,
  UUID,
  type Collection,
} from 'mongodb';
import { EJSON } from 'bson';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMongoTestServer, type MongoTestServer } from './start-mongo-test-server';

/**
 * Test documents use numeric and string `_id`s and arbitrary fields, which the
 * driver's default schema types reject; `any` is what the driver's own Document uses.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Loose = { _id?: string | number | ObjectId; [field: string]: any };

/**
 * BSON types survive the round trip through the server exactly: what the connector
 * shows as Extended JSON (and infers types from) is what was stored.
 */

let server: MongoTestServer;
let client: MongoClient;
let values: Collection<Loose>;

const ORIGINAL = {
  _id: new ObjectId('65f1a2b3c4d5e6f708192a3b'),
  int: new Int32(7),
  double: new Double(2),
  fraction: new Double(0.1),
  long: Long.fromString('9007199254740993'),
  smallLong: Long.fromNumber(5),
  decimal: Decimal128.fromString('12345678901234567890.123456789'),
  date: new Date('2024-02-29T12:34:56.789Z'),
  binary: new Binary(Buffer.from([0, 1, 2, 255]), 0),
  uuid: new UUID('0f8fad5b-d9cb-469f-a165-70867728950e'),
  timestamp: new Timestamp({ t: 1_700_000_000, i: 3 }),
  nested: { when: new Date(0), amounts: [new Int32(1), new Double(1), Long.fromNumber(1)] },
  people: [{ id: new ObjectId('65f1a2b3c4d5e6f708192a3c'), score: Decimal128.fromString('0.30') }],
};

/** Canonical Extended JSON spells out every BSON type, so equal strings mean equal types. */
function canonical(document: unknown): string {
  return EJSON.stringify(document, { relaxed: false });
}

beforeAll(async () => {
  server = await startMongoTestServer();
  client = await new MongoClient(server.url, { serverSelectionTimeoutMS: 2000 }).connect();
  values = client.db('types_fidelity').collection<Loose>('values');
  await values.insertOne({ ...ORIGINAL });
});

afterAll(async () => {
  await client?.close();
  await server?.close();
});

describe('round trips', () => {
  it('find returns every BSON type as it was inserted', async () => {
    const found = await values.findOne({}, { promoteValues: false, promoteLongs: false });
    expect(canonical(found)).toBe(canonical(ORIGINAL));
  });

  it('aggregate passes documents through with their types', async () => {
    const [sampled] = await values
      .aggregate([{ $sample: { size: 1 } }], { promoteValues: false, promoteLongs: false })
      .toArray();
    expect(canonical(sampled)).toBe(canonical(ORIGINAL));
  });

  it('$facet and $lookup results keep the types of the documents they carry', async () => {
    const [facets] = await values
      .aggregate([{ $facet: { all: [{ $match: {} }], count: [{ $count: 'n' }] } }], {
        promoteValues: false,
        promoteLongs: false,
      })
      .toArray();
    expect(canonical(facets!.all)).toBe(canonical([ORIGINAL]));
    const [joined] = await values
      .aggregate(
        [
          { $lookup: { from: 'values', localField: '_id', foreignField: '_id', as: 'self' } },
          { $project: { self: 1 } },
        ],
        { promoteValues: false, promoteLongs: false },
      )
      .toArray();
    expect(canonical(joined!.self)).toBe(canonical([ORIGINAL]));
  });

  it('$project keeps the types of the fields it copies', async () => {
    const [projected] = await values
      .aggregate([{ $project: { long: 1, decimal: 1, double: 1, 'nested.amounts': 1 } }], {
        promoteValues: false,
        promoteLongs: false,
      })
      .toArray();
    expect(canonical(projected)).toBe(
      canonical({
        _id: ORIGINAL._id,
        double: ORIGINAL.double,
        long: ORIGINAL.long,
        decimal: ORIGINAL.decimal,
        nested: { amounts: ORIGINAL.nested.amounts },
      }),
    );
  });

  it('a find projection keeps types too', async () => {
    const found = await values.findOne(
      {},
      { projection: { _id: 0, smallLong: 1, people: 1 }, promoteValues: false, promoteLongs: false },
    );
    expect(canonical(found)).toBe(canonical({ smallLong: ORIGINAL.smallLong, people: ORIGINAL.people }));
  });

  it('matches by ObjectId, Date, Long beyond 2^53 and Decimal128', async () => {
    expect(await values.countDocuments({ _id: ORIGINAL._id })).toBe(1);
    expect(await values.countDocuments({ 'people.id': ORIGINAL.people[0]!.id })).toBe(1);
    expect(await values.countDocuments({ date: { $gte: new Date('2024-02-29T00:00:00Z') } })).toBe(1);
    expect(await values.countDocuments({ date: { $gte: '2024-02-29' } })).toBe(0);
    expect(await values.countDocuments({ smallLong: 5 })).toBe(1);
    expect(await values.countDocuments({ decimal: { $gt: 1e19 } })).toBe(1);
    expect(await values.countDocuments({ double: new Int32(2) })).toBe(1);
  });

  it('seeds keep the driver-built values exactly', async () => {
    const seededServer = await startMongoTestServer({ seed: { seeded: { values: [{ ...ORIGINAL }] } } });
    const seededClient = await new MongoClient(seededServer.url, {
      serverSelectionTimeoutMS: 2000,
    }).connect();
    try {
      const found = await seededClient
        .db('seeded')
        .collection('values')
        .findOne({}, { promoteValues: false, promoteLongs: false });
      expect(canonical(found)).toBe(canonical(ORIGINAL));
    } finally {
      await seededClient.close();
      await seededServer.close();
    }
  });

  it('updates keep the types of untouched fields and store the types they are given', async () => {
    const scratch = client.db('types_fidelity').collection<Loose>('scratch');
    await scratch.insertOne({
      _id: 1,
      n: Long.fromNumber(10),
      d: Decimal128.fromString('1.5'),
      keep: new Double(3),
    });
    await scratch.updateOne(
      { _id: 1 },
      { $inc: { n: 1 }, $set: { added: Long.fromNumber(2), when: new Date(5) } },
    );
    const after = await scratch.findOne({ _id: 1 }, { promoteValues: false, promoteLongs: false });
    expect(canonical(after)).toBe(
      canonical({
        _id: new Int32(1),
        n: Long.fromNumber(11),
        d: Decimal128.fromString('1.5'),
        keep: new Double(3),
        added: Long.fromNumber(2),
        when: new Date(5),
      }),
    );
  });
});
