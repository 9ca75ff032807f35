import { createHash, randomBytes } from 'node:crypto';
import {
  BSON,
  Decimal128,
  Double,
  Int32,
  Long,
  MongoClient,
  MongoServerError,
  ObjectId,
  UUID,
  type Db,
  type Document,
} from 'mongodb';
import { ConnectionString } from 'mongodb-connection-string-url';
import { startMongoTestServer, type MongoTestServer } from '../mongodb/start-mongo-test-server';
import { mongodbAttacks, mongodbSessionState } from './attacks/mongodb-attacks';
import type { ConnectorHarness, CustomerDatabase, DocumentShape, NotSimulated } from './connector-harness';
import { generateUsers, type FixtureUser, type JsonValue } from './users-fixture';

/** The user the connector signs in as on the test server: `root`, as many applications' users are. */
const reader = { username: 'connect_reader', password: 'connect-mongo-reader-pw-7d2e' } as const;
const admin = { username: 'connect_admin', password: 'connect-mongo-admin-pw-41b9' } as const;

const cities = [
  { city: 'Lisbon', country: 'PT', lat: 38.72, lng: -9.14 },
  { city: 'Berlin', country: 'DE', lat: 52.52, lng: 13.405 },
  { city: 'Osaka', country: 'JP', lat: 34.69, lng: 135.5 },
  { city: 'São Paulo', country: 'BR', lat: -23.55, lng: -46.63 },
];

/** Ids that sort like the fixture's `id` (the counter part is the id), so `_id` order is `id` order. */
function objectIdFor(id: number): ObjectId {
  return new ObjectId(`65a00000c0ffee0000${id.toString(16).padStart(6, '0')}`);
}

/**
 * Beside the fixture's columns, each document carries nested data as real
 * collections do: an address (an embedded document with an embedded document,
 * missing on every fourth user), orders (an array of documents, empty on every
 * third) and lucky numbers (an array of numbers, missing on every fifth). Derived
 * from the id, so the JSON form below can be computed for any fixture user.
 */
function nestedJson(user: FixtureUser): Record<string, JsonValue> {
  const id = user.id;
  const out: Record<string, JsonValue> = {};
  if (id % 4 !== 0) {
    const place = cities[id % cities.length]!;
    out.address = { city: place.city, country: place.country, geo: { lat: place.lat, lng: place.lng } };
  }
  out.orders =
    id % 3 === 0
      ? []
      : Array.from({ length: 1 + (id % 2) }, (_, index) => ({
          sku: `SKU-${(id * 7 + index) % 50}`,
          amount: (((id * 13 + index * 7) % 10_000) / 100).toFixed(2),
          at: new Date(Date.parse(user.signed_up_at) + (index + 1) * 86_400_000).toISOString(),
        }));
  if (id % 5 !== 0) out.lucky_numbers = [id % 7, id % 11, id % 13];
  return out;
}

/** The nested data as BSON: numbers with their stored types. */
function nestedBson(user: FixtureUser): Document {
  const json = nestedJson(user) as {
    address?: { city: string; country: string; geo: { lat: number; lng: number } };
    orders: { sku: string; amount: string; at: string }[];
    lucky_numbers?: number[];
  };
  const out: Document = {};
  if (json.address)
    out.address = {
      city: json.address.city,
      country: json.address.country,
      geo: { lat: new Double(json.address.geo.lat), lng: new Double(json.address.geo.lng) },
    };
  out.orders = json.orders.map((order) => ({
    sku: order.sku,
    amount: Decimal128.fromString(order.amount),
    at: new Date(order.at),
  }));
  if (json.lucky_numbers) out.lucky_numbers = json.lucky_numbers.map((number) => new Int32(number));
  return out;
}

const date = (iso: string | null) => (iso === null ? null : new Date(iso));
const int = (value: number | null) => (value === null ? null : new Int32(value));

/** A fixture user as a MongoDB document, each value in the BSON type a real collection would use. */
export function userDocument(user: FixtureUser): Document {
  return {
    _id: objectIdFor(user.id),
    id: new Int32(user.id),
    external_id: new UUID(user.external_id),
    name: user.name,
    email: user.email,
    phone: user.phone,
    age: int(user.age),
    // Always a double, even when whole: the stored type, not the value, makes a field integer.
    score: new Double(user.score),
    balance: user.balance === null ? null : Decimal128.fromString(user.balance),
    visits: Long.fromString(user.visits),
    is_active: user.is_active,
    plan: user.plan,
    signed_up_at: date(user.signed_up_at),
    trial_ends_at: date(user.trial_ends_at),
    // Calendar days are stored as text, as many applications do.
    birthday: user.birthday,
    renewal_on: user.renewal_on,
    profile:
      user.profile === null
        ? null
        : Object.fromEntries(
            Object.entries(user.profile).map(([key, value]) => [
              key,
              typeof value === 'number' && Number.isInteger(value) ? new Int32(value) : value,
            ]),
          ),
    tags: user.tags,
    order: new Int32(user.order),
    'Signup Source': user['Signup Source'],
    'quote"d': user['quote"d'],
    'back`tick': user['back`tick'],
    ...nestedBson(user),
  };
}

/** What the MongoDB connector reports and returns beyond the fixture's columns. */
function mongoShape(uniqueFields: string[]): DocumentShape {
  return {
    primaryKey: ['_id'],
    uniqueFields,
    extraFields: [
      { name: '_id', type: 'id', nullable: false },
      { name: 'profile.newsletter', type: 'boolean', nullable: true },
      { name: 'profile.locale', type: 'string', nullable: true },
      { name: 'profile.logins', type: 'number', nullable: true, integer: true },
      { name: 'address', type: 'json', nullable: true },
      { name: 'address.city', type: 'string', nullable: true },
      { name: 'address.country', type: 'string', nullable: true },
      { name: 'address.geo', type: 'json', nullable: true },
      { name: 'address.geo.lat', type: 'number', nullable: true },
      { name: 'address.geo.lng', type: 'number', nullable: true },
      { name: 'orders', type: 'json', nullable: false },
      { name: 'orders.sku', type: 'string', nullable: true },
      { name: 'orders.amount', type: 'number', nullable: true },
      { name: 'orders.at', type: 'datetime', nullable: true },
      { name: 'lucky_numbers', type: 'array', nullable: true },
    ],
    extraColumns: [
      { name: '_id', type: 'id' },
      { name: 'address', type: 'json' },
      { name: 'orders', type: 'json' },
      { name: 'lucky_numbers', type: 'array' },
    ],
    extraValues: (user) => ({ _id: objectIdFor(user.id).toHexString(), ...nestedJson(user) }),
  };
}

/** The plan enum, declared the way MongoDB applications declare one: a `$jsonSchema` validator. */
const usersValidator = {
  $jsonSchema: {
    bsonType: 'object',
    properties: { plan: { enum: ['free', 'pro', 'enterprise', null] } },
  },
};

const markerMatch = (marker: string) => `{"$match": {"_connect_marker": {"$ne": "${marker}"}}}`;

/** Whether a command body mentions a marker anywhere. */
const mentions = (body: Document, marker: string) =>
  BSON.EJSON.stringify(body, { relaxed: false }).includes(marker);

/**
 * The test server has no `currentOp`, and a query there is slow only when the
 * server is told to delay it (`setCommandDelay`). This arms a delay for the next
 * aggregate, lifts it the moment the marked command arrives (so nothing else is
 * slowed), and answers "is it still running" by the server's own rule
 * (dispatch-command.ts): a delayed command runs for its delay, or until its
 * maxTimeMS if that is shorter. A marked command that left a cursor open is also
 * still running.
 */
class SlowCommands {
  private readonly running = new Map<string, { arrived: number; runsMs: number }>();
  private readonly seen = new Set<string>();

  constructor(private readonly server: MongoTestServer) {}

  arm(marker: string, delayMs: number): void {
    this.server.setCommandDelay('aggregate', delayMs);
    const armed = Date.now();
    const timer = setInterval(() => {
      const command = this.server
        .receivedCommands('aggregate')
        .find((received) => mentions(received.body, marker));
      if (command) {
        const maxTimeMS = Number(command.body.maxTimeMS ?? 0) || Number.POSITIVE_INFINITY;
        this.running.set(marker, { arrived: Date.now(), runsMs: Math.min(delayMs, maxTimeMS) });
      }
      if (command || Date.now() - armed > 60_000) {
        clearInterval(timer);
        this.server.setCommandDelay('aggregate', 0);
      }
    }, 5);
    timer.unref();
  }

  isRunning(marker: string): boolean {
    const delayed = this.running.get(marker);
    if (delayed && Date.now() < delayed.arrived + delayed.runsMs) return true;
    if (
      !this.seen.has(marker) &&
      this.server.receivedCommands('aggregate').some((c) => mentions(c.body, marker))
    )
      this.seen.add(marker);
    return this.seen.has(marker) && this.server.openCursorCount() > 0;
  }
}

/** Where the documents live: a fresh test server, or a real MongoDB named by MONGODB_TEST_URL. */
interface Backend {
  /** A connection string for the harness itself, allowed to create and drop the database. */
  adminUrl: string;
  /** The connection string the connector gets for `database` (credentials in it). */
  connectorUrl(database: string, password?: string): string;
  /** A connection string for another user, who authenticates on `database`. */
  loginUrl(database: string, username: string, password: string): string;
  unreachable(database: string): Record<string, unknown>;
  tlsUnavailable(database: string): Record<string, unknown> | NotSimulated;
  /** The connector's user and its password, for the wrong-password case. */
  credentials(): { password: string };
  /** What Connect must warn about for the connector's user. */
  adminWarnings: string[];
  sleep(seconds: number, marker: string): string;
  manyRows(marker: string): string;
  isRunning(marker: string, client: MongoClient): Promise<boolean>;
  connectionDrop: CustomerDatabase['connectionDrop'];
  notSimulatedCases: Record<string, string>;
  close(): Promise<void>;
}

async function testServerBackend(): Promise<Backend> {
  const server = await startMongoTestServer({ users: [reader, admin] });
  const slow = new SlowCommands(server);
  return {
    adminUrl: server.urlWithCredentials(admin.username, admin.password),
    connectorUrl: (database, password = reader.password) =>
      server.urlWithCredentials(reader.username, password, { database, authSource: 'admin' }),
    loginUrl: (database, username, password) =>
      server.urlWithCredentials(username, password, { database, authSource: database }),
    unreachable: (database) => ({ url: `mongodb://127.0.0.1:1/${database}`, queryTimeoutSeconds: 5 }),
    tlsUnavailable: () => ({
      notSimulated:
        'The test server does not answer a TLS handshake (mongod closes the connection), so the driver could only time out.',
    }),
    credentials: () => ({ password: reader.password }),
    adminWarnings: ['roles_beyond_read'],
    sleep(seconds, marker) {
      slow.arm(marker, seconds * 1000);
      return `[${markerMatch(marker)}, {"$limit": 1}, {"$project": {"_id": 0, "slept": {"$literal": ${seconds}}}}]`;
    },
    // The test server computes a cursor's documents when it opens: $range makes them cheaply.
    manyRows: (marker) =>
      `[${markerMatch(marker)}, {"$limit": 1}, {"$project": {"_id": 0, "n": {"$range": [0, 1000000]}}}, {"$unwind": "$n"}]`,
    isRunning: async (marker) => slow.isRunning(marker),
    connectionDrop: {
      interrupted: 'may-retry',
      dropAll: async () => void server.dropConnections(),
    },
    notSimulatedCases: {
      'visits > 2^53 (bigint beyond JS precision)':
        'The test server compares Long values as JavaScript doubles (see its README), so 2^53 + 1 > 2^53 is false there; MongoDB compares them exactly.',
    },
    close: () => server.close(),
  };
}

function realBackend(url: string): Backend {
  const parsed = new ConnectionString(url);
  const user = decodeURIComponent(parsed.username);
  const password = decodeURIComponent(parsed.password);
  const params = new Map([...parsed.searchParams].map(([key, value]) => [key.toLowerCase(), value]));
  const authSource = params.get('authsource') ?? (parsed.pathname.replace(/^\//, '') || 'admin');
  const usesTls = parsed.isSRV || params.get('tls') === 'true' || params.get('ssl') === 'true';
  const withDatabase = (database: string, credentials?: string) => {
    const copy = parsed.clone();
    copy.pathname = `/${database}`;
    copy.searchParams.set('authSource', authSource);
    if (credentials !== undefined) copy.password = encodeURIComponent(credentials);
    return copy.toString();
  };
  // Every lookup joins the 1,000 users with themselves: a million rows per level.
  const join =
    '{"$lookup": {"from": "users", "pipeline": [{"$project": {"_id": 1}}], "as": "j"}}, {"$unwind": "$j"}';
  return {
    adminUrl: url,
    connectorUrl: (database, override) => withDatabase(database, override),
    loginUrl(database, username, password) {
      const copy = parsed.clone();
      copy.pathname = `/${database}`;
      copy.username = encodeURIComponent(username);
      copy.password = encodeURIComponent(password);
      copy.searchParams.set('authSource', database);
      return copy.toString();
    },
    unreachable: (database) => ({ url: `mongodb://127.0.0.1:1/${database}`, queryTimeoutSeconds: 5 }),
    tlsUnavailable: (database) =>
      usesTls
        ? { notSimulated: 'MONGODB_TEST_URL already uses TLS.' }
        : { url: `${withDatabase(database)}&tls=true` },
    credentials() {
      if (!user || !password)
        throw new Error(
          'MONGODB_TEST_URL needs a user name and password, so the wrong-password case can run.',
        );
      return { password };
    },
    // The user may create and drop databases: more than `read` allows.
    adminWarnings: ['roles_beyond_read'],
    // No JavaScript sleep (Connect refuses it): a billion joined rows, counted, take longer than any case waits.
    sleep: (seconds, marker) =>
      `[${markerMatch(marker)}, ${join}, ${join}, {"$group": {"_id": null, "n": {"$sum": 1}}}, {"$project": {"_id": 0, "n": 1, "slept": {"$literal": ${seconds}}}}]`,
    manyRows: (marker) => `[${markerMatch(marker)}, ${join}, {"$project": {"_id": 0, "n": "$j._id"}}]`,
    async isRunning(marker, client) {
      const operations = await client
        .db('admin')
        .aggregate([{ $currentOp: { allUsers: true, idleCursors: true } }])
        .toArray();
      return operations.some((operation) => mentions(operation, marker));
    },
    connectionDrop: {
      notSimulated: "A real server's client connections are not this test's to cut; the test server's are.",
    },
    notSimulatedCases: {},
    close: async () => {},
  };
}

async function tryUniqueIndexes(db: Db): Promise<string[]> {
  try {
    await db.collection('users').createIndexes([
      { key: { external_id: 1 }, unique: true },
      { key: { order: 1 }, unique: true },
    ]);
    return ['external_id', 'order'];
  } catch (error) {
    // The test server records indexes but refuses unique ones (238): the connector then finds none.
    if (error instanceof MongoServerError && error.code === 238) return [];
    throw error;
  }
}

/** Drops test databases of runs killed more than an hour ago (their names carry the creation time). */
async function dropStale(client: MongoClient): Promise<void> {
  const { databases } = await client.db('admin').command({ listDatabases: 1, nameOnly: true });
  const cutoff = Math.floor(Date.now() / 1000) - 3600;
  for (const { name } of databases as { name: string }[]) {
    const created = Number(/^connect_test_(\d+)_/.exec(name)?.[1]);
    if (created && created < cutoff) await client.db(name).dropDatabase();
  }
}

/**
 * A throwaway MongoDB database loaded with the contract fixture as documents (plus
 * nested documents and arrays), an `active_users` view and a validator declaring
 * the plan enum. Runs on a fresh test server, or on the real MongoDB at `url`.
 */
export async function createMongoCustomerDatabase(
  options: { anchor?: Date; url?: string } = {},
): Promise<CustomerDatabase> {
  const backend = options.url ? realBackend(options.url) : await testServerBackend();
  const name = `connect_test_${Math.floor(Date.now() / 1000)}_${randomBytes(4).toString('hex')}`;
  const users = generateUsers({ anchor: options.anchor ?? new Date() });
  const client = new MongoClient(backend.adminUrl, { serverSelectionTimeoutMS: 5_000 });
  let uniqueFields: string[];
  try {
    await client.connect();
    if (options.url) await dropStale(client);
    const db = client.db(name);
    await db.createCollection('users', { validator: usersValidator });
    await db.collection('users').insertMany(users.map(userDocument));
    uniqueFields = await tryUniqueIndexes(db);
    await db.createCollection('active_users', {
      viewOn: 'users',
      pipeline: [{ $match: { is_active: true } }],
    });
  } catch (error) {
    await client
      .db(name)
      .dropDatabase()
      .catch(() => {});
    await client.close();
    await backend.close();
    throw error;
  }
  const db = client.db(name);
  // Created on the test database, as an application's own user usually is.
  const readOnly = { username: `${name}_reader`, password: randomBytes(8).toString('hex') };
  let readOnlyCreated = false;

  return {
    config: { url: backend.connectorUrl(name) },
    usersSource: { name: 'users' },
    users,
    otherSources: [{ ref: { name: 'active_users' }, type: 'view' }],
    shape: mongoShape(uniqueFields),
    notSimulatedCases: backend.notSimulatedCases,
    queries: {
      adults: '[{"$match": {"age": {"$gte": 40}}}, {"$project": {"_id": 0, "id": 1, "name": 1, "age": 1}}]',
      sleep: (seconds, marker) => backend.sleep(seconds, marker),
      manyRows: (marker) => backend.manyRows(marker),
      writes: [
        { query: '[{"$out": "hacked"}]', reason: 'query_rejected' },
        {
          query: '[{"$match": {}}, {"$merge": {"into": "users", "whenMatched": "replace"}}]',
          reason: 'query_rejected',
        },
        {
          query: '[{"$facet": {"all": [{"$match": {}}], "copy": [{"$out": "hacked"}]}}]',
          reason: 'query_rejected',
        },
        {
          query: '[{"$lookup": {"from": "users", "pipeline": [{"$merge": {"into": "hacked"}}], "as": "x"}}]',
          reason: 'query_rejected',
        },
        {
          query: '[{"$unionWith": {"coll": "users", "pipeline": [{"$out": "hacked"}]}}]',
          reason: 'query_rejected',
        },
        {
          query: `[{"$match": {"_id": {"$oid": "${objectIdFor(1).toHexString()}"}}}, {"$out": {"db": "admin", "coll": "hacked"}}]`,
          reason: 'query_rejected',
        },
      ],
      twoStatements: '[{"$match": {}}] [{"$out": "hacked"}]',
      attacks: mongodbAttacks,
      sessionState: mongodbSessionState,
      syntaxError: '[{"$match": {"age": {"$gtx": 40}}}]',
    },
    failing: {
      unknownDatabase: { url: backend.connectorUrl(`${name}_missing`) },
      unreachable: backend.unreachable(name),
      async passwords() {
        const { password } = backend.credentials();
        const wrongPassword = 'not-the-password-3b7';
        return {
          wrong: { url: backend.connectorUrl(name, wrongPassword) },
          right: { url: backend.connectorUrl(name, password) },
          wrongPassword,
        };
      },
      tlsUnavailable: backend.tlsUnavailable(name),
    },
    async checksum() {
      const documents = await db
        .collection('users')
        .find({}, { sort: { _id: 1 } })
        .toArray();
      const digest = createHash('md5')
        .update(BSON.EJSON.stringify(documents, { relaxed: false }))
        .digest('hex');
      const names = async (database: Db) =>
        (await database.listCollections({}, { nameOnly: true }).toArray()).map((info) => info.name).sort();
      const hackedInAdmin = (await names(client.db('admin'))).filter((found) =>
        ['hacked', 'connect_attack'].includes(found),
      );
      return `${documents.length}:${digest}/${(await names(db)).join(',')}/${hackedInAdmin.join(',')}`;
    },
    // Pipelines and single statements keep nothing in a session: what they could change, the checksum sees.
    sideEffects() {
      return (this as CustomerDatabase).checksum();
    },
    connectionDrop: backend.connectionDrop,
    isRunning: (marker) => backend.isRunning(marker, client),
    logins: {
      admin: { config: { url: backend.connectorUrl(name) }, warnings: backend.adminWarnings },
      async readOnly() {
        try {
          await db.command({
            createUser: readOnly.username,
            pwd: readOnly.password,
            roles: [{ role: 'read', db: name }],
          });
        } catch (error) {
          if (error instanceof MongoServerError && error.code === 13)
            return {
              notSimulated: 'The MONGODB_TEST_URL user may not create users (createUser needs userAdmin).',
            };
          throw error;
        }
        readOnlyCreated = true;
        return { url: backend.loginUrl(name, readOnly.username, readOnly.password) };
      },
    },
    async drop() {
      // Users outlive their database: drop it first.
      if (readOnlyCreated) await db.command({ dropUser: readOnly.username }).catch(() => {});
      await db.dropDatabase().catch(() => {});
      await client.close();
      await backend.close();
    },
  };
}

/**
 * The MongoDB harnesses: always the test server, driven by the real driver; and a
 * real MongoDB as well when `MONGODB_TEST_URL` is set (a user with the rights to
 * create and drop a `connect_test_*` database).
 */
export const mongodbHarnesses: readonly ConnectorHarness[] = [
  {
    kind: 'mongodb',
    label: 'MongoDB (test server)',
    create: (options) => createMongoCustomerDatabase({ anchor: options?.anchor }),
  },
  ...(process.env.MONGODB_TEST_URL
    ? [
        {
          kind: 'mongodb',
          label: 'MongoDB (MONGODB_TEST_URL)',
          create: (options?: { anchor?: Date }) =>
            createMongoCustomerDatabase({ anchor: options?.anchor, url: process.env.MONGODB_TEST_URL }),
        },
      ]
    : []),
];
