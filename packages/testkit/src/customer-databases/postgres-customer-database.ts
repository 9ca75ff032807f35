import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { testServiceUrls } from '../services/service-urls';
import { dropDatabase, withAdmin } from '../services/test-database';
import type { ConnectorHarness, CustomerDatabase } from './connector-harness';
import { postgresAttacks, postgresSessionState } from './attacks/postgres-attacks';
import { ensurePostgresTestRoles, passwordRole } from './postgres-password-role';
import { generateUsers, type FixtureUser } from './users-fixture';

const schema = `
  CREATE TYPE plan_kind AS ENUM ('free', 'pro', 'enterprise');
  CREATE TABLE users (
    id integer PRIMARY KEY,
    external_id uuid NOT NULL UNIQUE,
    name text,
    email text,
    phone text,
    age integer,
    score double precision NOT NULL,
    balance numeric(12, 2),
    visits bigint NOT NULL,
    is_active boolean,
    plan plan_kind,
    signed_up_at timestamptz NOT NULL,
    trial_ends_at timestamptz,
    birthday date,
    renewal_on date,
    profile jsonb,
    tags text[],
    "order" integer NOT NULL UNIQUE,
    "Signup Source" text,
    "quote""d" text,
    "back\`tick" text
  );
  CREATE VIEW active_users AS SELECT * FROM users WHERE is_active;
  CREATE MATERIALIZED VIEW plan_counts AS SELECT plan, count(*) AS users FROM users GROUP BY plan;
  CREATE SCHEMA crm;
  CREATE TABLE crm.accounts (id integer PRIMARY KEY, name text NOT NULL);
  CREATE SEQUENCE crm.account_ids;
  -- A function that writes: a SELECT calling it must still be refused.
  CREATE FUNCTION bump_visits() RETURNS integer LANGUAGE sql AS $$ UPDATE users SET visits = visits + 1; SELECT 1 $$;
`;

/** The admin URL pointed at another database, user and password. */
function urlFor(database: string, user?: string, password?: string): string {
  const url = new URL(testServiceUrls.postgresAdmin);
  url.pathname = `/${database}`;
  if (user !== undefined) url.username = user;
  url.password = password ?? '';
  return url.toString().replace(/^postgres:/, 'postgresql:');
}

async function load(url: string, users: FixtureUser[]): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(schema);
    // One statement for all rows: jsonb_populate_recordset maps JSON keys to columns and types.
    await client.query('INSERT INTO users SELECT * FROM jsonb_populate_recordset(NULL::users, $1::jsonb)', [
      JSON.stringify(users),
    ]);
    await client.query('REFRESH MATERIALIZED VIEW plan_counts');
    await client.query('ANALYZE');
  } finally {
    await client.end();
  }
}

async function queryOne<T>(url: string, text: string, values: unknown[] = []): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(text, values)).rows[0] as T;
  } finally {
    await client.end();
  }
}

/** Runs statements (several, separated by `;`) and ignores what they return. */
async function execute(url: string, text: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

/**
 * Everything in the database a statement could have changed or still hold: every
 * table's rows, the relations of every schema (temporary ones included), sequence
 * positions, large objects, prepared transactions, roles named by the attacks, and
 * locks any other session holds on this database.
 */
export async function postgresSideEffects(url: string): Promise<string> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const tables = await client.query<{ name: string }>(
      `SELECT quote_ident(schemaname) || '.' || quote_ident(tablename) AS name FROM pg_tables
        WHERE schemaname NOT IN ('pg_catalog', 'information_schema') ORDER BY 1`,
    );
    const parts: string[] = [];
    for (const { name } of tables.rows) {
      const sum = await client.query<{ sum: string }>(
        `SELECT count(*) || ':' || md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) AS sum FROM ${name} t`,
      );
      parts.push(`${name}=${sum.rows[0]!.sum}`);
    }
    const state = await client.query<Record<string, string | null>>(
      `SELECT
        (SELECT string_agg(n.nspname || '.' || c.relname || ':' || c.relkind::text, ',' ORDER BY 1)
           FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
          WHERE n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg_toast%') AS relations,
        (SELECT string_agg(schemaname || '.' || sequencename || '=' || coalesce(last_value::text, '-'), ',' ORDER BY 1)
           FROM pg_sequences) AS sequences,
        (SELECT count(*)::text FROM pg_largeobject_metadata) AS large_objects,
        (SELECT count(*)::text FROM pg_prepared_xacts WHERE database = current_database()) AS prepared_xacts,
        (SELECT string_agg(rolname, ',' ORDER BY 1) FROM pg_roles WHERE rolname LIKE 'connect_attack%') AS roles,
        (SELECT string_agg(locktype || ':' || mode, ',' ORDER BY 1) FROM pg_locks
          WHERE pid <> pg_backend_pid()
            AND database = (SELECT oid FROM pg_database WHERE datname = current_database())) AS locks`,
    );
    parts.push(JSON.stringify(state.rows[0]));
    return parts.join('\n');
  } finally {
    await client.end();
  }
}

/**
 * A throwaway PostgreSQL database on the local test server, loaded with the
 * contract fixture. Its name starts with `connect_test_`, so a run that is killed
 * leaves nothing the next run's global setup does not clean up.
 */
export async function createPostgresCustomerDatabase(anchor = new Date()): Promise<CustomerDatabase> {
  const name = `connect_test_cust_${randomBytes(5).toString('hex')}`;
  await withAdmin((admin) => admin.query(`CREATE DATABASE "${name}"`));
  const users = generateUsers({ anchor });
  const adminUrl = urlFor(name);
  // A role of the whole server, named after the database so a leftover is recognisable.
  const reader = `${name}_reader`;
  try {
    await load(adminUrl, users);
  } catch (error) {
    await dropDatabase(name);
    throw error;
  }
  return {
    config: { url: adminUrl },
    usersSource: { schema: 'public', name: 'users' },
    users,
    otherSources: [
      { ref: { schema: 'public', name: 'active_users' }, type: 'view' },
      { ref: { schema: 'public', name: 'plan_counts' }, type: 'materialized_view' },
      { ref: { schema: 'crm', name: 'accounts' }, type: 'table' },
    ],
    queries: {
      adults: 'SELECT id, name, age FROM public.users WHERE age >= 40',
      sleep: (seconds, marker) => `SELECT pg_sleep(${seconds}) AS slept, '${marker}' AS marker`,
      manyRows: (marker) => `SELECT g AS n, '${marker}' AS marker FROM generate_series(1, 5000000) AS g`,
      writes: [
        { query: 'DELETE FROM users', reason: 'query_rejected' },
        { query: "UPDATE users SET name = 'hacked'", reason: 'query_rejected' },
        {
          query: '/* looks harmless */ INSERT INTO crm.accounts VALUES (1, $$x$$)',
          reason: 'query_rejected',
        },
        { query: 'DROP TABLE users', reason: 'query_rejected' },
        { query: 'TRUNCATE users', reason: 'query_rejected' },
        { query: 'CREATE TABLE hacked (id int)', reason: 'query_rejected' },
        {
          query: 'WITH gone AS (DELETE FROM users RETURNING *) SELECT * FROM gone',
          reason: 'query_rejected',
        },
        { query: 'SELECT bump_visits()', reason: 'query_rejected' },
        { query: 'SELECT * INTO hacked FROM users', reason: 'query_failed' },
      ],
      twoStatements: 'SELECT 1; DELETE FROM users',
      attacks: postgresAttacks,
      sessionState: postgresSessionState,
      syntaxError: 'SELECT id FROM users WHERE (',
    },
    failing: {
      unknownDatabase: { url: urlFor(`${name}_missing`) },
      unreachable: { url: `postgresql://postgres@127.0.0.1:1/${name}`, queryTimeoutSeconds: 5 },
      async passwords() {
        await ensurePostgresTestRoles();
        const wrongPassword = 'not-the-password-3b7';
        return {
          wrong: { url: urlFor(name, passwordRole.name), password: wrongPassword },
          right: { url: urlFor(name, passwordRole.name), password: passwordRole.password },
          wrongPassword,
        };
      },
      tlsUnavailable: { url: `${adminUrl}?sslmode=require` },
    },
    logins: {
      admin: { config: { url: adminUrl }, warnings: ['superuser'] },
      async readOnly() {
        await withAdmin((admin) => admin.query(`CREATE ROLE "${reader}" LOGIN`));
        await execute(
          adminUrl,
          `GRANT CONNECT ON DATABASE "${name}" TO "${reader}";
           GRANT USAGE ON SCHEMA public, crm TO "${reader}";
           GRANT SELECT ON ALL TABLES IN SCHEMA public, crm TO "${reader}"`,
        );
        return { url: urlFor(name, reader) };
      },
    },
    async checksum() {
      const row = await queryOne<{ sum: string }>(
        adminUrl,
        `SELECT (SELECT count(*) || ':' || md5(string_agg(u::text, '|' ORDER BY id)) FROM users u)
                || '/' || (SELECT count(*) || ':' || md5(coalesce(string_agg(a::text, '|' ORDER BY id), '')) FROM crm.accounts a)
                || '/' || (SELECT string_agg(schemaname || '.' || tablename, ',' ORDER BY schemaname, tablename)
                             FROM pg_tables WHERE schemaname IN ('public', 'crm')) AS sum`,
      );
      return row.sum;
    },
    sideEffects: () => postgresSideEffects(adminUrl),
    connectionDrop: {
      interrupted: 'fails',
      async dropAll() {
        await queryOne(
          adminUrl,
          'SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()',
        );
      },
    },
    async isRunning(marker) {
      const row = await queryOne<{ running: boolean }>(
        adminUrl,
        `SELECT EXISTS (SELECT 1 FROM pg_stat_activity
                         WHERE state = 'active' AND pid <> pg_backend_pid() AND query LIKE '%' || $1 || '%') AS running`,
        [marker],
      );
      return row.running;
    },
    async drop() {
      await dropDatabase(name);
      // Its grants went with the database; the role is the server's and must go too.
      await withAdmin((admin) => admin.query(`DROP ROLE IF EXISTS "${reader}"`));
    },
  };
}

export const postgresHarness: ConnectorHarness = {
  kind: 'postgres',
  label: 'PostgreSQL',
  create: (options) => createPostgresCustomerDatabase(options?.anchor),
};
