import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSnowflakeTestDatabase, type SnowflakeTestDatabase } from './create-snowflake-database';
import { startSnowflakeTestServer, type SnowflakeTestServer } from './snowflake-test-server';
import { connect, destroy, query, type SdkConnection } from './test-support/sdk';

const instant = new Date('2024-03-10T12:34:56.789Z');

let database: SnowflakeTestDatabase;
let server: SnowflakeTestServer;
let connection: SdkConnection;

beforeAll(async () => {
  database = await createSnowflakeTestDatabase({
    tables: [
      {
        name: 'ALL_TYPES',
        columns: [
          { name: 'ID', type: 'NUMBER(38,0)', nullable: false },
          { name: 'PRICE', type: 'NUMBER(10,2)' },
          { name: 'RATIO', type: 'FLOAT' },
          { name: 'NAME', type: 'VARCHAR(100)' },
          { name: 'NOTE', type: 'TEXT' },
          { name: 'ACTIVE', type: 'BOOLEAN' },
          { name: 'BORN', type: 'DATE' },
          { name: 'SEEN_NTZ', type: 'TIMESTAMP_NTZ' },
          { name: 'SEEN_LTZ', type: 'TIMESTAMP_LTZ' },
          { name: 'SEEN_TZ', type: 'TIMESTAMP_TZ' },
          { name: 'META', type: 'VARIANT' },
          { name: 'PROFILE', type: 'OBJECT' },
          { name: 'TAGS', type: 'ARRAY' },
        ],
        rows: [
          [
            1,
            '1234.50',
            0.1,
            'Zoë 🚀 日本',
            'it\'s "quoted" \\ back',
            true,
            '1969-07-20',
            instant,
            instant,
            instant,
            { a: 1, nested: { b: [1, 2] } },
            { plan: 'pro', seats: 3 },
            ['vip', 'beta'],
          ],
          [2, null, null, null, null, null, null, null, null, null, null, null, null],
          [
            3,
            '-0.05',
            -2.5e-8,
            'under_score',
            null,
            false,
            '2024-02-29',
            null,
            null,
            null,
            'just text',
            {},
            [],
          ],
        ],
      },
    ],
  });
  server = await startSnowflakeTestServer({
    postgresUrl: database.postgresUrl,
    database: 'TESTDB',
    account: 'TESTACCT',
    users: [{ name: 'ANALYST', password: 'pw', defaultWarehouse: 'COMPUTE_WH' }],
  });
  connection = await connect(server, { username: 'ANALYST', password: 'pw', database: 'TESTDB' });
});

afterAll(async () => {
  if (connection) await destroy(connection);
  await server?.close();
  await database?.drop();
});

type Row = Record<string, unknown>;

describe('result types through snowflake-sdk', () => {
  it('reports Snowflake column metadata', async () => {
    const { statement } = await query(connection, 'SELECT * FROM ALL_TYPES ORDER BY ID');
    const columns = statement.getColumns()!.map((column) => ({
      name: column.getName(),
      type: column.getType(),
      scale: column.getScale(),
      precision: column.getPrecision(),
      nullable: column.isNullable(),
    }));
    expect(columns).toEqual([
      { name: 'ID', type: 'fixed', scale: 0, precision: 38, nullable: false },
      { name: 'PRICE', type: 'fixed', scale: 2, precision: 10, nullable: true },
      { name: 'RATIO', type: 'real', scale: null, precision: null, nullable: true },
      { name: 'NAME', type: 'text', scale: null, precision: null, nullable: true },
      { name: 'NOTE', type: 'text', scale: null, precision: null, nullable: true },
      { name: 'ACTIVE', type: 'boolean', scale: null, precision: null, nullable: true },
      { name: 'BORN', type: 'date', scale: null, precision: null, nullable: true },
      { name: 'SEEN_NTZ', type: 'timestamp_ntz', scale: 9, precision: 0, nullable: true },
      { name: 'SEEN_LTZ', type: 'timestamp_ltz', scale: 9, precision: 0, nullable: true },
      { name: 'SEEN_TZ', type: 'timestamp_tz', scale: 9, precision: 0, nullable: true },
      { name: 'META', type: 'variant', scale: null, precision: null, nullable: true },
      { name: 'PROFILE', type: 'object', scale: null, precision: null, nullable: true },
      { name: 'TAGS', type: 'array', scale: null, precision: null, nullable: true },
    ]);
  });

  it('round-trips every type into the JavaScript values the SDK produces', async () => {
    const { rows } = await query<Row>(connection, 'SELECT * FROM ALL_TYPES WHERE ID = 1');
    const row = rows[0]!;
    expect(row.ID).toBe(1);
    expect(row.PRICE).toBe(1234.5);
    expect(row.RATIO).toBe(0.1);
    expect(row.NAME).toBe('Zoë 🚀 日本');
    expect(row.NOTE).toBe('it\'s "quoted" \\ back');
    expect(row.ACTIVE).toBe(true);
    const born = row.BORN as Date;
    expect(born.getTime()).toBe(Date.UTC(1969, 6, 20));
    expect(JSON.stringify(born)).toBe('"1969-07-20"');
    expect((row.SEEN_NTZ as Date).getTime()).toBe(instant.getTime());
    expect((row.SEEN_LTZ as Date).getTime()).toBe(instant.getTime());
    const tz = row.SEEN_TZ as Date & { getTimezone(): number; getNanoSeconds(): number };
    expect(tz.getTime()).toBe(instant.getTime());
    // Stored from a UTC instant, reported in the session's TIMEZONE (PDT on that day).
    expect(tz.getTimezone()).toBe(-420);
    expect(tz.getNanoSeconds()).toBe(789_000_000);
    expect(row.META).toEqual({ a: 1, nested: { b: [1, 2] } });
    expect(row.PROFILE).toEqual({ plan: 'pro', seats: 3 });
    expect(row.TAGS).toEqual(['vip', 'beta']);
  });

  it('keeps NULL in every type', async () => {
    const { rows } = await query<Row>(connection, 'SELECT * FROM ALL_TYPES WHERE ID = 2');
    const { ID, ...rest } = rows[0]!;
    expect(ID).toBe(2);
    expect(Object.values(rest).every((value) => value === null)).toBe(true);
  });

  it('renders values as Snowflake prints them when fetched as strings', async () => {
    const { rows } = await new Promise<{ rows: Row[] }>((resolve, reject) => {
      connection.execute({
        sqlText: 'SELECT PRICE, RATIO, ACTIVE, BORN, SEEN_NTZ, SEEN_TZ, META FROM ALL_TYPES ORDER BY ID',
        fetchAsString: ['Number', 'Boolean', 'Date', 'JSON'],
        complete: (error, _statement, rows) => (error ? reject(error) : resolve({ rows: rows as Row[] })),
      });
    });
    expect(rows[0]).toEqual({
      PRICE: '1234.50',
      RATIO: '0.1',
      ACTIVE: 'TRUE',
      BORN: '1969-07-20',
      SEEN_NTZ: '2024-03-10 12:34:56.789',
      SEEN_TZ: '2024-03-10 05:34:56.789 -0700',
      META: '{\n  "a": 1,\n  "nested": {\n    "b": [\n      1,\n      2\n    ]\n  }\n}',
    });
    expect(rows[2]).toMatchObject({ PRICE: '-0.05', RATIO: '-2.5e-08', ACTIVE: 'FALSE', BORN: '2024-02-29' });
  });

  it('keeps every digit of a NUMBER(38,0) beyond 2^53 when fetched as a string', async () => {
    const { rows } = await new Promise<{ rows: Row[] }>((resolve, reject) => {
      connection.execute({
        sqlText: "SELECT '12345678901234567890123'::NUMBER(38,0) AS BIG, 2::NUMBER(38,0) AS SMALL",
        fetchAsString: ['Number'],
        complete: (error, _statement, rows) => (error ? reject(error) : resolve({ rows: rows as Row[] })),
      });
    });
    expect(rows).toEqual([{ BIG: '12345678901234567890123', SMALL: '2' }]);
  });

  it('casts timestamp literals with and without an offset', async () => {
    const { rows } = await query<Row>(
      connection,
      "SELECT '2024-01-02 03:04:05.123456 +05:30'::TIMESTAMP_TZ AS TZ, '2024-01-02 03:04:05'::TIMESTAMP_NTZ AS NTZ",
    );
    expect((rows[0]!.TZ as Date).getTime()).toBe(Date.UTC(2024, 0, 1, 21, 34, 5, 123));
    expect((rows[0]!.NTZ as Date).getTime()).toBe(Date.UTC(2024, 0, 2, 3, 4, 5));
  });

  it('follows ALTER SESSION SET TIMEZONE for TIMESTAMP_LTZ and CURRENT_TIMESTAMP()', async () => {
    const other = await connect(server, { username: 'ANALYST', password: 'pw', database: 'TESTDB' });
    await query(other, "ALTER SESSION SET TIMEZONE = 'Asia/Kolkata'");
    const { rows } = await new Promise<{ rows: Row[] }>((resolve, reject) => {
      other.execute({
        sqlText: 'SELECT SEEN_LTZ, SEEN_TZ FROM ALL_TYPES WHERE ID = 1',
        fetchAsString: ['Date'],
        complete: (error, _statement, rows) => (error ? reject(error) : resolve({ rows: rows as Row[] })),
      });
    });
    expect(rows[0]).toEqual({
      SEEN_LTZ: '2024-03-10 18:04:56.789 +0530',
      SEEN_TZ: '2024-03-10 18:04:56.789 +0530',
    });
    await destroy(other);
  });
});

describe('bindings', () => {
  it('binds strings, numbers, booleans, dates and null', async () => {
    const { rows } = await query<Row>(connection, 'SELECT ? AS S, ? AS N, ? AS F, ? AS B, ? AS D, ? AS Z', {
      binds: ['héllo ✓', 42, 1.5, true, new Date('2024-05-06T07:08:09.010Z'), null],
    });
    expect(rows).toEqual([{ S: 'héllo ✓', N: 42, F: 1.5, B: true, D: '2024-05-06T07:08:09.010Z', Z: null }]);
  });

  it('binds into filters of every kind', async () => {
    const { rows } = await query<Row>(
      connection,
      `SELECT ID FROM ALL_TYPES
        WHERE NAME = ? AND PRICE > ? AND RATIO < ? AND ACTIVE = ? AND BORN < ? AND SEEN_LTZ < ? AND NOTE IS NOT NULL`,
      { binds: ['Zoë 🚀 日本', 1000, 1, true, '1970-01-01', new Date('2025-01-01T00:00:00Z')] },
    );
    expect(rows).toEqual([{ ID: 1 }]);
  });

  it('binds numbered :N placeholders', async () => {
    const { rows } = await query<Row>(
      connection,
      'SELECT ID FROM ALL_TYPES WHERE ID IN (:2, :1) ORDER BY ID',
      {
        binds: [1, 3],
      },
    );
    expect(rows).toEqual([{ ID: 1 }, { ID: 3 }]);
  });

  it('binds a null that the statement tests with IS NULL', async () => {
    const { rows } = await query<Row>(connection, 'SELECT COUNT(*) AS N FROM ALL_TYPES WHERE ? IS NULL', {
      binds: [null],
    });
    expect(rows).toEqual([{ N: 3 }]);
  });

  it('rejects a statement with more placeholders than bindings', async () => {
    await expect(query(connection, 'SELECT ? AS A, ? AS B', { binds: ['only one'] })).rejects.toMatchObject({
      code: '002049',
      message: expect.stringContaining('Bind variable ? not set.'),
    });
  });
});
