import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSnowflakeTestDatabase, type SnowflakeTestDatabase } from './create-snowflake-database';
import { startSnowflakeTestServer, type SnowflakeTestServer } from './snowflake-test-server';
import { connect, destroy, query, queryError } from './test-support/sdk';

/** SHOW GRANTS TO ROLE through the real snowflake-sdk: Snowflake's columns, names and errors. */

let database: SnowflakeTestDatabase;
let server: SnowflakeTestServer;

beforeAll(async () => {
  database = await createSnowflakeTestDatabase({
    schemas: ['CRM'],
    tables: [
      { name: 'users', columns: [{ name: 'ID', type: 'NUMBER(38,0)' }], rows: [[1]] },
      { schema: 'CRM', name: 'ACCOUNTS', columns: [{ name: 'ID', type: 'NUMBER(38,0)' }] },
    ],
  });
  server = await startSnowflakeTestServer({
    postgresUrl: database.postgresUrl,
    database: 'TESTDB',
    account: 'TESTACCT',
    users: [
      { name: 'ADMIN', password: 'admin-pw', roles: ['ACCOUNTADMIN', 'SYSADMIN'] },
      { name: 'ANALYST', password: 'analyst-pw', roles: ['ANALYST'] },
    ],
    grants: [
      { privilege: 'USAGE', on: 'DATABASE', to: 'ANALYST' },
      { privilege: 'USAGE', on: 'SCHEMA', name: 'PUBLIC', to: 'ANALYST' },
      { privilege: 'SELECT', on: 'TABLE', name: 'PUBLIC.users', to: 'ANALYST' },
    ],
  });
});

afterAll(async () => {
  await server?.close();
  await database?.drop();
});

describe('SHOW GRANTS TO ROLE', () => {
  it("lists a role's own grants with Snowflake's columns, names quoted as SHOW prints them", async () => {
    const connection = await connect(server, { username: 'ANALYST', password: 'analyst-pw' });
    try {
      const { rows, statement } = await query(connection, 'SHOW GRANTS TO ROLE analyst');
      expect((statement.getColumns() ?? []).map((column) => column.getName())).toEqual([
        'created_on',
        'privilege',
        'granted_on',
        'name',
        'granted_to',
        'grantee_name',
        'grant_option',
        'granted_by',
      ]);
      expect(
        rows.map(({ created_on: created, ...rest }) => (expect(created).toBeInstanceOf(Date), rest)),
      ).toEqual([
        {
          privilege: 'USAGE',
          granted_on: 'DATABASE',
          name: 'TESTDB',
          granted_to: 'ROLE',
          grantee_name: 'ANALYST',
          grant_option: 'false',
          granted_by: 'SECURITYADMIN',
        },
        {
          privilege: 'USAGE',
          granted_on: 'SCHEMA',
          name: 'TESTDB.PUBLIC',
          granted_to: 'ROLE',
          grantee_name: 'ANALYST',
          grant_option: 'false',
          granted_by: 'SECURITYADMIN',
        },
        {
          privilege: 'SELECT',
          granted_on: 'TABLE',
          name: 'TESTDB.PUBLIC."users"',
          granted_to: 'ROLE',
          grantee_name: 'ANALYST',
          grant_option: 'false',
          granted_by: 'SECURITYADMIN',
        },
      ]);
      const refused = await queryError(connection, 'SHOW GRANTS TO ROLE SYSADMIN');
      expect(refused.code).toBe('002003');
      expect(refused.message).toBe(
        "SQL compilation error:\nRole 'SYSADMIN' does not exist or not authorized.",
      );
    } finally {
      await destroy(connection);
    }
  });

  it("shows the owner role's OWNERSHIP of everything, and ACCOUNTADMIN's system roles", async () => {
    const connection = await connect(server, {
      username: 'ADMIN',
      password: 'admin-pw',
      role: 'ACCOUNTADMIN',
    });
    try {
      const admin = await query<{ privilege: string; granted_on: string; name: string }>(
        connection,
        'SHOW GRANTS TO ROLE "ACCOUNTADMIN"',
      );
      expect(admin.rows.map((row) => `${row.privilege} ${row.granted_on} ${row.name}`)).toEqual([
        'USAGE ROLE SYSADMIN',
        'USAGE ROLE SECURITYADMIN',
      ]);
      // ACCOUNTADMIN inherits SYSADMIN, so it may look at SYSADMIN's grants.
      const owner = await query<{ privilege: string; granted_on: string; name: string }>(
        connection,
        'SHOW GRANTS TO ROLE SYSADMIN',
      );
      expect(owner.rows.map((row) => `${row.privilege} ${row.granted_on} ${row.name}`)).toEqual([
        'OWNERSHIP DATABASE TESTDB',
        'OWNERSHIP SCHEMA TESTDB.CRM',
        'OWNERSHIP SCHEMA TESTDB.PUBLIC',
        'OWNERSHIP TABLE TESTDB.CRM.ACCOUNTS',
        'OWNERSHIP TABLE TESTDB.PUBLIC."users"',
      ]);
      const { rows } = await query<{ S: string }>(connection, 'SELECT CURRENT_SECONDARY_ROLES() AS S');
      expect(JSON.parse(rows[0]!.S)).toEqual({ roles: '', value: '' });
    } finally {
      await destroy(connection);
    }
  });
});
