import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { testServiceUrls } from '../services/service-urls';
import { installSnowflakeCatalog } from './catalog/install-catalog';
import { snowflakeTypeToPostgres } from './catalog/snowflake-types';
import { pgIdentifier } from './sql/pg-literal';

export interface SnowflakeColumnSpec {
  /** Stored exactly as given: use upper case for names Snowflake SQL refers to unquoted. */
  name: string;
  /** A Snowflake type: NUMBER(10,2), FLOAT, VARCHAR(100), BOOLEAN, DATE, TIMESTAMP_TZ, VARIANT... */
  type: string;
  nullable?: boolean;
}

export interface SnowflakeTableSpec {
  /** Default `PUBLIC`. */
  schema?: string;
  name: string;
  columns: SnowflakeColumnSpec[];
  /** Rows as arrays in column order; objects and arrays are stored as JSON, Dates as instants. */
  rows?: unknown[][];
}

export interface SnowflakeTestDatabase {
  /** The backing PostgreSQL database, for `startSnowflakeTestServer({ postgresUrl })`. */
  postgresUrl: string;
  /** The PostgreSQL database name. */
  name: string;
  createTable(table: SnowflakeTableSpec): Promise<void>;
  insertRows(table: { schema?: string; name: string }, rows: unknown[][]): Promise<void>;
  /** Runs PostgreSQL SQL on the backing database, e.g. a generate_series load of a big table. */
  query<Row extends pg.QueryResultRow = Record<string, unknown>>(
    sql: string,
    params?: unknown[],
  ): Promise<Row[]>;
  drop(): Promise<void>;
}

/**
 * Creates a dedicated PostgreSQL database to back one Snowflake test server, with schema
 * `PUBLIC`, the emulation catalog (see install-catalog.ts) and the given tables and rows. Strings
 * sort by code point (`LC_COLLATE 'C'`), as Snowflake's default binary collation does. The name
 * starts with `connect_test_` so a killed run's leftovers are swept by the test setup.
 */
export async function createSnowflakeTestDatabase(
  options: {
    /** Snowflake database name for the catalog views (the server re-labels them); default TESTDB. */
    database?: string;
    schemas?: string[];
    tables?: SnowflakeTableSpec[];
    /** A PostgreSQL superuser URL; default the test services' admin URL. */
    adminUrl?: string;
  } = {},
): Promise<SnowflakeTestDatabase> {
  const adminUrl = options.adminUrl ?? testServiceUrls.postgresAdmin;
  const name = `connect_test_sf_${randomBytes(6).toString('hex')}`;
  await withClient(adminUrl, (admin) =>
    admin.query(`CREATE DATABASE ${pgIdentifier(name)} TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C'`),
  );
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const postgresUrl = url.toString();
  const pool = new pg.Pool({ connectionString: postgresUrl, max: 4 });
  pool.on('error', () => {});

  const tableColumns = new Map<string, SnowflakeColumnSpec[]>();
  const database: SnowflakeTestDatabase = {
    postgresUrl,
    name,
    async createTable(table) {
      const schema = table.schema ?? 'PUBLIC';
      await pool.query(`CREATE SCHEMA IF NOT EXISTS ${pgIdentifier(schema)}`);
      const columns = table.columns
        .map(
          (column) =>
            `${pgIdentifier(column.name)} ${snowflakeTypeToPostgres(column.type)}${column.nullable === false ? ' NOT NULL' : ''}`,
        )
        .join(', ');
      await pool.query(`CREATE TABLE ${qualified(schema, table.name)} (${columns})`);
      tableColumns.set(qualified(schema, table.name), table.columns);
      if (table.rows && table.rows.length > 0) await database.insertRows(table, table.rows);
    },
    async insertRows(table, rows) {
      const target = qualified(table.schema ?? 'PUBLIC', table.name);
      const columns = tableColumns.get(target);
      if (!columns) throw new Error(`insertRows: ${target} was not created by this helper`);
      const batch = Math.max(1, Math.floor(30_000 / columns.length));
      for (let start = 0; start < rows.length; start += batch) {
        const slice = rows.slice(start, start + batch);
        const params: unknown[] = [];
        const values = slice.map(
          (row) =>
            `(${columns
              .map((column, index) => {
                params.push(toPostgresValue(row[index], column.type));
                return `$${params.length}`;
              })
              .join(', ')})`,
        );
        await pool.query(
          `INSERT INTO ${target} (${columns.map((column) => pgIdentifier(column.name)).join(', ')}) VALUES ${values.join(', ')}`,
          params,
        );
      }
    },
    async query(sql, params) {
      return (await pool.query(sql, params)).rows;
    },
    async drop() {
      await pool.end();
      await withClient(adminUrl, (admin) =>
        admin.query(`DROP DATABASE IF EXISTS ${pgIdentifier(name)} WITH (FORCE)`),
      );
    },
  };

  try {
    const client = await pool.connect();
    try {
      await installSnowflakeCatalog(client, {
        database: (options.database ?? 'TESTDB').toUpperCase(),
        owner: 'SYSADMIN',
      });
      for (const schema of ['PUBLIC', ...(options.schemas ?? [])]) {
        await client.query(`CREATE SCHEMA IF NOT EXISTS ${pgIdentifier(schema)}`);
      }
    } finally {
      client.release();
    }
    for (const table of options.tables ?? []) await database.createTable(table);
  } catch (error) {
    await database.drop().catch(() => {});
    throw error;
  }
  return database;
}

function qualified(schema: string, table: string): string {
  return `${pgIdentifier(schema)}.${pgIdentifier(table)}`;
}

function toPostgresValue(value: unknown, type: string): unknown {
  if (value === null || value === undefined) return null;
  const upper = type.toUpperCase();
  if (value instanceof Date) {
    // TIMESTAMP_NTZ holds a wall-clock time: store the Date's UTC reading.
    if (/^(TIMESTAMP(_NTZ)?|DATETIME)\b/.test(upper))
      return value.toISOString().replace('T', ' ').replace('Z', '');
    if (upper === 'DATE') return value.toISOString().slice(0, 10);
    return value.toISOString();
  }
  if (Buffer.isBuffer(value)) return value;
  if (/^(VARIANT|OBJECT|ARRAY)\b/.test(upper)) return JSON.stringify(value);
  if (typeof value === 'bigint') return value.toString();
  return value;
}

async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
