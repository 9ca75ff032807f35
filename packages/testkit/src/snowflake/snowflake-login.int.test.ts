import { generateKeyPairSync } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSnowflakeTestDatabase, type SnowflakeTestDatabase } from './create-snowflake-database';
import { startSnowflakeTestServer, type SnowflakeTestServer } from './snowflake-test-server';
import { connect, destroy, loginError, query, queryError } from './test-support/sdk';

function rsaKeyPair(passphrase?: string) {
  return generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: passphrase
      ? { type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase }
      : { type: 'pkcs8', format: 'pem' },
  });
}

const plainKey = rsaKeyPair();
const protectedKey = rsaKeyPair('open sesame');
const strangerKey = rsaKeyPair();

let database: SnowflakeTestDatabase;
let server: SnowflakeTestServer;

beforeAll(async () => {
  database = await createSnowflakeTestDatabase({
    tables: [{ name: 'ACCOUNTS', columns: [{ name: 'ID', type: 'NUMBER(38,0)' }], rows: [[1], [2]] }],
  });
  server = await startSnowflakeTestServer({
    postgresUrl: database.postgresUrl,
    database: 'TESTDB',
    account: 'TESTACCT',
    warehouses: ['COMPUTE_WH'],
    users: [
      { name: 'analyst', password: 'correct horse', roles: ['ANALYST'] },
      { name: 'KEY_USER', publicKeyPem: plainKey.publicKey },
      { name: 'VAULT_USER', publicKeyPem: protectedKey.publicKey },
    ],
  });
});

afterAll(async () => {
  await server?.close();
  await database?.drop();
});

const analyst = {
  username: 'ANALYST',
  password: 'correct horse',
  warehouse: 'COMPUTE_WH',
  database: 'TESTDB',
};

describe('password login', () => {
  it('opens a session with the requested context', async () => {
    const connection = await connect(server, analyst);
    const { rows } = await query(
      connection,
      'SELECT CURRENT_VERSION(), CURRENT_USER(), CURRENT_ROLE(), CURRENT_DATABASE(), CURRENT_SCHEMA(), CURRENT_WAREHOUSE()',
    );
    expect(rows).toEqual([
      {
        'CURRENT_VERSION()': '9.21.1',
        'CURRENT_USER()': 'ANALYST',
        'CURRENT_ROLE()': 'ANALYST',
        'CURRENT_DATABASE()': 'TESTDB',
        'CURRENT_SCHEMA()': 'PUBLIC',
        'CURRENT_WAREHOUSE()': 'COMPUTE_WH',
      },
    ]);
    await destroy(connection);
  });

  it('rejects a wrong password with 390100', async () => {
    const error = await loginError(server, { ...analyst, password: 'wrong' });
    expect(error.message).toBe('Incorrect username or password was specified.');
    expect(error.code).toBe('390100');
  });

  it('says the same for a user that does not exist', async () => {
    const error = await loginError(server, { ...analyst, username: 'NOBODY' });
    expect(error.message).toBe('Incorrect username or password was specified.');
    expect(error.code).toBe('390100');
  });

  it('rejects an account this host does not serve with HTTP 403', async () => {
    const error = await loginError(server, { ...analyst, account: 'OTHERACCT' });
    expect(error.message).toBe('Request to Snowflake failed.');
    expect((error as { response?: { statusCode?: number } }).response?.statusCode).toBe(403);
  });

  it('rejects a role the user was not granted with 390189', async () => {
    const error = await loginError(server, { ...analyst, role: 'ACCOUNTADMIN' });
    expect(error.code).toBe('390189');
    expect(error.message).toContain(
      "Role 'ACCOUNTADMIN' specified in the connect string does not exist or not authorized.",
    );
  });

  it('logs in without an unknown warehouse, and statements that need one fail with 000606', async () => {
    const connection = await connect(server, { ...analyst, warehouse: 'NO_SUCH_WH' });
    const { rows } = await query(connection, 'SELECT CURRENT_WAREHOUSE() AS WH');
    expect(rows).toEqual([{ WH: null }]);
    const error = await queryError(connection, 'SELECT COUNT(*) FROM ACCOUNTS');
    expect(error.code).toBe('000606');
    expect(error.sqlState).toBe('57P03');
    expect(error.message).toContain('No active warehouse selected in the current session.');
    await destroy(connection);
  });

  it('logs in without an unknown database, and unqualified names fail with 090105', async () => {
    const connection = await connect(server, { ...analyst, database: 'NO_SUCH_DB' });
    const { rows } = await query(connection, 'SELECT CURRENT_DATABASE() AS DB');
    expect(rows).toEqual([{ DB: null }]);
    const error = await queryError(connection, 'SELECT * FROM ACCOUNTS');
    expect(error.code).toBe('090105');
    expect(error.message).toBe(
      "Cannot perform SELECT. This session does not have a current database. Call 'USE DATABASE', or use a qualified name.",
    );
    // A fully qualified name still works.
    const qualified = await query(connection, 'SELECT COUNT(*) AS N FROM TESTDB.PUBLIC.ACCOUNTS');
    expect(qualified.rows).toEqual([{ N: 2 }]);
    await destroy(connection);
  });
});

describe('key-pair login', () => {
  it('accepts a JWT signed with the registered key', async () => {
    const connection = await connect(server, {
      username: 'key_user',
      authenticator: 'SNOWFLAKE_JWT',
      privateKey: plainKey.privateKey,
      warehouse: 'COMPUTE_WH',
      database: 'TESTDB',
    });
    const { rows } = await query(connection, 'SELECT CURRENT_USER() AS U');
    expect(rows).toEqual([{ U: 'KEY_USER' }]);
    await destroy(connection);
  });

  it('accepts a passphrase-protected private key', async () => {
    const connection = await connect(server, {
      username: 'VAULT_USER',
      authenticator: 'SNOWFLAKE_JWT',
      privateKey: protectedKey.privateKey,
      privateKeyPass: 'open sesame',
    });
    const { rows } = await query(connection, 'SELECT CURRENT_USER() AS U');
    expect(rows).toEqual([{ U: 'VAULT_USER' }]);
    await destroy(connection);
  });

  it('rejects a JWT signed with another key with 390144', async () => {
    const error = await loginError(server, {
      username: 'KEY_USER',
      authenticator: 'SNOWFLAKE_JWT',
      privateKey: strangerKey.privateKey,
    });
    expect(error.code).toBe('390144');
    expect(error.message).toMatch(/^JWT token is invalid\./);
  });

  it('rejects a key-pair login for a user with only a password', async () => {
    const error = await loginError(server, {
      username: 'ANALYST',
      authenticator: 'SNOWFLAKE_JWT',
      privateKey: plainKey.privateKey,
    });
    expect(error.code).toBe('390144');
  });
});

describe('session lifecycle', () => {
  it('counts logins, telemetry and logouts', async () => {
    const before = server.stats();
    const connection = await connect(server, analyst);
    await query(connection, 'SELECT 1');
    await destroy(connection);
    await expect.poll(() => server.stats().telemetryRequests).toBeGreaterThan(before.telemetryRequests);
    const after = server.stats();
    expect(after.logins).toBe(before.logins + 1);
    expect(after.sessionsClosed).toBe(before.sessionsClosed + 1);
  });

  it('renews an expired session token with the master token', async () => {
    const shortLived = await startSnowflakeTestServer({
      postgresUrl: database.postgresUrl,
      database: 'TESTDB',
      account: 'TESTACCT',
      users: [{ name: 'ANALYST', password: 'correct horse' }],
      sessionTokenValiditySeconds: 1,
    });
    try {
      const connection = await connect(shortLived, analyst);
      await new Promise((resolve) => setTimeout(resolve, 1500));
      const { rows } = await query(connection, 'SELECT COUNT(*) AS N FROM ACCOUNTS');
      expect(rows).toEqual([{ N: 2 }]);
      expect(shortLived.stats().tokenRenewals).toBe(1);
      await destroy(connection);
    } finally {
      await shortLived.close();
    }
  });

  it('answers heartbeats for a live session', async () => {
    const connection = await connect(server, analyst);
    expect(await connection.isValidAsync()).toBe(true);
    expect(server.stats().heartbeats).toBeGreaterThan(0);
    await destroy(connection);
  });
});
