import { MongoBulkWriteError, MongoClient, MongoServerError, type Db, type ObjectId } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMongoTestServer, type MongoTestServer } from './start-mongo-test-server';

/**
 * Test documents use numeric and string `_id`s and arbitrary fields, which the
 * driver's default schema types reject; `any` is what the driver's own Document uses.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Loose = { _id?: string | number | ObjectId; [field: string]: any };

/**
 * Databases, collections and views, and the write commands, through the driver.
 */

let server: MongoTestServer;
let client: MongoClient;
let db: Db;

beforeAll(async () => {
  server = await startMongoTestServer();
  client = await new MongoClient(server.url, { serverSelectionTimeoutMS: 2000 }).connect();
  db = client.db('catalog_fidelity');
  await db.collection<Loose>('people').insertMany([
    { _id: 1, name: 'Ada', age: 36, active: true },
    { _id: 2, name: 'Bo', age: 17, active: false },
    { _id: 3, name: 'Cy', age: 52, active: true },
  ]);
  await db.createCollection('adults', { viewOn: 'people', pipeline: [{ $match: { age: { $gte: 18 } } }] });
  await db.createCollection('active_adults', { viewOn: 'adults', pipeline: [{ $match: { active: true } }] });
  await db.createCollection('empty');
});

afterAll(async () => {
  await client?.close();
  await server?.close();
});

describe('collections and views', () => {
  it('listCollections reports collections and views as MongoDB does', async () => {
    const all = await db.listCollections({}, { nameOnly: false }).toArray();
    expect(all.map((entry) => [entry.name, entry.type])).toEqual([
      ['active_adults', 'view'],
      ['adults', 'view'],
      ['empty', 'collection'],
      ['people', 'collection'],
      // MongoDB keeps view definitions in a system collection, listed too.
      ['system.views', 'collection'],
    ]);
    const adults = all.find((entry) => entry.name === 'adults')!;
    expect(adults.options).toEqual({ viewOn: 'people', pipeline: [{ $match: { age: { $gte: 18 } } }] });
    expect(adults.info).toEqual({ readOnly: true });
    const people = all.find((entry) => entry.name === 'people')!;
    expect(people.info?.readOnly).toBe(false);
    expect(people.idIndex).toEqual({ v: 2, key: { _id: 1 }, name: '_id_' });
  });

  it('filters listCollections and returns names only when asked', async () => {
    const views = await db.listCollections({ type: 'view' }, { nameOnly: true }).toArray();
    expect(views).toEqual([
      { name: 'active_adults', type: 'view' },
      { name: 'adults', type: 'view' },
    ]);
  });

  it('queries views, and views of views, with find, count and aggregate', async () => {
    const names = await db
      .collection<Loose>('adults')
      .find({}, { projection: { name: 1 } })
      .sort({ age: -1 })
      .toArray();
    expect(names).toEqual([
      { _id: 3, name: 'Cy' },
      { _id: 1, name: 'Ada' },
    ]);
    expect(await db.collection<Loose>('active_adults').countDocuments({ age: { $lt: 50 } })).toBe(1);
    expect(await db.collection<Loose>('adults').estimatedDocumentCount()).toBe(2);
    const grouped = await db
      .collection<Loose>('active_adults')
      .aggregate([{ $group: { _id: null, ages: { $sum: '$age' } } }])
      .toArray();
    expect(grouped).toEqual([{ _id: null, ages: 88 }]);
  });

  it('refuses writes to a view', async () => {
    const error = await db
      .collection<Loose>('adults')
      .insertOne({ name: 'Di' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MongoServerError);
    expect(error).toMatchObject({
      code: 166,
      message: 'Namespace catalog_fidelity.adults is a view, not a collection',
    });
  });

  it('create fails on an existing name; drop succeeds whether or not it exists', async () => {
    await expect(db.createCollection('people')).rejects.toMatchObject({
      code: 48,
      codeName: 'NamespaceExists',
      message: 'Collection already exists. NS: catalog_fidelity.people',
    });
    await db.createCollection('doomed');
    expect(await db.collection<Loose>('doomed').drop()).toBe(true);
    expect(await db.collection<Loose>('never_existed').drop()).toBe(true);
    const names = (await db.listCollections({}, { nameOnly: true }).toArray()).map((entry) => entry.name);
    expect(names).not.toContain('doomed');
  });

  it('listDatabases lists databases with data and the system ones; dropDatabase removes one', async () => {
    const other = client.db('catalog_fidelity_other');
    await other.collection<Loose>('x').insertOne({ a: 1 });
    const before = await client.db('admin').admin().listDatabases();
    expect(before.databases.map((entry) => entry.name)).toEqual([
      'admin',
      'catalog_fidelity',
      'catalog_fidelity_other',
      'config',
      'local',
    ]);
    expect(before.databases.every((entry) => (entry.sizeOnDisk ?? 0) > 0)).toBe(true);
    await other.dropDatabase();
    const after = await client.db('admin').admin().listDatabases({ nameOnly: true });
    expect(after.databases.map((entry) => entry.name)).not.toContain('catalog_fidelity_other');
    await expect(db.command({ listDatabases: 1 })).rejects.toMatchObject({ code: 13 });
  });

  it('records indexes; listIndexes on a missing collection is NamespaceNotFound', async () => {
    await db.collection<Loose>('people').createIndex({ name: 1 });
    const indexes = await db.collection<Loose>('people').listIndexes().toArray();
    expect(indexes.map((index) => index.name)).toEqual(['_id_', 'name_1']);
    await expect(db.collection<Loose>('nope').listIndexes().toArray()).rejects.toMatchObject({
      code: 26,
      codeName: 'NamespaceNotFound',
      message: 'ns does not exist: catalog_fidelity.nope',
    });
  });
});

describe('writes', () => {
  it('insert generates _id, puts it first, and rejects duplicates', async () => {
    const things = db.collection<Loose>('things');
    const { insertedId } = await things.insertOne({ a: 1 }, { forceServerObjectId: true });
    expect(insertedId).toBeUndefined();
    const [stored] = await things.find().toArray();
    expect(Object.keys(stored!)).toEqual(['_id', 'a']);
    await things.insertOne({ x: 1, _id: 'k' });
    expect(Object.keys((await things.findOne({ _id: 'k' as never }))!)).toEqual(['_id', 'x']);
    const duplicate = await things.insertOne({ _id: 'k' as never }).catch((e: unknown) => e);
    expect(duplicate).toMatchObject({
      code: 11000,
      keyValue: { _id: 'k' },
      message:
        'E11000 duplicate key error collection: catalog_fidelity.things index: _id_ dup key: { _id: "k" }',
    });
  });

  it('an unordered insertMany inserts what it can and reports each failure', async () => {
    const batch = db.collection<Loose>('batch');
    const error = await batch
      .insertMany([{ _id: 1 }, { _id: 1 }, { _id: 2 }], { ordered: false })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MongoBulkWriteError);
    expect((error as MongoBulkWriteError).insertedCount).toBe(2);
    expect((error as MongoBulkWriteError).writeErrors).toMatchObject([{ index: 1, code: 11000 }]);
  });

  it('updateOne, updateMany, upsert, replaceOne and the immutable _id', async () => {
    const scores = db.collection<{
      _id: number;
      n?: number;
      tags?: string[];
      kind?: string;
      created?: boolean;
      replaced?: boolean;
    }>('scores');
    await scores.insertMany([
      { _id: 1, n: 1, tags: ['a'] },
      { _id: 2, n: 2, tags: [] },
      { _id: 3, n: 3 },
    ]);
    const many = await scores.updateMany({ n: { $gte: 2 } }, { $inc: { n: 10 }, $push: { tags: 'z' } });
    expect(many).toMatchObject({ matchedCount: 2, modifiedCount: 2 });
    expect(await scores.find({}, { projection: { _id: 0 } }).toArray()).toEqual([
      { n: 1, tags: ['a'] },
      { n: 12, tags: ['z'] },
      { n: 13, tags: ['z'] },
    ]);
    const same = await scores.updateOne({ _id: 1 }, { $set: { n: 1 } });
    expect(same).toMatchObject({ matchedCount: 1, modifiedCount: 0 });
    const upsert = await scores.updateOne(
      { _id: 9, kind: 'new' },
      { $set: { n: 0 }, $setOnInsert: { created: true } },
      { upsert: true },
    );
    expect(upsert).toMatchObject({ matchedCount: 0, upsertedCount: 1, upsertedId: 9 });
    expect(await scores.findOne({ _id: 9 })).toEqual({ _id: 9, kind: 'new', n: 0, created: true });
    await scores.replaceOne({ _id: 9 }, { replaced: true });
    expect(await scores.findOne({ _id: 9 })).toEqual({ _id: 9, replaced: true });
    // A write error: mongod sends index, code and errmsg (no codeName) for each statement.
    await expect(scores.updateOne({ _id: 1 }, { $set: { _id: 5 } })).rejects.toMatchObject({
      code: 66,
      message: "Performing an update on the path '_id' would modify the immutable field '_id'",
    });
    // The driver's types forbid $inc on an array; the server must refuse it too.
    await expect(scores.updateOne({ _id: 1 }, { $inc: { tags: 1 } } as never)).rejects.toMatchObject({
      code: 14,
    });
  });

  it('pipeline updates and findOneAndUpdate', async () => {
    const counters = db.collection<Loose>('counters');
    await counters.insertOne({ _id: 'c', value: 1 });
    await counters.updateOne({ _id: 'c' }, [{ $set: { doubled: { $multiply: ['$value', 2] } } }]);
    const after = await counters.findOneAndUpdate(
      { _id: 'c' },
      { $inc: { value: 1 } },
      { returnDocument: 'after', projection: { value: 1, doubled: 1 } },
    );
    expect(after).toEqual({ _id: 'c', value: 2, doubled: 2 });
  });

  it('deleteOne and deleteMany', async () => {
    const gone = db.collection<Loose>('gone');
    await gone.insertMany([{ k: 1 }, { k: 1 }, { k: 2 }, { k: 3 }]);
    expect((await gone.deleteOne({ k: 1 })).deletedCount).toBe(1);
    expect((await gone.deleteMany({ k: { $gte: 1 } })).deletedCount).toBe(3);
    expect(await gone.countDocuments()).toBe(0);
  });
});
