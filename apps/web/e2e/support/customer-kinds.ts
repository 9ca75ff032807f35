// The customer databases the databases-and-cohorts story runs against, one per kind
// available here: PostgreSQL and MariaDB (real servers), MongoDB (the test kit's
// wire-protocol server, driven by the real driver) and Snowflake (the test kit's
// protocol server, driven by the real snowflake-sdk). Each is created by the spec that
// uses it, loaded with the contract fixture, and dropped afterwards. Direct queries
// with each kind's own driver give the counts the UI must match.
import {
  connectorHarnesses,
  createMysqlCustomerDatabase,
  createPostgresCustomerDatabase,
  type CustomerDatabase,
} from '@connect/testkit';
import { MongoClient } from 'mongodb';
import mysql from 'mysql2/promise';
import pg from 'pg';
import snowflake from 'snowflake-sdk';

export interface E2eCustomer {
  kind: 'postgres' | 'mysql' | 'mongodb' | 'snowflake';
  /** The card's accessible name on the Databases page. */
  card: string;
  /** The connection's name in Connect. */
  name: string;
  /**
   * What is typed into the "Add database" form: each field (by its label) but the
   * password, in form order; then the password, a wrong one first.
   */
  form: { fields: [label: string, value: string][]; password: string; wrongPassword: string };
  /** A raw query selecting the users aged 60 or more, and one the database refuses. */
  queries: { adults: string; broken: string; brokenMessage: RegExp };
  /** age >= 30 AND (plan in (pro, enterprise) OR signed_up_at in the last 90 days OR is_active = true). */
  nestedFilterCount(): Promise<number>;
  adultsCount(): Promise<number>;
  /** The smallest and largest age (nulls aside). */
  ageRange(): Promise<{ min: number; max: number }>;
  /** Adds a table of a million rows (PostgreSQL only), for the first-page timing. */
  addMillionRows?(): Promise<void>;
  drop(): Promise<void>;
}

const ninetyDaysMs = 90 * 86_400_000;

async function postgresCustomer(): Promise<E2eCustomer> {
  const db = await createPostgresCustomerDatabase();
  const { right, wrongPassword } = await db.failing.passwords();
  const admin = async <T>(text: string): Promise<T[]> => {
    const client = new pg.Client({ connectionString: String(db.config.url) });
    await client.connect();
    try {
      return (await client.query(text)).rows as T[];
    } finally {
      await client.end();
    }
  };
  // The password role reads the fixture; the grant goes with the database when it is dropped.
  const role = new URL(String(right.url)).username;
  await admin(`GRANT SELECT ON ALL TABLES IN SCHEMA public TO ${role}`);
  const count = async (where: string) =>
    Number((await admin<{ n: string }>(`SELECT count(*) AS n FROM users WHERE ${where}`))[0]!.n);
  return {
    kind: 'postgres',
    card: 'Add PostgreSQL database',
    name: 'Customers (PostgreSQL)',
    form: {
      fields: [['Connection string', String(right.url)]],
      password: String(right.password),
      wrongPassword,
    },
    queries: {
      adults: 'SELECT id, email, age FROM users WHERE age >= 60',
      broken: 'SELECT nope FROM users',
      brokenMessage: /nope/,
    },
    nestedFilterCount: () =>
      count(
        `age >= 30 AND (plan IN ('pro', 'enterprise') OR (signed_up_at >= now() - interval '90 days' AND signed_up_at <= now()) OR is_active = true)`,
      ),
    adultsCount: () => count('age >= 60'),
    async ageRange() {
      const [row] = await admin<{ min: number; max: number }>(
        'SELECT min(age) AS min, max(age) AS max FROM users',
      );
      return row!;
    },
    async addMillionRows() {
      await admin(`CREATE TABLE big_users AS
        SELECT g AS id, 'user' || g || '@example.com' AS email, 'Name ' || g AS first_name,
               (g % 73) + 18 AS age, now() - (g % 1000) * interval '1 hour' AS signed_up_at
        FROM generate_series(1, 1000000) AS g`);
      await admin('ALTER TABLE big_users ADD PRIMARY KEY (id)');
      await admin('ANALYZE big_users');
      await admin(`GRANT SELECT ON big_users TO ${role}`);
    },
    drop: () => db.drop(),
  };
}

async function mysqlCustomer(): Promise<E2eCustomer> {
  const db = await createMysqlCustomerDatabase();
  const { right, wrongPassword } = await db.failing.passwords();
  const adminUrl = new URL(String(db.config.url));
  const database = adminUrl.pathname.slice(1);
  const connect = () =>
    mysql.createConnection({
      host: adminUrl.hostname,
      port: Number(adminUrl.port || 3306),
      user: decodeURIComponent(adminUrl.username),
      password: String(db.config.password ?? ''),
      database,
      timezone: 'Z',
    });
  const admin = async <T>(text: string, values: unknown[] = []): Promise<T[]> => {
    const connection = await connect();
    try {
      await connection.query("SET time_zone = '+00:00'");
      return (await connection.query(text, values))[0] as T[];
    } finally {
      await connection.end();
    }
  };
  // The password user may read this database (its own URL names information_schema).
  const user = new URL(String(right.url)).username;
  const hosts = ['%', 'localhost', '127.0.0.1'];
  for (const host of hosts) await admin(`GRANT SELECT ON \`${database}\`.* TO ?@?`, [user, host]);
  const url = new URL(String(right.url));
  url.pathname = `/${database}`;
  const count = async (where: string) =>
    Number((await admin<{ n: number }>(`SELECT COUNT(*) AS n FROM users WHERE ${where}`))[0]!.n);
  return {
    kind: 'mysql',
    card: 'Add MySQL / MariaDB database',
    name: 'Customers (MariaDB)',
    form: {
      fields: [['Connection string', url.toString()]],
      password: String(right.password),
      wrongPassword,
    },
    queries: {
      adults: 'SELECT id, email, age FROM users WHERE age >= 60',
      broken: 'SELECT nope FROM users',
      brokenMessage: /nope/,
    },
    nestedFilterCount: () =>
      count(
        `age >= 30 AND (plan IN ('pro', 'enterprise') OR (signed_up_at >= UTC_TIMESTAMP(3) - INTERVAL 90 DAY AND signed_up_at <= UTC_TIMESTAMP(3)) OR is_active = TRUE)`,
      ),
    adultsCount: () => count('age >= 60'),
    async ageRange() {
      const [row] = await admin<{ min: number; max: number }>(
        'SELECT MIN(age) AS min, MAX(age) AS max FROM users',
      );
      return row!;
    },
    async drop() {
      for (const host of hosts)
        await admin(`REVOKE SELECT ON \`${database}\`.* FROM ?@?`, [user, host]).catch(() => {});
      await db.drop();
    },
  };
}

async function mongodbCustomer(): Promise<E2eCustomer> {
  const harness = connectorHarnesses.find((candidate) => candidate.label === 'MongoDB (test server)');
  if (!harness) throw new Error('The test kit has no MongoDB test-server harness.');
  const db: CustomerDatabase = await harness.create();
  const { right, wrongPassword } = await db.failing.passwords();
  const url = new URL(String(right.url));
  const password = decodeURIComponent(url.password);
  url.password = '';
  const withClient = async <T>(work: (client: MongoClient) => Promise<T>): Promise<T> => {
    const client = new MongoClient(String(right.url), { serverSelectionTimeoutMS: 5_000 });
    try {
      await client.connect();
      return await work(client);
    } finally {
      await client.close();
    }
  };
  const users = (client: MongoClient) => client.db().collection('users');
  return {
    kind: 'mongodb',
    card: 'Add MongoDB database',
    name: 'Customers (MongoDB)',
    form: { fields: [['Connection string', url.toString()]], password, wrongPassword },
    queries: {
      adults: '[{"$match": {"age": {"$gte": 60}}}, {"$project": {"_id": 0, "id": 1, "email": 1, "age": 1}}]',
      broken: '[{"$match": {"age": {"$gtx": 60}}}]',
      brokenMessage: /\$gtx/,
    },
    nestedFilterCount: () =>
      withClient((client) => {
        const now = Date.now();
        return users(client).countDocuments({
          age: { $gte: 30 },
          $or: [
            { plan: { $in: ['pro', 'enterprise'] } },
            { signed_up_at: { $gte: new Date(now - ninetyDaysMs), $lte: new Date(now) } },
            { is_active: true },
          ],
        });
      }),
    adultsCount: () => withClient((client) => users(client).countDocuments({ age: { $gte: 60 } })),
    ageRange: () =>
      withClient(async (client) => {
        const [row] = await users(client)
          .aggregate<{ min: number; max: number }>([
            { $match: { age: { $ne: null } } },
            { $group: { _id: null, min: { $min: '$age' }, max: { $max: '$age' } } },
          ])
          .toArray();
        return { min: Number(row!.min), max: Number(row!.max) };
      }),
    drop: () => db.drop(),
  };
}

// The test server speaks plain HTTP on 127.0.0.1: no certificate to check.
snowflake.configure({ disableOCSPChecks: true, logLevel: 'OFF' });

async function snowflakeCustomer(): Promise<E2eCustomer> {
  const harness = connectorHarnesses.find((candidate) => candidate.label === 'Snowflake (test server)');
  if (!harness) throw new Error('The test kit has no Snowflake test-server harness.');
  // The test server runs in this process until drop(), which closes it.
  const db: CustomerDatabase = await harness.create();
  const { right, wrongPassword } = await db.failing.passwords();
  const config = right as Record<'account' | 'username' | 'password' | 'warehouse' | 'database', string> & {
    accessUrl: string;
  };
  const run = async <T>(sqlText: string): Promise<T[]> => {
    const connection = snowflake.createConnection({ ...config, schema: 'PUBLIC' });
    await new Promise((resolve, reject) =>
      connection.connect((error, conn) => (error ? reject(error) : resolve(conn))),
    );
    try {
      return await new Promise<T[]>((resolve, reject) =>
        connection.execute({
          sqlText,
          complete: (error, _statement, rows) => (error ? reject(error) : resolve((rows ?? []) as T[])),
        }),
      );
    } finally {
      await new Promise((resolve) => connection.destroy(resolve));
    }
  };
  // The fixture's column names are lower case: Snowflake SQL quotes them.
  const count = async (where: string) =>
    Number((await run<{ n: number }>(`SELECT COUNT(*) AS "n" FROM "users" WHERE ${where}`))[0]!.n);
  return {
    kind: 'snowflake',
    card: 'Add Snowflake database',
    name: 'Customers (Snowflake)',
    form: {
      fields: [
        ['Account identifier', config.account],
        ['User name', config.username],
        ['Warehouse', config.warehouse],
        ['Database', config.database],
        ['Schema', 'PUBLIC'],
        ['Access URL', config.accessUrl],
      ],
      password: config.password,
      wrongPassword,
    },
    queries: {
      adults: 'SELECT "id", "email", "age" FROM "users" WHERE "age" >= 60',
      broken: 'SELECT "nope" FROM "users"',
      brokenMessage: /invalid identifier '"nope"'/,
    },
    // signed_up_at is a TIMESTAMP_NTZ holding UTC readings; SYSDATE() is now in UTC, NTZ.
    nestedFilterCount: () =>
      count(
        `"age" >= 30 AND ("plan" IN ('pro', 'enterprise') OR ("signed_up_at" >= DATEADD(day, -90, SYSDATE()) AND "signed_up_at" <= SYSDATE()) OR "is_active" = TRUE)`,
      ),
    adultsCount: () => count('"age" >= 60'),
    async ageRange() {
      const [row] = await run<{ min: number; max: number }>(
        'SELECT MIN("age") AS "min", MAX("age") AS "max" FROM "users"',
      );
      return { min: Number(row!.min), max: Number(row!.max) };
    },
    drop: () => db.drop(),
  };
}

export const customerKinds = {
  postgres: postgresCustomer,
  mysql: mysqlCustomer,
  mongodb: mongodbCustomer,
  snowflake: snowflakeCustomer,
} as const;
