import {
  BSONRegExp,
  Binary,
  Decimal128,
  Long,
  MaxKey,
  MinKey,
  MongoClient,
  ObjectId,
  type Collection,
} from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMongoTestServer, type MongoTestServer } from './start-mongo-test-server';

/**
 * `find` through the official driver, for the query operators the MongoDB connector
 * compiles filters into. Expected results are what MongoDB returns for the same data.
 */

let server: MongoTestServer;
let client: MongoClient;

beforeAll(async () => {
  server = await startMongoTestServer();
  client = await new MongoClient(server.url, { serverSelectionTimeoutMS: 2000 }).connect();
});

afterAll(async () => {
  await client?.close();
  await server?.close();
});

/**
 * Test documents use numeric and string `_id`s and arbitrary fields, which the
 * driver's default schema types reject; `any` is what the driver's own Document uses.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Loose = { _id?: string | number | ObjectId; [field: string]: any };

async function seeded(name: string, documents: object[]): Promise<Collection<Loose>> {
  const collection = client.db('find_fidelity').collection<Loose>(name);
  await collection.insertMany(documents.map((document) => ({ ...document })));
  return collection;
}

async function ids(
  collection: Collection<Loose>,
  filter: object,
  sort: object = { _id: 1 },
): Promise<unknown[]> {
  const found = await collection
    .find(filter)
    .sort(sort as never)
    .toArray();
  return found.map((document) => document._id);
}

describe('filters, sort, skip, limit, projection', () => {
  it('combines a filter, a sort, skip, limit and an inclusion projection', async () => {
    const people = await seeded(
      'people',
      Array.from({ length: 20 }, (_, i) => ({
        _id: i,
        age: 20 + (i % 7),
        name: `p${i}`,
        city: i % 2 ? 'Oslo' : 'Rome',
      })),
    );
    const page = await people
      .find({ age: { $gte: 22, $lt: 26 }, city: 'Rome' })
      .sort({ age: -1, _id: 1 })
      .skip(1)
      .limit(3)
      .project({ name: 1, age: 1 })
      .toArray();
    // Rome (even _id) with 22 <= age < 26: age = 20 + (i % 7).
    const expected = Array.from({ length: 20 }, (_, i) => ({ _id: i, age: 20 + (i % 7), name: `p${i}` }))
      .filter((p) => p._id % 2 === 0 && p.age >= 22 && p.age < 26)
      .sort((a, b) => b.age - a.age || a._id - b._id)
      .slice(1, 4);
    expect(page).toEqual(expected.map(({ _id, name, age }) => ({ _id, name, age })));
  });

  it('excludes fields and projects into embedded documents', async () => {
    const nested = await seeded('nested', [{ _id: 1, a: { b: 1, c: 2 }, d: 3 }]);
    expect(await nested.find({}, { projection: { d: 0, 'a.c': 0 } }).toArray()).toEqual([
      { _id: 1, a: { b: 1 } },
    ]);
    expect(await nested.find({}, { projection: { _id: 0, 'a.c': 1 } }).toArray()).toEqual([{ a: { c: 2 } }]);
  });

  it('descends one array level on a dotted path, into embedded documents only', async () => {
    const nested = await seeded('nested_arrays', [
      { _id: 1, a: [[1, 2], 3] },
      { _id: 2, a: [[{ b: 1 }]] },
      { _id: 3, a: [{ b: [1, 2] }] },
      { _id: 4, a: { b: 1 } },
    ]);
    expect(await ids(nested, { 'a.b': 1 })).toEqual([3, 4]);
    expect(await ids(nested, { 'a.b': { $gt: 0 } })).toEqual([3, 4]);
    expect(await ids(nested, { 'a.b': { $in: [2, 5] } })).toEqual([3]);
    expect(await ids(nested, { 'a.b': { $exists: true } })).toEqual([3, 4]);
    expect(await ids(nested, { a: 3 })).toEqual([1]);
    expect(await ids(nested, { a: [1, 2] })).toEqual([1]);
    expect(await ids(nested, { 'a.0': [1, 2] })).toEqual([1]);
  });

  it('matches dotted paths through arrays of embedded documents and $elemMatch', async () => {
    const orders = await seeded('orders', [
      {
        _id: 1,
        items: [
          { sku: 'a', qty: 1 },
          { sku: 'b', qty: 5 },
        ],
      },
      { _id: 2, items: [{ sku: 'a', qty: 5 }] },
      { _id: 3, items: [] },
    ]);
    expect(await ids(orders, { 'items.sku': 'b' })).toEqual([1]);
    // Without $elemMatch the two conditions may hold on different elements.
    expect(await ids(orders, { 'items.sku': 'a', 'items.qty': 5 })).toEqual([1, 2]);
    expect(await ids(orders, { items: { $elemMatch: { sku: 'a', qty: 5 } } })).toEqual([2]);
    expect(await ids(orders, { items: { $size: 0 } })).toEqual([3]);
  });
});

describe('$regex', () => {
  let words: Collection<Loose>;
  beforeAll(async () => {
    words = await seeded('words', [
      { _id: 1, w: 'Apple pie' },
      { _id: 2, w: 'apple\nbanana' },
      { _id: 3, w: 'cherry' },
      { _id: 4, w: 42 },
      { _id: 5, w: ['grape', 'APPLE'] },
    ]);
  });

  it('is case-sensitive by default and honours i', async () => {
    expect(await ids(words, { w: { $regex: '^apple' } })).toEqual([2]);
    expect(await ids(words, { w: { $regex: '^apple', $options: 'i' } })).toEqual([1, 2, 5]);
    expect(await ids(words, { w: /^apple/i })).toEqual([1, 2, 5]);
  });

  it('honours m (anchors at line breaks) and s (dot matches newline)', async () => {
    expect(await ids(words, { w: { $regex: '^banana' } })).toEqual([]);
    expect(await ids(words, { w: { $regex: '^banana', $options: 'm' } })).toEqual([2]);
    expect(await ids(words, { w: { $regex: 'apple.banana' } })).toEqual([]);
    expect(await ids(words, { w: { $regex: 'apple.banana', $options: 's' } })).toEqual([2]);
  });

  it('honours x: whitespace and # comments in the pattern are ignored', async () => {
    expect(await ids(words, { w: { $regex: '^ch e rry # the fruit\n$', $options: 'x' } })).toEqual([3]);
    expect(await ids(words, { w: new BSONRegExp('^ch e rry$', 'x') })).toEqual([3]);
    // Escaped whitespace and whitespace inside a character class still count.
    expect(await ids(words, { w: { $regex: 'Apple\\ pie', $options: 'x' } })).toEqual([1]);
    expect(await ids(words, { w: { $regex: 'Apple[ ]pie', $options: 'x' } })).toEqual([1]);
  });

  it('never matches non-string values, and matches strings inside arrays', async () => {
    expect(await ids(words, { w: { $regex: '4' } })).toEqual([]);
    expect(await ids(words, { w: { $regex: '^grape$' } })).toEqual([5]);
  });

  it('treats escaped metacharacters literally', async () => {
    const literal = await seeded('literal', [
      { _id: 1, s: 'a.b(c)*' },
      { _id: 2, s: 'aXb(c)' },
    ]);
    expect(await ids(literal, { s: { $regex: 'a\\.b\\(c\\)\\*' } })).toEqual([1]);
    expect(await ids(literal, { s: { $regex: 'a.b' } })).toEqual([1, 2]);
  });

  it('rejects bad options and conflicting options as MongoDB does', async () => {
    await expect(words.find({ w: { $regex: 'a', $options: 'g' } }).toArray()).rejects.toMatchObject({
      code: 51108,
      message: 'invalid flag in regex options: g',
    });
    await expect(words.find({ w: { $regex: /a/i, $options: 'm' } }).toArray()).rejects.toMatchObject({
      code: 51075,
      message: 'options set in both $regex and $options',
    });
    await expect(words.find({ w: { $regex: 5 } }).toArray()).rejects.toMatchObject({
      code: 2,
      codeName: 'BadValue',
      message: '$regex has to be a string',
    });
  });
});

describe('$in, $nin, $exists and null versus missing', () => {
  let things: Collection<Loose>;
  beforeAll(async () => {
    things = await seeded('things', [
      { _id: 1, a: 1 },
      { _id: 2, a: null },
      { _id: 3 },
      { _id: 4, a: [1, 2] },
      { _id: 5, a: 'x' },
      { _id: 6, a: [{ b: 1 }, { c: 1 }] },
      { _id: 7, a: [] },
    ]);
  });

  it('{a: null} matches null and missing fields, not empty arrays', async () => {
    expect(await ids(things, { a: null })).toEqual([2, 3]);
    expect(await ids(things, { a: { $ne: null } })).toEqual([1, 4, 5, 6, 7]);
  });

  it('$exists: false matches only missing fields; $exists: true includes nulls', async () => {
    expect(await ids(things, { a: { $exists: false } })).toEqual([3]);
    expect(await ids(things, { a: { $exists: true } })).toEqual([1, 2, 4, 5, 6, 7]);
  });

  it('a dotted path is null where an array element lacks the field', async () => {
    expect(await ids(things, { 'a.b': null })).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(await ids(things, { 'a.b': { $exists: true } })).toEqual([6]);
    expect(await ids(things, { 'a.c': { $exists: false } })).toEqual([1, 2, 3, 4, 5, 7]);
  });

  it('$in matches array elements, null matches missing, $nin is its complement', async () => {
    expect(await ids(things, { a: { $in: [2, 'x'] } })).toEqual([4, 5]);
    expect(await ids(things, { a: { $in: [null] } })).toEqual([2, 3]);
    expect(await ids(things, { a: { $nin: [1, null] } })).toEqual([5, 6, 7]);
    expect(await ids(things, { a: { $in: [/^X/i] } })).toEqual([5]);
  });

  it('rejects $in without an array', async () => {
    await expect(things.find({ a: { $in: 1 } }).toArray()).rejects.toMatchObject({
      code: 2,
      codeName: 'BadValue',
      message: '$in needs an array',
    });
  });
});

describe('$type, logical operators and $expr', () => {
  it('$type tells BSON numeric types apart and knows "number"', async () => {
    const numbers = await seeded('numbers', [
      { _id: 1, n: 1 },
      { _id: 2, n: 1.5 },
      { _id: 3, n: Long.fromNumber(7) },
      { _id: 4, n: Decimal128.fromString('2.50') },
      { _id: 5, n: '1' },
      { _id: 6, n: [1, 'a'] },
    ]);
    expect(await ids(numbers, { n: { $type: 'int' } })).toEqual([1, 6]);
    expect(await ids(numbers, { n: { $type: 'double' } })).toEqual([2]);
    expect(await ids(numbers, { n: { $type: 'long' } })).toEqual([3]);
    expect(await ids(numbers, { n: { $type: 'decimal' } })).toEqual([4]);
    expect(await ids(numbers, { n: { $type: 'number' } })).toEqual([1, 2, 3, 4, 6]);
    expect(await ids(numbers, { n: { $type: ['string', 'array'] } })).toEqual([5, 6]);
    // Numbers of every BSON type compare as numbers.
    expect(await ids(numbers, { n: { $gt: 1, $lt: 3 } })).toEqual([2, 4]);
  });

  it('$and, $or, $nor and $not compose', async () => {
    const items = await seeded(
      'logic',
      Array.from({ length: 10 }, (_, i) => ({ _id: i, n: i, tag: i % 3 === 0 ? 'x' : 'y' })),
    );
    expect(await ids(items, { $or: [{ n: { $lt: 2 } }, { n: { $gt: 8 } }] })).toEqual([0, 1, 9]);
    expect(await ids(items, { $and: [{ n: { $gte: 2 } }, { tag: 'x' }] })).toEqual([3, 6, 9]);
    expect(await ids(items, { $nor: [{ tag: 'x' }, { n: { $lt: 5 } }] })).toEqual([5, 7, 8]);
    expect(await ids(items, { n: { $not: { $gte: 3 } } })).toEqual([0, 1, 2]);
    expect(await ids(items, { tag: { $not: /x/ } })).toEqual([1, 2, 4, 5, 7, 8]);
    await expect(items.find({ $or: [] }).toArray()).rejects.toMatchObject({
      code: 2,
      message: '$and/$or/$nor must be a nonempty array',
    });
  });

  it('$expr evaluates relative dates against $$NOW on the server', async () => {
    const day = 24 * 60 * 60 * 1000;
    const now = Date.now();
    const signups = await seeded('signups', [
      { _id: 1, at: new Date(now - 2 * day) },
      { _id: 2, at: new Date(now - 10 * day) },
      { _id: 3, at: new Date(now + 3 * day) },
    ]);
    const lastWeek = {
      $expr: { $gte: ['$at', { $dateSubtract: { startDate: '$$NOW', unit: 'day', amount: 7 } }] },
    };
    expect(await ids(signups, lastWeek)).toEqual([1, 3]);
    const withinWeek = {
      $expr: {
        $and: [
          { $gte: ['$at', { $dateSubtract: { startDate: '$$NOW', unit: 'day', amount: 7 } }] },
          { $lte: ['$at', { $dateAdd: { startDate: '$$NOW', unit: 'day', amount: 1 } }] },
        ],
      },
    };
    expect(await ids(signups, withinWeek)).toEqual([1]);
  });

  it('rejects unknown operators and server-side JavaScript', async () => {
    const any = await seeded('any', [{ _id: 1 }]);
    await expect(any.find({ a: { $foo: 1 } }).toArray()).rejects.toMatchObject({
      code: 2,
      message: 'unknown operator: $foo',
    });
    await expect(any.find({ $foo: 1 }).toArray()).rejects.toMatchObject({
      code: 2,
      message: 'unknown top level operator: $foo',
    });
    await expect(any.find({ $where: 'this.a == 1' }).toArray()).rejects.toMatchObject({
      code: 6108304,
      message: 'no globalScriptEngine in $where parsing',
    });
  });
});

describe('distinct', () => {
  it('returns each value once, arrays unwound, in BSON order', async () => {
    const tagged = await seeded('tagged', [
      { _id: 1, tag: ['b', 'a'] },
      { _id: 2, tag: 'c' },
      { _id: 3, tag: 2 },
      { _id: 4, tag: 2.0 },
      { _id: 5 },
      { _id: 6, tag: null },
    ]);
    expect(await tagged.distinct('tag')).toEqual([null, 2, 'a', 'b', 'c']);
    expect(await tagged.distinct('tag', { _id: { $gt: 2 } })).toEqual([null, 2]);
  });
});

describe('sort', () => {
  it('orders mixed types by BSON type order, null and missing together first', async () => {
    const oid = new ObjectId('65a000000000000000000000');
    const mixed = await seeded('mixed', [
      { _id: 'true', v: true },
      { _id: 'date', v: new Date(0) },
      { _id: 'oid', v: oid },
      { _id: 'bin', v: new Binary(Buffer.from('x')) },
      { _id: 'arr', v: [5] },
      { _id: 'obj', v: { x: 1 } },
      { _id: 'str', v: 'abc' },
      { _id: 'num', v: 10 },
      { _id: 'dec', v: Decimal128.fromString('9.5') },
      { _id: 'null', v: null },
      { _id: 'missing' },
      { _id: 'regex', v: /a/ },
      { _id: 'max', v: new MaxKey() },
      { _id: 'min', v: new MinKey() },
    ]);
    const ascending = await ids(mixed, {}, { v: 1 });
    expect(ascending).toEqual([
      'min',
      'null',
      'missing',
      'arr', // [5] sorts by its smallest element, a number: 5 < 9.5 < 10
      'dec',
      'num',
      'str',
      'obj',
      'bin',
      'oid',
      'true',
      'date',
      'regex',
      'max',
    ]);
    const descending = await ids(mixed, {}, { v: -1, _id: 1 });
    expect(descending).toEqual([
      'max',
      'regex',
      'date',
      'true',
      'oid',
      'bin',
      'obj',
      'str',
      'num',
      'dec',
      'arr',
      'missing',
      'null',
      'min',
    ]);
  });

  it('sorts arrays by their smallest element ascending and largest descending; [] before null', async () => {
    const arrays = await seeded('arrays', [
      { _id: 1, a: [0, 9] },
      { _id: 2, a: 5 },
      { _id: 3, a: [] },
      { _id: 4 },
      { _id: 5, a: [6, 7] },
    ]);
    expect(await ids(arrays, {}, { a: 1, _id: 1 })).toEqual([3, 4, 1, 2, 5]);
    expect(await ids(arrays, {}, { a: -1, _id: 1 })).toEqual([1, 5, 2, 4, 3]);
  });

  it('compares strings by code point and embedded documents field by field', async () => {
    const strings = await seeded('strings', [
      { _id: 1, s: 'b' },
      { _id: 2, s: 'B' },
      { _id: 3, s: '\u{1F600}' },
      { _id: 4, s: '\uFF21' },
      { _id: 5, s: 'a' },
    ]);
    expect(await ids(strings, {}, { s: 1 })).toEqual([2, 5, 1, 4, 3]);
    const docs = await seeded('docs', [
      { _id: 1, d: { b: 1 } },
      { _id: 2, d: { a: 2 } },
      { _id: 3, d: { a: 1, z: 0 } },
      { _id: 4, d: { a: 'x' } },
    ]);
    // Type of each value first, then field name, then value: {a: 'x'} is last.
    expect(await ids(docs, {}, { d: 1 })).toEqual([3, 2, 1, 4]);
  });

  it('sorts ObjectId _id values by creation order', async () => {
    const made = [0, 1, 2, 3].map((second) => ObjectId.createFromTime(1_700_000_000 + second));
    const byId = await seeded(
      'by_id',
      [made[2], made[0], made[3], made[1]].map((_id) => ({ _id })),
    );
    expect(await ids(byId, {}, { _id: 1 })).toEqual(made);
    expect(await ids(byId, { _id: { $gt: made[1] } }, { _id: -1 })).toEqual([made[3], made[2]]);
  });
});
