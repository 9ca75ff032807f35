import { Decimal128, Long, MongoClient, ObjectId, type Collection, type Db } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMongoTestServer, type MongoTestServer } from './start-mongo-test-server';

/**
 * Test documents use numeric and string `_id`s and arbitrary fields, which the
 * driver's default schema types reject; `any` is what the driver's own Document uses.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Loose = { _id?: string | number | ObjectId; [field: string]: any };

/**
 * `aggregate`, `countDocuments` and `estimatedDocumentCount` through the official
 * driver, for the stages the MongoDB connector builds and raw queries use.
 */

let server: MongoTestServer;
let client: MongoClient;
let db: Db;
let users: Collection<Loose>;
let orders: Collection<Loose>;

const USERS = [
  { _id: 1, name: 'Ada', country: 'NO', plan: 'pro', tags: ['a', 'b'], address: { city: 'Oslo' } },
  { _id: 2, name: 'Bo', country: 'SE', plan: 'free', tags: ['b'], address: { city: 'Malmo' } },
  { _id: 3, name: 'Cy', country: 'NO', plan: 'free', tags: [], address: { city: 'Bergen' } },
  { _id: 4, name: 'Di', country: 'DK', plan: 'pro' },
  { _id: 5, name: 'Ed', country: 'NO', plan: 'pro', tags: ['c'] },
];

beforeAll(async () => {
  server = await startMongoTestServer();
  client = await new MongoClient(server.url, { serverSelectionTimeoutMS: 2000 }).connect();
  db = client.db('aggregate_fidelity');
  users = db.collection<Loose>('users');
  orders = db.collection<Loose>('orders');
  await users.insertMany(USERS.map((user) => ({ ...user })));
  await orders.insertMany([
    { _id: 10, user: 1, total: 30 },
    { _id: 11, user: 1, total: 12.5 },
    { _id: 12, user: 2, total: 7 },
    { _id: 13, user: 9, total: 1 },
  ]);
});

afterAll(async () => {
  await client?.close();
  await server?.close();
});

describe('counting', () => {
  it('countDocuments applies the filter, skip and limit', async () => {
    expect(await users.countDocuments()).toBe(5);
    expect(await users.countDocuments({ country: 'NO' })).toBe(3);
    expect(await users.countDocuments({ country: 'NO' }, { skip: 1, limit: 1 })).toBe(1);
    expect(await users.countDocuments({ country: 'XX' })).toBe(0);
  });

  it('estimatedDocumentCount reads the collection size, 0 for a missing collection', async () => {
    expect(await users.estimatedDocumentCount()).toBe(5);
    expect(await db.collection<Loose>('nothing_here').estimatedDocumentCount()).toBe(0);
  });

  it('$count yields one document, or none at all when nothing matched', async () => {
    expect(await users.aggregate([{ $match: { plan: 'pro' } }, { $count: 'n' }]).toArray()).toEqual([
      { n: 3 },
    ]);
    expect(await users.aggregate([{ $match: { plan: 'gold' } }, { $count: 'n' }]).toArray()).toEqual([]);
  });
});

describe('stages', () => {
  it('$match, $sort, $skip, $limit and $project', async () => {
    const result = await users
      .aggregate([
        { $match: { country: { $in: ['NO', 'DK'] } } },
        { $sort: { name: -1 } },
        { $skip: 1 },
        { $limit: 2 },
        { $project: { _id: 0, name: 1, city: '$address.city' } },
      ])
      .toArray();
    expect(result).toEqual([{ name: 'Di' }, { name: 'Cy', city: 'Bergen' }]);
  });

  it('$group with accumulators, then $sort', async () => {
    const result = await users
      .aggregate([
        { $group: { _id: '$country', n: { $sum: 1 }, names: { $push: '$name' } } },
        { $sort: { n: -1, _id: 1 } },
      ])
      .toArray();
    expect(result).toEqual([
      { _id: 'NO', n: 3, names: ['Ada', 'Cy', 'Ed'] },
      { _id: 'DK', n: 1, names: ['Di'] },
      { _id: 'SE', n: 1, names: ['Bo'] },
    ]);
  });

  it('$unwind drops empty and missing arrays unless asked to keep them', async () => {
    const unwound = await users
      .aggregate([{ $unwind: '$tags' }, { $project: { _id: 1, tags: 1 } }])
      .toArray();
    expect(unwound).toEqual([
      { _id: 1, tags: 'a' },
      { _id: 1, tags: 'b' },
      { _id: 2, tags: 'b' },
      { _id: 5, tags: 'c' },
    ]);
    const kept = await users
      .aggregate([{ $unwind: { path: '$tags', preserveNullAndEmptyArrays: true } }, { $count: 'n' }])
      .toArray();
    expect(kept).toEqual([{ n: 6 }]);
  });

  it('$lookup joins another collection, by fields and with a sub-pipeline', async () => {
    const joined = await users
      .aggregate([
        { $match: { _id: { $in: [1, 3] } } },
        { $lookup: { from: 'orders', localField: '_id', foreignField: 'user', as: 'orders' } },
        { $project: { totals: '$orders.total' } },
      ])
      .toArray();
    expect(joined).toEqual([
      { _id: 1, totals: [30, 12.5] },
      { _id: 3, totals: [] },
    ]);
    const big = await users
      .aggregate([
        { $match: { _id: 1 } },
        {
          $lookup: {
            from: 'orders',
            let: { id: '$_id' },
            pipeline: [
              { $match: { $expr: { $and: [{ $eq: ['$user', '$$id'] }, { $gt: ['$total', 20] }] } } },
            ],
            as: 'big',
          },
        },
        { $project: { n: { $size: '$big' } } },
      ])
      .toArray();
    expect(big).toEqual([{ _id: 1, n: 1 }]);
  });

  it('puts kept fields in document order and computed fields after them', async () => {
    const [row] = await users
      .aggregate([
        { $match: { _id: 1 } },
        { $project: { plan: 1, upper: { $toUpper: '$name' }, name: 1, country: '$plan' } },
      ])
      .toArray();
    // MongoDB keeps included fields in the input's order and appends computed ones,
    // even one (country) that replaces an input field.
    expect(Object.keys(row!)).toEqual(['_id', 'name', 'plan', 'upper', 'country']);
    expect(row).toEqual({ _id: 1, name: 'Ada', plan: 'pro', upper: 'ADA', country: 'pro' });
  });

  it('joins on ObjectId keys', async () => {
    const [a, b] = [new ObjectId(), new ObjectId()];
    await db.collection<Loose>('accounts').insertMany([{ _id: a }, { _id: b }]);
    await db.collection<Loose>('payments').insertMany([{ account: a }, { account: a }, { account: b }]);
    const joined = await db
      .collection<Loose>('accounts')
      .aggregate([
        { $lookup: { from: 'payments', localField: '_id', foreignField: 'account', as: 'payments' } },
        { $project: { n: { $size: '$payments' } } },
      ])
      .toArray();
    expect(joined).toEqual([
      { _id: a, n: 2 },
      { _id: b, n: 1 },
    ]);
    expect(await db.collection<Loose>('payments').countDocuments({ account: { $in: [b] } })).toBe(1);
  });

  it('a $lookup sub-pipeline that sets nested fields does not leak between joins', async () => {
    await db.collection<Loose>('notes').insertOne({ _id: 'n1', meta: { kind: 'note' } });
    const joined = await users
      .aggregate([
        { $match: { _id: { $in: [1, 2] } } },
        {
          $lookup: {
            from: 'notes',
            let: { who: '$name' },
            pipeline: [{ $addFields: { 'meta.for': '$$who' } }],
            as: 'notes',
          },
        },
        // A blocking stage: every join has run before any result is read.
        { $sort: { _id: 1 } },
        { $project: { _id: 0, for: '$notes.meta.for' } },
      ])
      .toArray();
    expect(joined).toEqual([{ for: ['Ada'] }, { for: ['Bo'] }]);
  });

  it('$facet runs sub-pipelines over the same input', async () => {
    const [facets] = await users
      .aggregate([
        {
          $facet: {
            total: [{ $count: 'n' }],
            page: [{ $sort: { _id: 1 } }, { $skip: 3 }, { $limit: 10 }, { $project: { _id: 1 } }],
          },
        },
      ])
      .toArray();
    expect(facets).toEqual({ total: [{ n: 5 }], page: [{ _id: 4 }, { _id: 5 }] });
  });

  it('$sample returns distinct documents, never more than there are', async () => {
    const sample = await users.aggregate([{ $sample: { size: 3 } }]).toArray();
    expect(sample).toHaveLength(3);
    expect(new Set(sample.map((user) => user._id)).size).toBe(3);
    const all = await users.aggregate([{ $sample: { size: 1000 } }]).toArray();
    expect(all.map((user) => user._id).sort()).toEqual([1, 2, 3, 4, 5]);
  });

  it('$type reports the BSON type of stored numbers', async () => {
    const typed = db.collection<Loose>('typed');
    await typed.insertMany([
      { _id: 1, v: 1 },
      { _id: 2, v: 2.5 },
      { _id: 3, v: Long.fromNumber(3) },
      { _id: 4, v: Decimal128.fromString('4') },
      { _id: 5 },
    ]);
    const types = await typed.aggregate([{ $project: { t: { $type: '$v' } } }]).toArray();
    expect(types.map((row) => row.t)).toEqual(['int', 'double', 'long', 'decimal', 'missing']);
  });

  it("binds the command's let constants as $$variables", async () => {
    const result = await users
      .aggregate([{ $match: { $expr: { $eq: ['$country', '$$wanted'] } } }, { $count: 'n' }], {
        let: { wanted: 'SE' },
      })
      .toArray();
    expect(result).toEqual([{ n: 1 }]);
    expect(
      await users.find({ $expr: { $eq: ['$plan', '$$plan'] } }, { let: { plan: 'free' } }).toArray(),
    ).toHaveLength(2);
  });

  it('runs {aggregate: 1} pipelines that start with $documents', async () => {
    const result = await db.aggregate([{ $documents: [{ x: 2 }, { x: 1 }] }, { $sort: { x: 1 } }]).toArray();
    expect(result).toEqual([{ x: 1 }, { x: 2 }]);
  });
});

describe('errors', () => {
  it('names an unknown stage', async () => {
    await expect(users.aggregate([{ $bogus: {} }]).toArray()).rejects.toMatchObject({
      code: 40324,
      codeName: 'Location40324',
      message: "Unrecognized pipeline stage name: '$bogus'",
    });
  });

  it('allows $out and $merge only as the last stage of the top-level pipeline', async () => {
    await expect(users.aggregate([{ $out: 'copy' }, { $match: {} }]).toArray()).rejects.toMatchObject({
      code: 40601,
      message: '$out can only be the final stage in the pipeline',
    });
    await expect(users.aggregate([{ $facet: { a: [{ $merge: 'copy' }] } }]).toArray()).rejects.toMatchObject({
      code: 40600,
      message: '$merge is not allowed to be used within a $facet stage',
    });
    await expect(
      users.aggregate([{ $lookup: { from: 'orders', pipeline: [{ $out: 'copy' }], as: 'x' } }]).toArray(),
    ).rejects.toMatchObject({ code: 51047, message: "$out is not allowed within a $lookup's sub-pipeline" });
    const collections = await db.listCollections({ name: 'copy' }).toArray();
    expect(collections).toEqual([]);
  });

  it('writes with a final $out and $merge, as MongoDB does', async () => {
    expect(await users.aggregate([{ $match: { plan: 'pro' } }, { $out: 'pros' }]).toArray()).toEqual([]);
    expect(await db.collection<Loose>('pros').countDocuments()).toBe(3);
    await users.aggregate([{ $match: { _id: 2 } }, { $merge: { into: 'pros' } }]).toArray();
    expect(await db.collection<Loose>('pros').countDocuments()).toBe(4);
  });

  it('refuses server-side JavaScript', async () => {
    const fn = { $function: { body: 'function() { return 1 }', args: [], lang: 'js' } };
    await expect(users.aggregate([{ $project: { x: fn } }]).toArray()).rejects.toMatchObject({
      code: 31264,
      message: 'Cannot run server-side javascript without the javascript engine enabled',
    });
    await expect(users.aggregate([{ $match: { $where: 'true' } }]).toArray()).rejects.toMatchObject({
      code: 2,
      message: '$where is not allowed in this context',
    });
  });

  it('checks stage arguments', async () => {
    await expect(users.aggregate([{ $limit: 0 }]).toArray()).rejects.toMatchObject({
      code: 15958,
      message: 'the limit must be positive',
    });
    await expect(users.aggregate([{ $sort: { name: 2 } }]).toArray()).rejects.toMatchObject({ code: 15975 });
  });
});
