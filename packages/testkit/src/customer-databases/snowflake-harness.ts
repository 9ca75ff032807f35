import { randomBytes } from 'node:crypto';
import { createSnowflakeTestDatabase } from '../snowflake/create-snowflake-database';
import { postgresSideEffects } from './postgres-customer-database';
import { startSnowflakeTestServer } from '../snowflake/snowflake-test-server';
import type { ConnectorHarness, CustomerDatabase } from './connector-harness';
import { snowflakeQueries, snowflakeShape, snowflakeUserColumns, userRow } from './snowflake-fixture';
import { createRealSnowflakeDatabase, realSnowflakeAccount } from './snowflake-real-account';
import { generateUsers } from './users-fixture';

const reader = { name: 'CONNECT_READER', password: 'connect-snowflake-reader-pw-5c1e' } as const;
/** SYSADMIN, which owns everything on the test server (its `ownerRole`). */
const sysadmin = { name: 'CONNECT_ADMIN', password: 'connect-snowflake-admin-pw-8e0a' } as const;
/** A role with USAGE and SELECT only, as the read-only advice creates one. */
const analyst = { name: 'CONNECT_ANALYST', password: 'connect-snowflake-analyst-pw-2b6d' } as const;
const readRole = 'CONNECT_READ';
const readGrants = [
  { privilege: 'USAGE', on: 'WAREHOUSE', name: 'CONNECT_WH', to: readRole },
  { privilege: 'USAGE', on: 'DATABASE', to: readRole },
  { privilege: 'USAGE', on: 'SCHEMA', name: 'PUBLIC', to: readRole },
  { privilege: 'USAGE', on: 'SCHEMA', name: 'CRM', to: readRole },
  { privilege: 'SELECT', on: 'TABLE', name: 'PUBLIC.users', to: readRole },
  { privilege: 'SELECT', on: 'VIEW', name: 'PUBLIC.active_users', to: readRole },
  { privilege: 'SELECT', on: 'TABLE', name: 'CRM.ACCOUNTS', to: readRole },
] as const;

/**
 * A throwaway Snowflake test server (the real snowflake-sdk talks to it) backed by
 * its own PostgreSQL database, loaded with the contract fixture: `PUBLIC.users`, an
 * `active_users` view and `CRM.ACCOUNTS`.
 */
export async function createSnowflakeCustomerDatabase(anchor = new Date()): Promise<CustomerDatabase> {
  const users = generateUsers({ anchor });
  const databaseName = `CONNECT_${randomBytes(3).toString('hex').toUpperCase()}`;
  const database = await createSnowflakeTestDatabase({
    database: databaseName,
    schemas: ['CRM'],
    tables: [
      { name: 'users', columns: snowflakeUserColumns, rows: users.map(userRow) },
      {
        schema: 'CRM',
        name: 'ACCOUNTS',
        columns: [
          { name: 'ID', type: 'NUMBER(10,0)', nullable: false },
          { name: 'NAME', type: 'VARCHAR', nullable: false },
        ],
      },
    ],
  });
  let server;
  try {
    await database.query(
      'CREATE VIEW "PUBLIC"."active_users" AS SELECT * FROM "PUBLIC"."users" WHERE "is_active"',
    );
    server = await startSnowflakeTestServer({
      postgresUrl: database.postgresUrl,
      database: databaseName,
      account: 'CONNECTTEST',
      users: [
        { name: reader.name, password: reader.password },
        { name: sysadmin.name, password: sysadmin.password, roles: ['SYSADMIN'] },
        { name: analyst.name, password: analyst.password, roles: [readRole] },
      ],
      warehouses: ['CONNECT_WH'],
      grants: [...readGrants],
    });
  } catch (error) {
    await database.drop();
    throw error;
  }
  const config = {
    account: server.account,
    username: reader.name,
    password: reader.password,
    warehouse: 'CONNECT_WH',
    database: databaseName,
    accessUrl: server.accessUrl,
  };
  const backing = (text: string, values: unknown[] = []) => database.query(text, values);
  const running = server;

  return {
    config,
    usersSource: { schema: 'PUBLIC', name: 'users' },
    users,
    shape: snowflakeShape,
    otherSources: [
      { ref: { schema: 'PUBLIC', name: 'active_users' }, type: 'view' },
      { ref: { schema: 'CRM', name: 'ACCOUNTS' }, type: 'table' },
    ],
    queries: {
      ...snowflakeQueries('PUBLIC', 'CRM'),
      // A million rows computed by a join (the test server has no GENERATOR).
      manyRows: (marker) =>
        `SELECT a."id" * 1000 + b."id" AS "n", '${marker}' AS "marker" FROM "PUBLIC"."users" a CROSS JOIN "PUBLIC"."users" b`,
    },
    failing: {
      unknownDatabase: { ...config, database: `${databaseName}_missing` },
      unreachable: { ...config, accessUrl: 'http://127.0.0.1:1', queryTimeoutSeconds: 5 },
      async passwords() {
        const wrongPassword = 'not-the-password-3b7';
        return { wrong: { ...config, password: wrongPassword }, right: config, wrongPassword };
      },
      tlsUnavailable: {
        notSimulated:
          'Does not apply to Snowflake: it is reached over HTTPS only and the connector has no TLS setting to get wrong (the test server speaks plain HTTP).',
      },
    },
    logins: {
      admin: {
        config: { ...config, username: sysadmin.name, password: sysadmin.password },
        warnings: ['server_admin', 'ownership'],
      },
      readOnly: async () => ({ ...config, username: analyst.name, password: analyst.password }),
    },
    async checksum() {
      const [row] = await backing(
        `SELECT (SELECT count(*) || ':' || md5(string_agg(u::text, '|' ORDER BY "id")) FROM "PUBLIC"."users" u)
                || '/' || (SELECT count(*) || ':' || md5(coalesce(string_agg(a::text, '|' ORDER BY "ID"), '')) FROM "CRM"."ACCOUNTS" a)
                || '/' || (SELECT string_agg(schemaname || '.' || tablename, ',' ORDER BY schemaname, tablename)
                             FROM pg_tables WHERE schemaname IN ('PUBLIC', 'CRM')) AS sum`,
      );
      return String(row?.sum);
    },
    // The test server runs every statement on its backing PostgreSQL database: what it could change is there.
    sideEffects: () => postgresSideEffects(database.postgresUrl),
    connectionDrop: {
      interrupted: 'may-retry',
      dropAll: async () => void running.dropConnections(),
    },
    async isRunning(marker) {
      // The server runs statements on the backing database, with the marker still in their text.
      const [row] = await backing(
        `SELECT EXISTS (SELECT 1 FROM pg_stat_activity
                         WHERE state = 'active' AND pid <> pg_backend_pid() AND query LIKE '%' || $1 || '%') AS running`,
        [marker],
      );
      return row?.running === true;
    },
    async drop() {
      await running.close();
      await database.drop();
    },
  };
}

/**
 * The Snowflake harnesses: always the test server, driven by the real snowflake-sdk;
 * and a real account as well when the SNOWFLAKE_TEST_* variables are set (see
 * CONTRIBUTING.md).
 */
export const snowflakeHarnesses: readonly ConnectorHarness[] = [
  {
    kind: 'snowflake',
    label: 'Snowflake (test server)',
    create: (options) => createSnowflakeCustomerDatabase(options?.anchor),
  },
  ...(realSnowflakeAccount()
    ? [
        {
          kind: 'snowflake',
          label: 'Snowflake (SNOWFLAKE_TEST_ACCOUNT)',
          create: (options?: { anchor?: Date }) =>
            createRealSnowflakeDatabase(realSnowflakeAccount()!, options?.anchor),
        },
      ]
    : []),
];
