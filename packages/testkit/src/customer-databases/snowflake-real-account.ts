import { randomBytes } from 'node:crypto';
import snowflake from 'snowflake-sdk';
import type { CustomerDatabase } from './connector-harness';
import { snowflakeQueries, snowflakeShape, snowflakeUserColumns } from './snowflake-fixture';
import { generateUsers } from './users-fixture';

/** A real Snowflake account to run the contract against, from SNOWFLAKE_TEST_* (see CONTRIBUTING.md). */
export interface RealSnowflakeAccount {
  account: string;
  username: string;
  password?: string;
  privateKey?: string;
  privateKeyPassphrase?: string;
  warehouse: string;
  /** An existing database in which the tests create and drop `CONNECT_TEST_*` schemas. */
  database: string;
  role?: string;
}

/**
 * The real account the SNOWFLAKE_TEST_* variables name, or undefined when
 * SNOWFLAKE_TEST_ACCOUNT is not set. A partial setup fails loudly rather than
 * quietly running only the test server.
 */
export function realSnowflakeAccount(env = process.env): RealSnowflakeAccount | undefined {
  if (!env.SNOWFLAKE_TEST_ACCOUNT) return undefined;
  const missing = ['SNOWFLAKE_TEST_USER', 'SNOWFLAKE_TEST_WAREHOUSE', 'SNOWFLAKE_TEST_DATABASE'].filter(
    (name) => !env[name],
  );
  if (!env.SNOWFLAKE_TEST_PASSWORD && !env.SNOWFLAKE_TEST_PRIVATE_KEY)
    missing.push('SNOWFLAKE_TEST_PASSWORD (or SNOWFLAKE_TEST_PRIVATE_KEY)');
  if (missing.length > 0)
    throw new Error(
      `SNOWFLAKE_TEST_ACCOUNT is set, so the contract suite runs against that account, but ${missing.join(', ')} ${missing.length > 1 ? 'are' : 'is'} not. See the Tests section of CONTRIBUTING.md.`,
    );
  return {
    account: env.SNOWFLAKE_TEST_ACCOUNT,
    username: env.SNOWFLAKE_TEST_USER!,
    password: env.SNOWFLAKE_TEST_PASSWORD || undefined,
    // A PEM in one environment line usually has its newlines written as \n.
    privateKey: env.SNOWFLAKE_TEST_PRIVATE_KEY?.replaceAll('\\n', '\n') || undefined,
    privateKeyPassphrase: env.SNOWFLAKE_TEST_PRIVATE_KEY_PASSPHRASE || undefined,
    warehouse: env.SNOWFLAKE_TEST_WAREHOUSE!,
    database: env.SNOWFLAKE_TEST_DATABASE!,
    role: env.SNOWFLAKE_TEST_ROLE || undefined,
  };
}

/** The connector config for the account (as a user would fill in the form). */
function connectorConfig(account: RealSnowflakeAccount): Record<string, unknown> {
  return {
    account: account.account,
    username: account.username,
    ...(account.privateKey
      ? { privateKey: account.privateKey, privateKeyPassphrase: account.privateKeyPassphrase }
      : { password: account.password }),
    warehouse: account.warehouse,
    database: account.database,
    ...(account.role ? { role: account.role } : {}),
  };
}

/** The harness's own session, which creates and drops the test schemas. */
async function adminSession(account: RealSnowflakeAccount) {
  snowflake.configure({ logLevel: 'OFF' });
  const connection = snowflake.createConnection({
    account: account.account,
    username: account.username,
    ...(account.privateKey
      ? {
          authenticator: 'SNOWFLAKE_JWT',
          privateKey: account.privateKey,
          ...(account.privateKeyPassphrase ? { privateKeyPass: account.privateKeyPassphrase } : {}),
        }
      : { password: account.password }),
    warehouse: account.warehouse,
    database: account.database,
    ...(account.role ? { role: account.role } : {}),
  });
  // connectAsync() resolves even when the sign-in fails; connect(callback) reports it.
  await new Promise<void>((resolve, reject) =>
    connection.connect((error) => (error ? reject(error) : resolve())),
  );
  const run = (sqlText: string, binds: snowflake.Bind[] = []) =>
    new Promise<Record<string, unknown>[]>((resolve, reject) => {
      connection.execute({
        sqlText,
        binds,
        complete: (error, _statement, rows) =>
          error ? reject(error) : resolve((rows ?? []) as Record<string, unknown>[]),
      });
    });
  const close = () => new Promise<void>((resolve) => connection.destroy(() => resolve()));
  return { run, close };
}

const ident = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** One fixture column read from the loaded JSON (`value` of FLATTEN), as its Snowflake type. */
function fromJson(column: { name: string; type: string }): string {
  // JSON null becomes SQL NULL before the cast.
  const get = `STRIP_NULL_VALUE(GET(value, '${column.name}'))`;
  if (column.type === 'TIMESTAMP_NTZ')
    return `TO_TIMESTAMP_NTZ(REPLACE(REPLACE(${get}::VARCHAR, 'T', ' '), 'Z', ''))`;
  if (column.type === 'TIMESTAMP_TZ') return `TO_TIMESTAMP_TZ(${get}::VARCHAR)`;
  return `${get}::${column.type}`;
}

/**
 * The contract fixture in a real account: schemas `CONNECT_TEST_<hex>` (users and the
 * active_users view) and `CONNECT_TEST_<hex>_CRM` (ACCOUNTS) in SNOWFLAKE_TEST_DATABASE,
 * dropped at the end. The user needs CREATE SCHEMA on that database.
 */
export async function createRealSnowflakeDatabase(
  account: RealSnowflakeAccount,
  anchor = new Date(),
): Promise<CustomerDatabase> {
  const users = generateUsers({ anchor });
  const schema = `CONNECT_TEST_${randomBytes(4).toString('hex').toUpperCase()}`;
  const crm = `${schema}_CRM`;
  const admin = await adminSession(account);
  const drop = async () => {
    await admin.run(`DROP SCHEMA IF EXISTS ${ident(schema)} CASCADE`).catch(() => {});
    await admin.run(`DROP SCHEMA IF EXISTS ${ident(crm)} CASCADE`).catch(() => {});
  };
  try {
    await admin.run(`CREATE SCHEMA ${ident(schema)}`);
    await admin.run(`CREATE SCHEMA ${ident(crm)}`);
    const columns = snowflakeUserColumns
      .map((column) => `${ident(column.name)} ${column.type}${column.nullable === false ? ' NOT NULL' : ''}`)
      .join(', ');
    await admin.run(`CREATE TABLE ${ident(schema)}."users" (${columns})`);
    await admin.run(
      `INSERT INTO ${ident(schema)}."users" SELECT ${snowflakeUserColumns.map(fromJson).join(', ')}
         FROM TABLE(FLATTEN(INPUT => PARSE_JSON(?)))`,
      [JSON.stringify(users)],
    );
    await admin.run(
      `CREATE VIEW ${ident(schema)}."active_users" AS SELECT * FROM ${ident(schema)}."users" WHERE "is_active"`,
    );
    await admin.run(
      `CREATE TABLE ${ident(crm)}."ACCOUNTS" ("ID" NUMBER(10,0) NOT NULL, "NAME" VARCHAR NOT NULL)`,
    );
  } catch (error) {
    await drop();
    await admin.close();
    throw error;
  }
  const config = connectorConfig(account);
  return {
    config,
    usersSource: { schema, name: 'users' },
    users,
    shape: snowflakeShape,
    otherSources: [
      { ref: { schema, name: 'active_users' }, type: 'view' },
      { ref: { schema: crm, name: 'ACCOUNTS' }, type: 'table' },
    ],
    queries: {
      ...snowflakeQueries(schema, crm),
      manyRows: (marker) =>
        `SELECT SEQ8() AS "n", '${marker}' AS "marker" FROM TABLE(GENERATOR(ROWCOUNT => 2000000))`,
    },
    failing: {
      unknownDatabase: { ...config, database: `${account.database}_missing` },
      unreachable: { ...config, accessUrl: 'http://127.0.0.1:1', queryTimeoutSeconds: 5 },
      async passwords() {
        const wrongPassword = 'not-the-password-3b7';
        const { privateKey: _key, privateKeyPassphrase: _passphrase, ...withoutKey } = config;
        return {
          wrong: { ...withoutKey, password: wrongPassword },
          right: config,
          wrongPassword,
        };
      },
      tlsUnavailable: {
        notSimulated:
          'Does not apply to Snowflake: it is reached over HTTPS only and the connector has no TLS setting to get wrong.',
      },
    },
    logins: {
      // The documented test role has CREATE SCHEMA on the database at least.
      admin: { config, warnings: [] },
      readOnly: async () => ({
        notSimulated:
          'Creating a role and a user needs USERADMIN or SECURITYADMIN, which the documented SNOWFLAKE_TEST_* role does not have.',
      }),
    },
    async checksum() {
      const [row] = await admin.run(
        `SELECT (SELECT COUNT(*) || ':' || HASH_AGG(*) FROM ${ident(schema)}."users")
                || '/' || (SELECT COUNT(*) || ':' || HASH_AGG(*) FROM ${ident(crm)}."ACCOUNTS")
                || '/' || (SELECT LISTAGG(TABLE_SCHEMA || '.' || TABLE_NAME, ',') WITHIN GROUP (ORDER BY TABLE_SCHEMA, TABLE_NAME)
                             FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA IN (?, ?)) AS "sum"`,
        [schema, crm],
      );
      return String(row?.sum);
    },
    // Pipelines and single statements keep nothing in a session: what they could change, the checksum sees.
    connectionDrop: {
      notSimulated: "A real account's connections are not this test's to cut; the test server's are.",
    },
    sideEffects() {
      return (this as CustomerDatabase).checksum();
    },
    async isRunning(marker) {
      const rows = await admin.run(
        `SELECT COUNT(*) AS "n"
           FROM TABLE(INFORMATION_SCHEMA.QUERY_HISTORY_BY_USER(USER_NAME => CURRENT_USER(), RESULT_LIMIT => 1000))
          WHERE EXECUTION_STATUS IN ('RUNNING', 'QUEUED', 'RESUMING_WAREHOUSE')
            AND QUERY_TEXT LIKE ? AND QUERY_TEXT NOT LIKE '%QUERY_HISTORY_BY_USER%'`,
        [`%${marker}%`],
      );
      return Number(rows[0]?.n ?? 0) > 0;
    },
    async drop() {
      await drop();
      await admin.close();
    },
  };
}
