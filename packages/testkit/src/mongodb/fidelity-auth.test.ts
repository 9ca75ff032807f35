import { MongoClient, MongoServerError } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMongoTestServer, type MongoTestServer } from './start-mongo-test-server';

/**
 * SCRAM authentication as the driver performs it against mongod: the mechanism
 * negotiation in the handshake, speculative authentication, and the errors a
 * connector shows for bad credentials.
 */

let server: MongoTestServer;

beforeAll(async () => {
  server = await startMongoTestServer({
    users: [
      { username: 'app', password: 'correct horse ☃' },
      { username: 'legacy', password: 'old-secret', mechanisms: ['SCRAM-SHA-1'] },
      { username: 'shopper', password: 's3cret', db: 'shop' },
    ],
    seed: { shop: { items: [{ _id: 1, name: 'kettle' }] } },
  });
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

async function connectError(url: string): Promise<MongoServerError> {
  const error = await withClient(url, async () => undefined).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(MongoServerError);
  return error as MongoServerError;
}

describe('successful authentication', () => {
  it('negotiates SCRAM-SHA-256, authenticates speculatively in the handshake, and serves queries', async () => {
    server.clearReceivedCommands();
    const items = await withClient(server.urlWithCredentials('app', 'correct horse ☃'), async (client) => {
      const status = await client.db('admin').command({ connectionStatus: 1 });
      expect(status.authInfo.authenticatedUsers).toEqual([{ user: 'app', db: 'admin' }]);
      return client.db('shop').collection('items').find().toArray();
    });
    expect(items).toEqual([{ _id: 1, name: 'kettle' }]);
    const hello = server
      .receivedCommands()
      .find((command) => command.body.saslSupportedMechs === 'admin.app');
    expect(hello?.body.speculativeAuthenticate?.mechanism).toBe('SCRAM-SHA-256');
    // The first SCRAM step rode on the handshake: only saslContinue follows.
    expect(server.receivedCommands('saslStart')).toHaveLength(0);
    expect(server.receivedCommands('saslContinue').length).toBeGreaterThan(0);
  });

  it('authenticates a user that only has SCRAM-SHA-1 credentials', async () => {
    const url = `${server.urlWithCredentials('legacy', 'old-secret')}&authMechanism=SCRAM-SHA-1`;
    expect(await withClient(url, (client) => client.db('shop').collection('items').countDocuments())).toBe(1);
  });

  it('authenticates against the database named by authSource', async () => {
    const url = server.urlWithCredentials('shopper', 's3cret', { authSource: 'shop', database: 'shop' });
    expect(await withClient(url, (client) => client.db().collection('items').countDocuments())).toBe(1);
  });
});

describe('failed authentication', () => {
  it('a wrong password fails with "Authentication failed." (18, AuthenticationFailed)', async () => {
    const error = await connectError(server.urlWithCredentials('app', 'wrong'));
    expect(error.message).toBe('Authentication failed.');
    expect(error.code).toBe(18);
    expect(error.codeName).toBe('AuthenticationFailed');
  });

  it('an unknown user fails the same way, revealing nothing', async () => {
    const error = await connectError(server.urlWithCredentials('nobody', 'whatever'));
    expect(error).toMatchObject({ code: 18, message: 'Authentication failed.' });
    // The speculative step failed silently, so the driver tried again with saslStart.
    expect(server.receivedCommands('saslStart').length).toBeGreaterThan(0);
  });

  it('a user from another database, or a mechanism without credentials, fails', async () => {
    const elsewhere = await connectError(
      server.urlWithCredentials('shopper', 's3cret', { authSource: 'admin' }),
    );
    expect(elsewhere.code).toBe(18);
    const wrongMechanism = await connectError(
      `${server.urlWithCredentials('legacy', 'old-secret')}&authMechanism=SCRAM-SHA-256`,
    );
    expect(wrongMechanism.code).toBe(18);
  });

  it('without credentials the handshake works but commands need authentication', async () => {
    const error = await withClient(server.url, async (client) => {
      expect((await client.db('admin').command({ ping: 1 })).ok).toBe(1);
      return client
        .db('shop')
        .collection('items')
        .findOne()
        .catch((e: unknown) => e);
    });
    expect(error).toMatchObject({
      code: 13,
      codeName: 'Unauthorized',
      message: 'Command find requires authentication',
    });
  });
});
