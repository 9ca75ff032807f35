import { MongoClient, MongoServerError, type Db } from 'mongodb';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startMongoTestServer, type MongoTestServer } from './start-mongo-test-server';

/**
 * Failures come back in MongoDB's error shape, and maxTimeMS is honoured.
 */

let server: MongoTestServer;
let client: MongoClient;
let db: Db;

beforeAll(async () => {
  server = await startMongoTestServer({ seed: { errors_fidelity: { items: [{ _id: 1 }, { _id: 2 }] } } });
  client = await new MongoClient(server.url, { serverSelectionTimeoutMS: 2000 }).connect();
  db = client.db('errors_fidelity');
});

afterEach(() => {
  server.setCommandDelay('find', 0);
  server.setCommandDelay('aggregate', 0);
});

afterAll(async () => {
  await client?.close();
  await server?.close();
});

async function failure(promise: Promise<unknown>): Promise<MongoServerError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(MongoServerError);
  return error as MongoServerError;
}

describe('error shape', () => {
  it('an unknown command is CommandNotFound with ok: 0, errmsg, code and codeName', async () => {
    const error = await failure(db.command({ frobnicate: 1 }));
    expect(error.errorResponse).toEqual({
      ok: 0,
      errmsg: "no such command: 'frobnicate'",
      code: 59,
      codeName: 'CommandNotFound',
    });
    expect(error.message).toBe("no such command: 'frobnicate'");
  });

  it('a malformed argument is TypeMismatch naming the field', async () => {
    const error = await failure(db.command({ find: 'items', filter: 5 }));
    expect(error).toMatchObject({
      code: 14,
      codeName: 'TypeMismatch',
      message: "BSON field 'find.filter' is the wrong type 'int', expected type 'object'",
    });
  });

  it('codes without a name are reported as Location<code>', async () => {
    const error = await failure(
      db
        .collection('items')
        .aggregate([{ $nope: 1 }])
        .toArray(),
    );
    expect(error.errorResponse).toMatchObject({ code: 40324, codeName: 'Location40324' });
  });

  it('the connection stays usable after an error', async () => {
    await failure(db.command({ frobnicate: 1 }));
    expect(await db.collection('items').countDocuments()).toBe(2);
  });
});

describe('maxTimeMS', () => {
  it('expires a find that takes longer, with MaxTimeMSExpired, without waiting for it', async () => {
    server.setCommandDelay('find', 2000);
    const started = Date.now();
    const error = await failure(db.collection('items').find({}).maxTimeMS(100).toArray());
    expect(error).toMatchObject({
      code: 50,
      codeName: 'MaxTimeMSExpired',
      message: 'operation exceeded time limit',
    });
    expect(Date.now() - started).toBeLessThan(1500);
  });

  it('expires an aggregate (countDocuments) the same way', async () => {
    server.setCommandDelay('aggregate', 500);
    const error = await failure(db.collection('items').countDocuments({}, { maxTimeMS: 50 }));
    expect(error.code).toBe(50);
  });

  it('lets a command that finishes in time succeed', async () => {
    server.setCommandDelay('find', 50);
    const found = await db.collection('items').find({}).maxTimeMS(2000).toArray();
    expect(found).toHaveLength(2);
  });

  it('refuses maxTimeMS on getMore of a regular cursor', async () => {
    const first = await db.command({ find: 'items', batchSize: 1 });
    const error = await failure(db.command({ getMore: first.cursor.id, collection: 'items', maxTimeMS: 10 }));
    expect(error).toMatchObject({
      code: 2,
      message: 'cannot set maxTimeMS on getMore command for a non-awaitData cursor',
    });
  });
});
