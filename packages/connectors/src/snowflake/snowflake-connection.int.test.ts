import { generateKeyPairSync } from 'node:crypto';
import {
  createSnowflakeTestDatabase,
  startSnowflakeTestServer,
  type SnowflakeTestDatabase,
  type SnowflakeTestServer,
} from '@connect/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connector } from '../connector';
import { ConnectorError } from '../errors/connector-error';
import { openConnector } from '../registry';
import { openSnowflakeSession } from './connect';
import { snowflakeConfigSchema } from './config';
import { executeStatement } from './execute';

/**
 * Snowflake behaviour the contract suite cannot express for every kind: key-pair
 * sign-in, sign-in problems Snowflake reports after the fact, every Snowflake type
 * the connector reads, and how it uses its session. Through the real snowflake-sdk
 * and the test server.
 */
const rsa = (passphrase?: string) =>
  generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: {
      type: 'pkcs8',
      format: 'pem',
      ...(passphrase ? { cipher: 'aes-256-cbc', passphrase } : {}),
    },
  });
const registered = rsa('open sesame');
const stranger = rsa();

let database: SnowflakeTestDatabase;
let server: SnowflakeTestServer;
let base: Record<string, unknown>;

const reasonOf = async (promise: Promise<unknown>) => {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ConnectorError) return error;
    throw error;
  }
  throw new Error('expected the call to fail');
};

async function withConnector<T>(config: Record<string, unknown>, work: (connector: Connector) => Promise<T>) {
  const connector = openConnector('snowflake', config);
  try {
    return await work(connector);
  } finally {
    await connector.close();
  }
}

beforeAll(async () => {
  database = await createSnowflakeTestDatabase({
    database: 'SHOP',
    schemas: ['CRM'],
    tables: [
      {
        name: 'TYPES',
        columns: [
          { name: 'ID', type: 'NUMBER(10,0)', nullable: false },
          { name: 'BIG', type: 'NUMBER(38,0)' },
          { name: 'PRICE', type: 'NUMBER(12,2)' },
          { name: 'RATIO', type: 'FLOAT' },
          { name: 'LABEL', type: 'VARCHAR(100)' },
          { name: 'OK', type: 'BOOLEAN' },
          { name: 'DAY', type: 'DATE' },
          { name: 'AT_NTZ', type: 'TIMESTAMP_NTZ' },
          { name: 'AT_LTZ', type: 'TIMESTAMP_LTZ' },
          { name: 'AT_TZ', type: 'TIMESTAMP_TZ' },
          { name: 'DOC', type: 'VARIANT' },
          { name: 'PROFILE', type: 'OBJECT' },
          { name: 'TAGS', type: 'ARRAY' },
          { name: 'LUCKY', type: 'ARRAY' },
          { name: 'RAW', type: 'BINARY' },
          { name: 'OPENS', type: 'TIME' },
        ],
        rows: [
          [
            1,
            '12345678901234567890',
            '19.90',
            0.125,
            '100%_off',
            true,
            '2024-02-29',
            new Date('2024-05-01T12:30:00.123Z'),
            new Date('2024-05-01T12:30:00.123Z'),
            new Date('2024-05-01T23:30:00.000Z'),
            'text in a variant',
            { plan: 'pro', seats: 3 },
            ['vip', 'beta'],
            [7, 11],
            Buffer.from('hi'),
            '09:15:00',
          ],
          [2, null, null, null, 'plain', false, null, null, null, null, null, null, [], null, null, null],
        ],
      },
      { schema: 'CRM', name: 'ACCOUNTS', columns: [{ name: 'ID', type: 'NUMBER(10,0)' }] },
    ],
  });
  server = await startSnowflakeTestServer({
    postgresUrl: database.postgresUrl,
    database: 'SHOP',
    account: 'ACME',
    warehouses: ['WH'],
    users: [
      { name: 'READER', password: 'reader-pw-91f', roles: ['ANALYST'] },
      { name: 'SERVICE', publicKeyPem: registered.publicKey },
    ],
  });
  base = {
    account: 'ACME',
    username: 'READER',
    password: 'reader-pw-91f',
    warehouse: 'WH',
    database: 'SHOP',
    accessUrl: server.accessUrl,
  };
}, 60_000);

afterAll(async () => {
  await server?.close();
  await database?.drop();
});

describe('key-pair sign-in', () => {
  const service = () => ({ ...base, username: 'SERVICE', password: undefined });

  it('signs in with an encrypted private key and its passphrase, instead of any password', async () => {
    const result = await withConnector(
      {
        ...service(),
        password: 'not-used',
        privateKey: registered.privateKey,
        privateKeyPassphrase: 'open sesame',
      },
      (connector) => connector.test(),
    );
    expect(result.serverVersion).toBe('Snowflake 9.21.1');
  });

  it('says the passphrase is wrong before asking Snowflake', async () => {
    const logins = server.stats().logins + server.stats().failedLogins;
    const error = await withConnector(
      { ...service(), privateKey: registered.privateKey, privateKeyPassphrase: 'wrong' },
      (connector) => reasonOf(connector.test()),
    );
    expect(error).toMatchObject({
      reason: 'auth_failed',
      message:
        'The private key could not be read with this passphrase. Check the passphrase and that the whole key was pasted.',
      fieldErrors: { privateKeyPassphrase: expect.any(String) },
    });
    expect(server.stats().logins + server.stats().failedLogins).toBe(logins);
  });

  it('says the key does not match the one set on the user', async () => {
    const error = await withConnector({ ...service(), privateKey: stranger.privateKey }, (connector) =>
      reasonOf(connector.test()),
    );
    expect(error.reason).toBe('auth_failed');
    expect(error.message).toMatch(
      /^Snowflake rejected the key-pair sign-in of user "SERVICE": .*RSA_PUBLIC_KEY/,
    );
    expect(error.fieldErrors).toHaveProperty('privateKey');
  });

  it('names the user when Snowflake does not know it', async () => {
    const error = await withConnector(
      {
        ...service(),
        username: 'NOBODY',
        privateKey: registered.privateKey,
        privateKeyPassphrase: 'open sesame',
      },
      (connector) => reasonOf(connector.test()),
    );
    expect(error.reason).toBe('auth_failed');
    expect(error.message).toMatch(/user "NOBODY"/);
  });
});

describe('what Snowflake only reports after signing in', () => {
  it.each([
    [
      'an unknown warehouse',
      { warehouse: 'NO_SUCH_WH' },
      'unknown_warehouse',
      'warehouse',
      /^There is no warehouse "NO_SUCH_WH" that user "READER" may use/,
    ],
    [
      'an unknown database',
      { database: 'NOPE' },
      'unknown_database',
      'database',
      /^There is no database "NOPE"/,
    ],
    [
      'an unknown schema',
      { schema: 'NOPE' },
      'unknown_database',
      'schema',
      /^There is no schema "NOPE" in database "SHOP"/,
    ],
    [
      'a role the user lacks',
      { role: 'ACCOUNTADMIN' },
      'permission_denied',
      'role',
      /^The role "ACCOUNTADMIN" does not exist or is not granted to user "READER"/,
    ],
    [
      'an account this host does not serve',
      { account: 'OTHER' },
      'unknown_account',
      'account',
      /^No Snowflake account "OTHER" answers at 127\.0\.0\.1/,
    ],
  ] as const)('%s is named, with the field to fix', async (_title, change, reason, field, message) => {
    const error = await withConnector({ ...base, ...change }, (connector) => reasonOf(connector.test()));
    expect(error.reason).toBe(reason);
    expect(error.message).toMatch(message);
    expect(error.fieldErrors).toHaveProperty(field);
  });

  it('signs in with a role the user has', async () => {
    await expect(
      withConnector({ ...base, role: 'analyst' }, (connector) => connector.test()),
    ).resolves.toMatchObject({
      serverVersion: 'Snowflake 9.21.1',
    });
  });
});

describe('the session', () => {
  it('signs in once and serves concurrent calls from that one session', async () => {
    const before = server.stats().logins;
    await withConnector(base, async (connector) => {
      await Promise.all(
        Array.from({ length: 6 }, () =>
          connector.count({
            source: { schema: 'PUBLIC', name: 'TYPES' },
            definition: { type: 'query', query: 'SELECT 1' },
            exact: true,
          }),
        ),
      );
      await connector.listSources();
    });
    expect(server.stats().logins - before).toBe(1);
  });

  it('signs in again, without failing the call, when Snowflake has ended the session', async () => {
    const shortLived = await startSnowflakeTestServer({
      postgresUrl: database.postgresUrl,
      database: 'SHOP',
      account: 'ACME',
      warehouses: ['WH'],
      users: [{ name: 'READER', password: 'reader-pw-91f' }],
      sessionTokenValiditySeconds: 1,
      masterTokenValiditySeconds: 2,
    });
    try {
      await withConnector({ ...base, accessUrl: shortLived.accessUrl }, async (connector) => {
        await connector.test();
        await new Promise((resolve) => setTimeout(resolve, 1_500));
        await connector.test(); // the SDK renews the session token
        await new Promise((resolve) => setTimeout(resolve, 2_500));
        await connector.test(); // both tokens expired: a new session
      });
      expect(shortLived.stats()).toMatchObject({ logins: 2, tokenRenewals: 1 });
    } finally {
      await shortLived.close();
    }
  });

  it('lists only the configured schema when one is given', async () => {
    const all = await withConnector(base, (connector) => connector.listSources());
    const crm = await withConnector({ ...base, schema: 'crm' }, (connector) => connector.listSources());
    expect(all.map((source) => source.id)).toEqual(['CRM.ACCOUNTS', 'PUBLIC.TYPES']);
    expect(crm.map((source) => source.id)).toEqual(['CRM.ACCOUNTS']);
  });

  it('has Snowflake refuse a second statement even if our own check were bypassed', async () => {
    const session = openSnowflakeSession(snowflakeConfigSchema.parse(base));
    try {
      const { connection } = await session.open();
      const error = await executeStatement(connection, {
        sqlText: 'SELECT 1; SELECT 2',
        timeoutMs: 5_000,
      }).catch((caught: unknown) => caught as { code?: string });
      expect((error as { code?: string }).code).toBe('000008');
    } finally {
      await session.close();
    }
  });
});

describe('Snowflake types', () => {
  const source = { schema: 'PUBLIC', name: 'TYPES' };
  const filter = (rules: unknown[]) => ({ type: 'filter', filter: { combinator: 'and', rules } }) as never;

  it('describes every column with its filter type and Snowflake type name', async () => {
    const description = await withConnector(base, (connector) => connector.describe(source));
    expect(
      description.fields.map((field) => [field.name, field.type, field.nativeType, field.filterable]),
    ).toEqual([
      ['ID', 'number', 'NUMBER(10,0)', true],
      ['BIG', 'number', 'NUMBER(38,0)', true],
      ['PRICE', 'number', 'NUMBER(12,2)', true],
      ['RATIO', 'number', 'FLOAT', true],
      ['LABEL', 'string', 'VARCHAR(100)', true],
      ['OK', 'boolean', 'BOOLEAN', true],
      ['DAY', 'date', 'DATE', true],
      ['AT_NTZ', 'datetime', 'TIMESTAMP_NTZ', true],
      ['AT_LTZ', 'datetime', 'TIMESTAMP_LTZ', true],
      ['AT_TZ', 'datetime', 'TIMESTAMP_TZ', true],
      ['DOC', 'json', 'VARIANT', true],
      ['PROFILE', 'json', 'OBJECT', true],
      ['TAGS', 'array', 'ARRAY', true],
      ['LUCKY', 'array', 'ARRAY', true],
      ['RAW', 'string', 'BINARY', false],
      ['OPENS', 'string', 'TIME', false],
    ]);
    const byName = new Map(description.fields.map((field) => [field.name, field]));
    expect(byName.get('TAGS')?.elementType).toBe('string');
    expect(byName.get('LUCKY')?.elementType).toBe('number');
    expect(description.primaryKey).toEqual([]);
  });

  it('returns every value JSON-safe and exact', async () => {
    const page = await withConnector(base, (connector) =>
      connector.preview({ source, definition: filter([]) }),
    );
    expect(page.rows).toEqual([
      {
        ID: 1,
        BIG: '12345678901234567890',
        PRICE: '19.90',
        RATIO: 0.125,
        LABEL: '100%_off',
        OK: true,
        DAY: '2024-02-29',
        AT_NTZ: '2024-05-01T12:30:00.123Z',
        AT_LTZ: '2024-05-01T12:30:00.123Z',
        AT_TZ: '2024-05-01T23:30:00.000Z',
        DOC: 'text in a variant',
        PROFILE: { plan: 'pro', seats: 3 },
        TAGS: ['vip', 'beta'],
        LUCKY: [7, 11],
        RAW: Buffer.from('hi').toString('base64'),
        OPENS: '09:15:00',
      },
      {
        ID: 2,
        BIG: null,
        PRICE: null,
        RATIO: null,
        LABEL: 'plain',
        OK: false,
        DAY: null,
        AT_NTZ: null,
        AT_LTZ: null,
        AT_TZ: null,
        DOC: null,
        PROFILE: null,
        TAGS: [],
        LUCKY: null,
        RAW: null,
        OPENS: null,
      },
    ]);
  });

  it('filters each timestamp flavour on its own terms, and big numbers exactly', async () => {
    const ids = async (rules: unknown[]) =>
      (
        await withConnector(base, (connector) => connector.preview({ source, definition: filter(rules) }))
      ).rows.map((row) => row.ID);
    expect(await ids([{ field: 'AT_NTZ', operator: '=', value: '2024-05-01T12:30:00.123Z' }])).toEqual([1]);
    expect(await ids([{ field: 'AT_LTZ', operator: '=', value: '2024-05-01T14:30:00.123+02:00' }])).toEqual([
      1,
    ]);
    // 23:30 UTC is the next day in Berlin: "on" means the UTC day.
    expect(await ids([{ field: 'AT_TZ', operator: 'on', value: '2024-05-01' }])).toEqual([1]);
    expect(
      await ids([{ field: 'AT_LTZ', operator: 'moreThanAgo', value: { amount: 1, unit: 'days' } }]),
    ).toEqual([1]);
    expect(await ids([{ field: 'BIG', operator: '>', value: '12345678901234567889' }])).toEqual([1]);
    expect(await ids([{ field: 'BIG', operator: '>', value: '12345678901234567890' }])).toEqual([]);
    expect(await ids([{ field: 'LUCKY', operator: 'containsElement', value: 11 }])).toEqual([1]);
    expect(await ids([{ field: 'TAGS', operator: 'isEmpty' }])).toEqual([2]);
    expect(await ids([{ field: 'DOC', operator: 'null' }])).toEqual([2]);
    expect(await ids([{ field: 'LABEL', operator: 'beginsWith', value: '100%_' }])).toEqual([1]);
    expect(await ids([{ field: 'LABEL', operator: 'contains', value: '0%_O' }])).toEqual([1]);
  });

  it("reads raw queries with Snowflake's comments and strings, and types their columns", async () => {
    const page = await withConnector(base, (connector) =>
      connector.preview({
        definition: {
          type: 'query',
          query: `// who's counting; not us\nSELECT "ID", 'a;b\\'c' AS "TEXT", "AT_TZ" FROM "TYPES" -- done`,
        },
        sort: [{ field: 'ID', direction: 'desc' }],
      }),
    );
    expect(page.columns).toEqual([
      { name: 'ID', type: 'number' },
      { name: 'TEXT', type: 'string' },
      { name: 'AT_TZ', type: 'datetime' },
    ]);
    expect(page.rows).toEqual([
      { ID: 2, TEXT: "a;b'c", AT_TZ: null },
      { ID: 1, TEXT: "a;b'c", AT_TZ: '2024-05-01T23:30:00.000Z' },
    ]);
  });
});

describe('streams', () => {
  it('reject with the signal reason when aborted between batches', async () => {
    const controller = new AbortController();
    const error = await withConnector(base, async (connector) => {
      try {
        for await (const _batch of connector.stream({
          definition: {
            type: 'query',
            query: 'SELECT a."ID" FROM "TYPES" a CROSS JOIN "TYPES" b CROSS JOIN "TYPES" c',
          },
          batchSize: 2,
          signal: controller.signal,
        }))
          controller.abort();
      } catch (caught) {
        return caught as Error;
      }
      throw new Error('expected the stream to stop');
    });
    expect(error.name).toBe('AbortError');
  });
});
