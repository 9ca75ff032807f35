import { randomBytes } from 'node:crypto';
import mysql from 'mysql2/promise';
import { testServiceUrls } from '../services/service-urls';
import { mysqlAttacks, mysqlSessionState } from './attacks/mysql-attacks';
import type { ConnectorHarness, CustomerDatabase } from './connector-harness';
import { fixtureColumns, generateUsers, type FixtureUser } from './users-fixture';

/** A login that must use its password, for the wrong-password tests (MariaDB checks passwords). */
export const mysqlPasswordUser = {
  name: 'connect_test_auth',
  password: 'connect-test-auth-pw-5f1c',
} as const;

const quote = (name: string) => `\`${name.replaceAll('`', '``')}\``;

const schema = [
  `CREATE TABLE users (
    id INT PRIMARY KEY,
    external_id UUID NOT NULL UNIQUE,
    name VARCHAR(200),
    email VARCHAR(320),
    phone VARCHAR(40),
    age INT,
    score DOUBLE NOT NULL,
    balance DECIMAL(12, 2),
    visits BIGINT NOT NULL,
    is_active BOOLEAN,
    plan ENUM('free', 'pro', 'enterprise'),
    signed_up_at DATETIME(3) NOT NULL,
    trial_ends_at DATETIME(3),
    birthday DATE,
    renewal_on DATE,
    profile JSON,
    tags JSON,
    ${quote('order')} INT NOT NULL UNIQUE,
    ${quote('Signup Source')} VARCHAR(100),
    ${quote('quote"d')} VARCHAR(100),
    ${quote('back`tick')} VARCHAR(100)
  ) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`,
  'CREATE VIEW active_users AS SELECT * FROM users WHERE is_active',
  // A function that writes: a SELECT calling it must still be refused.
  'CREATE FUNCTION bump_visits() RETURNS INT MODIFIES SQL DATA BEGIN UPDATE users SET visits = visits + 1; RETURN 1; END',
];

function adminOptions(database?: string): mysql.ConnectionOptions {
  const url = new URL(testServiceUrls.mysqlAdmin);
  return {
    host: url.hostname,
    port: Number(url.port || 3306),
    user: decodeURIComponent(url.username || 'root'),
    password: decodeURIComponent(url.password),
    database,
    charset: 'utf8mb4',
    timezone: 'Z',
  };
}

async function withMysqlAdmin<T>(
  work: (connection: mysql.Connection) => Promise<T>,
  database?: string,
): Promise<T> {
  let connection: mysql.Connection;
  try {
    connection = await mysql.createConnection(adminOptions(database));
  } catch (error) {
    throw new Error(
      `MariaDB is not reachable at ${new URL(testServiceUrls.mysqlAdmin).host} (${String(error)}). Run \`pnpm services\` to start it, or set TEST_MYSQL_URL.`,
    );
  }
  try {
    return await work(connection);
  } finally {
    await connection.end();
  }
}

/** DATETIME literal (UTC) for an ISO instant. */
const datetime = (iso: string | null) => (iso === null ? null : iso.replace('T', ' ').replace('Z', ''));

function rowValues(user: FixtureUser): unknown[] {
  return fixtureColumns.map(({ name }) => {
    const value = user[name];
    if (name === 'signed_up_at' || name === 'trial_ends_at') return datetime(value as string | null);
    if (name === 'profile' || name === 'tags') return value === null ? null : JSON.stringify(value);
    return value;
  });
}

/** Drops test databases of runs killed more than an hour ago (their names carry the creation time). */
async function dropStale(connection: mysql.Connection) {
  const [rows] = await connection.query<mysql.RowDataPacket[]>("SHOW DATABASES LIKE 'connect\\_test\\_%'");
  const cutoff = Math.floor(Date.now() / 1000) - 3600;
  for (const row of rows) {
    const name = String(Object.values(row)[0]);
    const created = Number(/^connect_test_(\d+)_/.exec(name)?.[1]);
    if (created && created < cutoff) await connection.query(`DROP DATABASE IF EXISTS ${quote(name)}`);
  }
}

/** Where a test login may connect from: the local server matches TCP clients as localhost or 127.0.0.1. */
const readerHosts = ['%', 'localhost', '127.0.0.1'];

async function ensurePasswordUser(): Promise<void> {
  await withMysqlAdmin(async (connection) => {
    await connection.query("SELECT GET_LOCK('connect_test_users', 10)");
    try {
      for (const host of ['%', 'localhost', '127.0.0.1']) {
        await connection.query('CREATE USER IF NOT EXISTS ?@? IDENTIFIED BY ?', [
          mysqlPasswordUser.name,
          host,
          mysqlPasswordUser.password,
        ]);
        await connection.query('ALTER USER ?@? IDENTIFIED BY ?', [
          mysqlPasswordUser.name,
          host,
          mysqlPasswordUser.password,
        ]);
      }
    } finally {
      await connection.query("SELECT RELEASE_LOCK('connect_test_users')");
    }
  });
}

/**
 * A throwaway MariaDB (or MySQL) database on the local test server, loaded with the
 * contract fixture. The schema uses MariaDB's UUID type.
 */
export async function createMysqlCustomerDatabase(anchor = new Date()): Promise<CustomerDatabase> {
  const name = `connect_test_${Math.floor(Date.now() / 1000)}_${randomBytes(4).toString('hex')}`;
  const users = generateUsers({ anchor });
  await withMysqlAdmin(async (connection) => {
    await dropStale(connection);
    await connection.query(`CREATE DATABASE ${quote(name)} CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  });
  try {
    await withMysqlAdmin(async (connection) => {
      for (const statement of schema) await connection.query(statement);
      const columns = fixtureColumns.map(({ name: column }) => quote(column)).join(', ');
      await connection.query(`INSERT INTO users (${columns}) VALUES ?`, [users.map(rowValues)]);
      await connection.query('ANALYZE TABLE users');
    }, name);
  } catch (error) {
    await withMysqlAdmin((connection) => connection.query(`DROP DATABASE IF EXISTS ${quote(name)}`));
    throw error;
  }
  const admin = adminOptions();
  const urlFor = (database: string, user = admin.user ?? 'root', port = admin.port) =>
    `mysql://${encodeURIComponent(user)}@${admin.host}:${port}/${encodeURIComponent(database)}`;
  // User names are at most 80 characters on MariaDB (32 on MySQL): named after the database's random part.
  const reader = { name: `connect_ro_${name.slice(-8)}`, password: `ro-${randomBytes(6).toString('hex')}` };
  const adminQuery = <T extends mysql.RowDataPacket[]>(text: string, values: unknown[] = []) =>
    withMysqlAdmin(async (connection) => (await connection.query<T>(text, values))[0], name);

  return {
    config: { url: urlFor(name), ...(admin.password ? { password: admin.password } : {}) },
    usersSource: { schema: name, name: 'users' },
    users,
    otherSources: [{ ref: { schema: name, name: 'active_users' }, type: 'view' }],
    queries: {
      adults: 'SELECT id, name, age FROM users WHERE age >= 40',
      sleep: (seconds, marker) => `SELECT SLEEP(${seconds}) AS slept, '${marker}' AS marker`,
      manyRows: (marker) =>
        `SELECT a.id * 1000 + b.id AS n, '${marker}' AS marker FROM users a CROSS JOIN users b`,
      writes: [
        { query: 'DELETE FROM users', reason: 'query_rejected' },
        { query: "UPDATE users SET name = 'hacked'", reason: 'query_rejected' },
        { query: '/* looks harmless */ INSERT INTO users (id) VALUES (5000)', reason: 'query_rejected' },
        { query: 'DROP TABLE users', reason: 'query_rejected' },
        { query: 'TRUNCATE users', reason: 'query_rejected' },
        { query: 'CREATE TABLE hacked (id int)', reason: 'query_rejected' },
        { query: 'REPLACE INTO users (id) VALUES (1)', reason: 'query_rejected' },
        { query: 'SELECT bump_visits()', reason: 'query_rejected' },
        { query: "SELECT * FROM users INTO OUTFILE '/tmp/connect-hacked.txt'", reason: 'query_failed' },
      ],
      twoStatements: 'SELECT 1; DELETE FROM users',
      attacks: mysqlAttacks,
      sessionState: mysqlSessionState,
      syntaxError: 'SELECT id FROM users WHERE (',
    },
    failing: {
      unknownDatabase: { url: urlFor(`${name}_missing`) },
      unreachable: { url: urlFor(name, admin.user, 1), queryTimeoutSeconds: 5 },
      async passwords() {
        await ensurePasswordUser();
        const wrongPassword = 'not-the-password-3b7';
        // information_schema: every user may use it, so no grant is left behind per test database.
        return {
          wrong: { url: urlFor('information_schema', mysqlPasswordUser.name), password: wrongPassword },
          right: {
            url: urlFor('information_schema', mysqlPasswordUser.name),
            password: mysqlPasswordUser.password,
          },
          wrongPassword,
        };
      },
      tlsUnavailable: { url: `${urlFor(name)}?ssl-mode=REQUIRED` },
    },
    logins: {
      admin: {
        config: { url: urlFor(name), ...(admin.password ? { password: admin.password } : {}) },
        warnings: ['server_files', 'server_admin', 'manages_access', 'writes'],
      },
      async readOnly() {
        await withMysqlAdmin(async (connection) => {
          for (const host of readerHosts) {
            await connection.query('CREATE USER IF NOT EXISTS ?@? IDENTIFIED BY ?', [
              reader.name,
              host,
              reader.password,
            ]);
            await connection.query(`GRANT SELECT ON ${quote(name)}.* TO ?@?`, [reader.name, host]);
          }
        });
        return { url: urlFor(name, reader.name), password: reader.password };
      },
    },
    async checksum() {
      const [sum] = await adminQuery<mysql.RowDataPacket[]>('CHECKSUM TABLE users');
      const [tables] = await adminQuery<mysql.RowDataPacket[]>(
        'SELECT GROUP_CONCAT(TABLE_NAME ORDER BY TABLE_NAME) AS names FROM information_schema.TABLES WHERE TABLE_SCHEMA = ?',
        [name],
      );
      const [count] = await adminQuery<mysql.RowDataPacket[]>('SELECT COUNT(*) AS n FROM users');
      return `${count?.n}:${sum?.Checksum}/${tables?.names}`;
    },
    async sideEffects(lockKey) {
      const tables = await adminQuery<mysql.RowDataPacket[]>(
        'SELECT TABLE_NAME AS name, TABLE_TYPE AS type FROM information_schema.TABLES WHERE TABLE_SCHEMA = ? ORDER BY TABLE_NAME',
        [name],
      );
      const parts = tables.map((table) => `${table.name}:${table.type}`);
      for (const table of tables.filter((found) => found.type === 'BASE TABLE')) {
        const [sum] = await adminQuery<mysql.RowDataPacket[]>(`CHECKSUM TABLE ${quote(String(table.name))}`);
        const [count] = await adminQuery<mysql.RowDataPacket[]>(
          `SELECT COUNT(*) AS n FROM ${quote(String(table.name))}`,
        );
        parts.push(`${table.name}=${count?.n}:${sum?.Checksum}`);
      }
      const [state] = await adminQuery<mysql.RowDataPacket[]>(
        `SELECT
          (SELECT GROUP_CONCAT(User ORDER BY User) FROM mysql.user WHERE User LIKE 'connect\\_attack%') AS users,
          (SELECT GROUP_CONCAT(ROUTINE_NAME ORDER BY ROUTINE_NAME) FROM information_schema.ROUTINES WHERE ROUTINE_SCHEMA = ?) AS routines,
          IS_USED_LOCK(?) AS named_lock,
          @@GLOBAL.max_connections AS max_connections`,
        [name, lockKey],
      );
      const inUse = await adminQuery<mysql.RowDataPacket[]>(
        `SHOW OPEN TABLES FROM ${quote(name)} WHERE In_use > 0`,
      );
      parts.push(JSON.stringify(state), JSON.stringify(inUse));
      return parts.join('\n');
    },
    connectionDrop: {
      interrupted: 'fails',
      async dropAll() {
        const clients = await adminQuery<mysql.RowDataPacket[]>(
          'SELECT ID FROM information_schema.PROCESSLIST WHERE DB = ? AND ID <> CONNECTION_ID()',
          [name],
        );
        for (const { ID } of clients) await adminQuery(`KILL CONNECTION ${Number(ID)}`).catch(() => {});
      },
    },
    async isRunning(marker) {
      const [row] = await adminQuery<mysql.RowDataPacket[]>(
        "SELECT COUNT(*) AS n FROM information_schema.PROCESSLIST WHERE INFO LIKE CONCAT('%', ?, '%') AND ID <> CONNECTION_ID()",
        [marker],
      );
      return Number(row?.n) > 0;
    },
    drop: () =>
      withMysqlAdmin(async (connection) => {
        await connection.query(`DROP DATABASE IF EXISTS ${quote(name)}`);
        for (const host of readerHosts)
          await connection.query('DROP USER IF EXISTS ?@?', [reader.name, host]);
      }),
  };
}

export const mysqlHarness: ConnectorHarness = {
  kind: 'mysql',
  label: 'MariaDB',
  create: (options) => createMysqlCustomerDatabase(options?.anchor),
};
