import { MongoClient, MongoServerError } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMongoTestServer, type MongoTestServer } from './start-mongo-test-server';

/**
 * Users and their roles as the driver sees them on mongod: `createUser` with
 * built-in roles, `connectionStatus` (with `showPrivileges`), `usersInfo` and
 * `dropUser`, with mongod's errors.
 */

let server: MongoTestServer;

beforeAll(async () => {
  server = await startMongoTestServer({ users: [{ username: 'admin', password: 'admin-pw' }] });
});

afterAll(async () => {
  await server?.close();
});

async function withClient<T>(url: string, run: (client: MongoClient) => Promise<T>): Promise<T> {
  const client = new MongoClient(url, { serverSelectionTimeoutMS: 2000 });
  try {
    await client.connect();
    return await run(client);
  } finally {
    await client.close();
  }
}

const adminUrl = () => server.urlWithCredentials('admin', 'admin-pw');

describe('users and roles', () => {
  it('a user given at start has root, and connectionStatus says so', async () => {
    const status = await withClient(adminUrl(), (client) =>
      client.db('admin').command({ connectionStatus: 1, showPrivileges: true }),
    );
    expect(status.authInfo.authenticatedUserRoles).toEqual([{ role: 'root', db: 'admin' }]);
    const anyDatabase = status.authInfo.authenticatedUserPrivileges.find(
      (privilege: { resource: { db?: string } }) => privilege.resource.db === '',
    );
    expect(anyDatabase.actions).toEqual(
      expect.arrayContaining(['find', 'insert', 'createUser', 'dropDatabase']),
    );
  });

  it('createUser with read on a database: the user signs in, reads, and reports only read privileges', async () => {
    await withClient(adminUrl(), async (client) => {
      await client
        .db('shop')
        .collection('items')
        .insertOne({ _id: 1 } as never);
      await client.db('shop').command({ createUser: 'reader', pwd: 'reader-pw', roles: ['read'] });
      const duplicate = await client
        .db('shop')
        .command({ createUser: 'reader', pwd: 'x', roles: [] })
        .catch((error: unknown) => error);
      expect(duplicate).toBeInstanceOf(MongoServerError);
      expect((duplicate as MongoServerError).code).toBe(51003);
      expect((duplicate as MongoServerError).message).toBe('User "reader@shop" already exists');
      const unknown = await client
        .db('shop')
        .command({ createUser: 'other', pwd: 'x', roles: [{ role: 'readAnyDatabase', db: 'shop' }] })
        .catch((error: unknown) => error);
      expect((unknown as MongoServerError).code).toBe(31);
      expect((unknown as MongoServerError).message).toBe('Could not find role: readAnyDatabase@shop');
    });
    await withClient(
      server.urlWithCredentials('reader', 'reader-pw', { authSource: 'shop' }),
      async (client) => {
        const status = await client.db('shop').command({ connectionStatus: 1, showPrivileges: true });
        expect(status.authInfo).toEqual({
          authenticatedUsers: [{ user: 'reader', db: 'shop' }],
          authenticatedUserRoles: [{ role: 'read', db: 'shop' }],
          authenticatedUserPrivileges: [
            {
              resource: { db: 'shop', collection: '' },
              actions: [
                'changeStream',
                'collStats',
                'dbHash',
                'dbStats',
                'find',
                'killCursors',
                'listCollections',
                'listIndexes',
                'listSearchIndexes',
              ],
            },
          ],
        });
        const plain = await client.db('shop').command({ connectionStatus: 1 });
        expect(plain.authInfo.authenticatedUserPrivileges).toBeUndefined();
        expect(await client.db('shop').collection('items').countDocuments()).toBe(1);
        const info = await client.db('shop').command({ usersInfo: 'reader' });
        expect(info.users).toMatchObject([
          { _id: 'shop.reader', user: 'reader', db: 'shop', roles: [{ role: 'read', db: 'shop' }] },
        ]);
      },
    );
  });

  it('dropUser removes the login; dropping it again is UserNotFound', async () => {
    await withClient(adminUrl(), async (client) => {
      await client.db('shop').command({ createUser: 'temp', pwd: 'temp-pw', roles: [] });
      await client.db('shop').command({ dropUser: 'temp' });
      const again = await client
        .db('shop')
        .command({ dropUser: 'temp' })
        .catch((error: unknown) => error);
      expect((again as MongoServerError).code).toBe(11);
      expect((again as MongoServerError).codeName).toBe('UserNotFound');
    });
    const failed = await withClient(
      server.urlWithCredentials('temp', 'temp-pw', { authSource: 'shop' }),
      async () => undefined,
    ).catch((error: unknown) => error);
    expect((failed as MongoServerError).code).toBe(18);
  });
});
