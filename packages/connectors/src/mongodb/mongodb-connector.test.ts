/**
 * MongoDB-specific behaviour the contract suite does not reach, through the real
 * driver against the wire-protocol test server: what is sent (pushed-down `$match`
 * with typed values, `$$NOW`, `maxTimeMS`), sampling and paths added by hand,
 * Extended JSON pipelines, and refusals that never reach the server.
 */
import { startMongoTestServer, type MongoTestServer } from '@connect/testkit';
import { BSON, Decimal128, Int32, Long, MongoClient, ObjectId, type Document } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connector } from '../connector';
import { ConnectorError } from '../errors/connector-error';
import { openConnector } from '../registry';

const user = { username: 'reader', password: 'reader-pw-9c1f' };
const day = 86_400_000;
const idOf = (n: number) => new ObjectId(`65b00000aaaaaaaaaa${n.toString(16).padStart(6, '0')}`);

/** 30 people; the times are relative to when the file starts. */
function people(now: number): Document[] {
  return Array.from({ length: 30 }, (_, index) => {
    const n = index + 1;
    const document: Document = {
      _id: idOf(n),
      name: n === 3 ? 'Dr. a.b*c (test)' : `Person ${n}`,
      joined: new Date(now - n * day - 3_600_000),
      visits: Long.fromString(n === 1 ? '9007199254740993' : String(n * 10)),
      zip: n <= 20 ? new Int32(1000 + n) : `Z-${n}`,
      orders: n % 2 === 0 ? [{ sku: `S${n}`, total: Decimal128.fromString(`${n}.50`) }] : [],
      tags: n % 3 === 0 ? ['vip'] : [],
    };
    if (n % 4 !== 0) document.address = { city: n % 2 === 0 ? 'Lisbon' : 'Osaka', geo: { lat: 1.5 + n } };
    if (n === 30) document.rare = { deep: 'found' };
    return document;
  });
}

async function rejectionOf(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('Expected the call to fail, but it succeeded.');
}

/**
 * A value in canonical Extended JSON, to compare what the server received (its own
 * BSON classes, from the test kit's copy of the library) with what was meant.
 */
const canonical = (value: unknown) => JSON.parse(BSON.EJSON.stringify(value, { relaxed: false })) as unknown;

const lastPipeline = (server: MongoTestServer) =>
  server.receivedCommands('aggregate').at(-1)?.body.pipeline as Document[];

describe('MongoDB connector against the test server', () => {
  const now = Date.now();
  let server: MongoTestServer;
  let connector: Connector;
  const source = { name: 'people' };
  const config = (extra: Record<string, unknown> = {}) => ({
    url: server.urlWithCredentials(user.username, user.password, { database: 'crm', authSource: 'admin' }),
    sampleSize: 25,
    queryTimeoutSeconds: 7,
    countTimeoutSeconds: 11,
    ...extra,
  });

  beforeAll(async () => {
    server = await startMongoTestServer({ users: [user] });
    const client = new MongoClient(server.urlWithCredentials(user.username, user.password));
    const db = client.db('crm');
    await db.collection('people').insertMany(people(now));
    await db.createCollection('lisbon', {
      viewOn: 'people',
      pipeline: [{ $match: { 'address.city': 'Lisbon' } }],
    });
    await client.close();
    connector = openConnector('mongodb', config());
  });

  afterAll(async () => {
    await connector?.close();
    await server?.close();
  });

  it('lists collections and views with metadata counts, and hides system collections', async () => {
    expect(await connector.listSources()).toEqual([
      { ref: { name: 'lisbon' }, id: 'lisbon', type: 'view', estimatedRows: null },
      { ref: { name: 'people' }, id: 'people', type: 'collection', estimatedRows: 30 },
    ]);
  });

  it('describes a sample of the configured size, flattened to dot paths with majority types and presence', async () => {
    server.clearReceivedCommands();
    const description = await connector.describe(source);
    expect(canonical(lastPipeline(server))).toEqual(canonical([{ $sample: { size: 25 } }]));
    const byName = new Map(description.fields.map((field) => [field.name, field]));
    expect(byName.get('_id')).toMatchObject({ type: 'id', nativeType: 'objectId', presence: 1 });
    expect(byName.get('joined')).toMatchObject({ type: 'datetime', nullable: false });
    expect(byName.get('visits')).toMatchObject({ type: 'number', integer: true, nativeType: 'long' });
    // Mostly Int32, sometimes text: a number field, and the text values show in its native type.
    expect(byName.get('zip')).toMatchObject({ type: 'number', nativeType: 'int | string' });
    expect(byName.get('orders')).toMatchObject({
      type: 'json',
      nativeType: expect.stringMatching(/^array<object/),
    });
    expect(byName.get('orders.total')).toMatchObject({
      type: 'number',
      integer: false,
      nativeType: 'decimal',
    });
    expect(byName.get('tags')).toMatchObject({ type: 'array', elementType: 'string' });
    expect(byName.get('address.geo.lat')).toMatchObject({ type: 'number' });
    const presence = byName.get('address')!.presence!;
    expect(presence).toBeGreaterThan(0.5);
    expect(presence).toBeLessThan(1);
    expect(description.primaryKey).toEqual(['_id']);
  });

  it('adds a field the sample missed, by path, and leaves out paths no document has', async () => {
    const description = await connector.describe(source, { paths: ['rare.deep', 'no.such.path', '$where'] });
    const rare = description.fields.find((field) => field.name === 'rare.deep');
    expect(rare).toMatchObject({ type: 'string', nullable: true });
    expect(description.fields.some((field) => field.name === 'no.such.path' || field.name === '$where')).toBe(
      false,
    );
  });

  it('finds a field named by a saved filter even when a fresh sample misses it', async () => {
    const fresh = openConnector('mongodb', config({ sampleSize: 10 }));
    try {
      const definition = {
        type: 'filter' as const,
        filter: {
          combinator: 'and' as const,
          rules: [{ field: 'rare.deep', operator: '=' as const, value: 'found' }],
        },
      };
      expect(await fresh.count({ source, definition, exact: true })).toEqual({ count: 1, exact: true });
      const missing = await rejectionOf(
        fresh.count({
          source,
          definition: {
            type: 'filter',
            filter: { combinator: 'and', rules: [{ field: 'rare.nope', operator: '=', value: 'x' }] },
          },
        }),
      );
      expect(missing).toBeInstanceOf(ConnectorError);
      expect(missing.message).toMatch(/^There is no field "rare.nope" here/);
    } finally {
      await fresh.close();
    }
  });

  it('pushes the filter down as $match with typed values and escaped text', async () => {
    server.clearReceivedCommands();
    const joined = new Date(now - 5 * day - 3_600_000).toISOString();
    const page = await connector.preview({
      source,
      definition: {
        type: 'filter',
        filter: {
          combinator: 'or',
          rules: [
            { field: '_id', operator: '=', value: idOf(1).toHexString() },
            { field: 'joined', operator: '=', value: joined },
            { field: 'name', operator: 'contains', value: 'A.B*C (' },
            { field: 'orders.total', operator: '>=', value: '28.5' },
          ],
        },
      },
    });
    expect(page.rows.map((row) => row._id)).toEqual([1, 3, 5, 28, 30].map((n) => idOf(n).toHexString()));
    expect(canonical(lastPipeline(server))).toEqual(
      canonical([
        {
          $match: {
            $or: [
              { _id: { $eq: idOf(1) } },
              { joined: { $eq: new Date(joined) } },
              { name: { $regex: 'A\\.B\\*C \\(', $options: 'i' } },
              { 'orders.total': { $gte: Decimal128.fromString('28.5') } },
            ],
          },
        },
        { $sort: { _id: 1 } },
        { $limit: 51 },
      ]),
    );
  });

  it('evaluates relative dates on the server at run time ($$NOW), with no date in the query', async () => {
    server.clearReceivedCommands();
    const result = await connector.count({
      source,
      definition: {
        type: 'filter',
        filter: {
          combinator: 'and',
          rules: [{ field: 'joined', operator: 'inLast', value: { amount: 7, unit: 'days' } }],
        },
      },
      exact: true,
    });
    // Joined n days and an hour ago: people 1 to 6 are within the last 7 days.
    expect(result).toEqual({ count: 6, exact: true });
    const sent = JSON.stringify(lastPipeline(server));
    expect(sent).toContain('"$$NOW"');
    expect(sent).not.toMatch(/\d{4}-\d{2}-\d{2}T/);
  });

  it('applies the configured time limits as maxTimeMS', async () => {
    server.clearReceivedCommands();
    const every = { type: 'filter' as const, filter: { combinator: 'and' as const, rules: [] } };
    await connector.preview({ source, definition: every });
    await connector.count({ source, definition: every, exact: true });
    await connector.preview({ source, definition: every, timeoutMs: 1_234 });
    const queries = server
      .receivedCommands('aggregate')
      .filter((command) => !('$sample' in ((command.body.pipeline as Document[])[0] ?? {})));
    expect(queries.map((command) => Number(command.body.maxTimeMS))).toEqual([7_000, 11_000, 1_234]);
  });

  it('counts an estimate from metadata and a $sample, and counts views exactly', async () => {
    const plan = {
      type: 'filter' as const,
      filter: {
        combinator: 'and' as const,
        rules: [{ field: 'address.city', operator: '=' as const, value: 'Lisbon' }],
      },
    };
    server.clearReceivedCommands();
    const estimate = await connector.count({ source, definition: plan });
    expect(estimate.exact).toBe(false);
    expect(estimate.count).toBeGreaterThan(0);
    expect(estimate.count).toBeLessThanOrEqual(30);
    expect(server.receivedCommands('count')).toHaveLength(1);
    expect(canonical(lastPipeline(server)[0])).toEqual(canonical({ $sample: { size: 25 } }));
    expect(
      await connector.count({
        source: { name: 'lisbon' },
        definition: { type: 'filter', filter: { combinator: 'and', rules: [] } },
      }),
    ).toEqual({ count: 8, exact: true });
  });

  it('sorts by nested fields, and refuses to sort by a document or a list', async () => {
    const every = { type: 'filter' as const, filter: { combinator: 'and' as const, rules: [] } };
    const page = await connector.preview({
      source,
      definition: every,
      sort: [{ field: 'address.city', direction: 'desc' }],
      pageSize: 3,
    });
    expect(page.rows.map((row) => (row.address as { city: string }).city)).toEqual([
      'Osaka',
      'Osaka',
      'Osaka',
    ]);
    const error = await rejectionOf(
      connector.preview({ source, definition: every, sort: [{ field: 'orders', direction: 'asc' }] }),
    );
    expect(error.message).toBe('Cannot sort by "orders": there is no such sortable field.');
  });

  it('returns nested values as JSON, and only top-level fields as columns', async () => {
    const page = await connector.preview({
      source,
      definition: { type: 'query', query: `[{"$match": {"_id": {"$oid": "${idOf(2).toHexString()}"}}}]` },
    });
    expect(page.rows).toEqual([
      {
        _id: idOf(2).toHexString(),
        name: 'Person 2',
        joined: new Date(now - 2 * day - 3_600_000).toISOString(),
        visits: '20',
        zip: 1002,
        orders: [{ sku: 'S2', total: '2.50' }],
        tags: [],
        address: { city: 'Lisbon', geo: { lat: 3.5 } },
      },
    ]);
    expect(page.columns.map((column) => [column.name, column.type])).toEqual([
      ['_id', 'id'],
      ['name', 'string'],
      ['joined', 'datetime'],
      ['visits', 'number'],
      ['zip', 'number'],
      ['orders', 'json'],
      ['tags', 'array'],
      ['address', 'json'],
    ]);
  });

  it('runs pipelines written in canonical Extended JSON', async () => {
    const since = now - 4 * day;
    const result = await connector.count({
      source,
      definition: {
        type: 'query',
        query: `[{"$match": {"joined": {"$gte": {"$date": {"$numberLong": "${since}"}}}, "visits": {"$lt": {"$numberLong": "35"}}}}]`,
      },
      exact: true,
    });
    // Joined within 4 days: people 1 to 3; of those, people 2 and 3 have fewer than 35 visits (person 1 has 2^53 + 1).
    expect(result).toEqual({ count: 2, exact: true });
  });

  it('refuses server-side JavaScript and writes before anything reaches the server', async () => {
    server.clearReceivedCommands();
    for (const query of [
      '[{"$match": {"$where": "sleep(100) || true"}}]',
      '[{"$lookup": {"from": "people", "pipeline": [{"$out": "stolen"}], "as": "x"}}]',
      '[{"$match": {"name": "x"}} {"$limit": 1}]',
    ]) {
      const error = await rejectionOf(connector.preview({ source, definition: { type: 'query', query } }));
      expect(error).toBeInstanceOf(ConnectorError);
    }
    expect(server.receivedCommands('aggregate')).toEqual([]);
  });

  it('needs a collection to run a pipeline on, and says when it does not exist', async () => {
    const definition = { type: 'query' as const, query: '[]' };
    expect((await rejectionOf(connector.preview({ definition }))).message).toBe(
      'Choose the collection the pipeline runs on.',
    );
    const missing = await rejectionOf(connector.preview({ source: { name: 'nope' }, definition }));
    expect((missing as ConnectorError).reason).toBe('source_not_found');
  });

  it('streams in batches sorted by _id, and kills the cursor when the consumer leaves', async () => {
    const every = { type: 'filter' as const, filter: { combinator: 'and' as const, rules: [] } };
    const batches: number[] = [];
    const ids: unknown[] = [];
    for await (const batch of connector.stream({ source, definition: every, batchSize: 7 })) {
      batches.push(batch.length);
      ids.push(...batch.map((row) => row._id));
    }
    expect(batches).toEqual([7, 7, 7, 7, 2]);
    expect(ids).toEqual(Array.from({ length: 30 }, (_, index) => idOf(index + 1).toHexString()));
    for await (const batch of connector.stream({ source, definition: every, batchSize: 5 })) {
      expect(batch).toHaveLength(5);
      expect(server.openCursorCount()).toBe(1);
      break;
    }
    expect(server.openCursorCount()).toBe(0);
  });

  it('gives up at once when the caller aborts', async () => {
    server.setCommandDelay('aggregate', 3_000);
    try {
      const controller = new AbortController();
      const started = Date.now();
      setTimeout(() => controller.abort(), 100);
      const error = await rejectionOf(
        connector.preview({ source, definition: { type: 'query', query: '[]' }, signal: controller.signal }),
      );
      expect(error.name).toBe('AbortError');
      expect(Date.now() - started).toBeLessThan(1_500);
    } finally {
      server.setCommandDelay('aggregate', 0);
    }
  });

  it('says what is wrong with the login', async () => {
    const anonymous = openConnector('mongodb', { url: `${server.url}/crm` });
    const wrong = openConnector('mongodb', config({ password: 'not-it' }));
    try {
      const login = await rejectionOf(anonymous.listSources());
      expect((login as ConnectorError).reason).toBe('auth_failed');
      expect(login.message).toMatch(/requires a login/);
      const password = await rejectionOf(wrong.test());
      expect((password as ConnectorError).reason).toBe('auth_failed');
      expect(password.message).toBe(
        'MongoDB rejected the user name or password for "reader" (authentication database "admin"). Check the password, the user name, and authSource in the connection string.',
      );
    } finally {
      await anonymous.close();
      await wrong.close();
    }
  });
});
