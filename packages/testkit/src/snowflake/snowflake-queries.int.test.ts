import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSnowflakeTestDatabase, type SnowflakeTestDatabase } from './create-snowflake-database';
import { startSnowflakeTestServer, type SnowflakeTestServer } from './snowflake-test-server';
import { connect, destroy, query, queryError, type SdkConnection, type SdkError } from './test-support/sdk';

let database: SnowflakeTestDatabase;
let server: SnowflakeTestServer;
let connection: SdkConnection;

const login = { username: 'ANALYST', password: 'pw', warehouse: 'COMPUTE_WH', database: 'TESTDB' };

beforeAll(async () => {
  database = await createSnowflakeTestDatabase({
    schemas: ['Mixed'],
    tables: [
      {
        name: 'CUSTOMERS',
        columns: [
          { name: 'ID', type: 'NUMBER(38,0)', nullable: false },
          { name: 'NAME', type: 'VARCHAR(100)' },
          { name: 'EMAIL', type: 'VARCHAR' },
          { name: 'PLAN', type: 'VARCHAR(20)' },
          { name: 'TAGS', type: 'ARRAY' },
          { name: 'CREATED_AT', type: 'TIMESTAMP_LTZ' },
        ],
        rows: [
          [1, 'Ada', 'ada@example.com', 'pro', ['vip', 'beta']],
          [2, 'under_score', 'u@example.com', 'free', ['beta']],
          [3, 'underXscore', null, 'free', []],
          [4, '100% real', 'r@example.com', 'pro', ['vip']],
          [5, '100X real', null, 'pro', null],
          [6, 'Zed', 'zed@example.com', 'free', ['vip']],
        ],
      },
      {
        name: 'TYPE_ZOO',
        columns: [
          { name: 'N', type: 'NUMBER(10,2)' },
          { name: 'F', type: 'FLOAT' },
          { name: 'V', type: 'VARCHAR(50)' },
          { name: 'T', type: 'TEXT' },
          { name: 'B', type: 'BOOLEAN', nullable: false },
          { name: 'D', type: 'DATE' },
          { name: 'NTZ', type: 'TIMESTAMP_NTZ' },
          { name: 'LTZ', type: 'TIMESTAMP_LTZ' },
          { name: 'TZ', type: 'TIMESTAMP_TZ' },
          { name: 'VAR', type: 'VARIANT' },
          { name: 'OBJ', type: 'OBJECT' },
          { name: 'ARR', type: 'ARRAY' },
        ],
      },
      {
        schema: 'Mixed',
        name: 'CamelTable',
        columns: [
          { name: 'camelCol', type: 'TEXT' },
          { name: 'UPPER_COL', type: 'INT' },
        ],
        rows: [['x', 1]],
      },
    ],
  });
  // Customer n signed up n days before the load.
  await database.query(`UPDATE "PUBLIC"."CUSTOMERS" SET "CREATED_AT" = now() - ("ID" || ' days')::interval`);
  await database.query(
    `CREATE VIEW "PUBLIC"."PRO_CUSTOMERS" AS SELECT * FROM "PUBLIC"."CUSTOMERS" WHERE "PLAN" = 'pro'`,
  );
  server = await startSnowflakeTestServer({
    postgresUrl: database.postgresUrl,
    database: 'TESTDB',
    account: 'TESTACCT',
    users: [{ name: 'ANALYST', password: 'pw' }],
  });
  connection = await connect(server, login);
});

afterAll(async () => {
  if (connection) await destroy(connection);
  await server?.close();
  await database?.drop();
});

type Row = Record<string, unknown>;

describe('INFORMATION_SCHEMA', () => {
  it('lists tables and views with Snowflake columns', async () => {
    const { rows } = await query<Row>(
      connection,
      `SELECT TABLE_CATALOG, TABLE_SCHEMA, TABLE_NAME, TABLE_TYPE, ROW_COUNT
         FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA <> 'INFORMATION_SCHEMA' ORDER BY TABLE_SCHEMA, TABLE_NAME`,
    );
    expect(rows).toEqual([
      {
        TABLE_CATALOG: 'TESTDB',
        TABLE_SCHEMA: 'Mixed',
        TABLE_NAME: 'CamelTable',
        TABLE_TYPE: 'BASE TABLE',
        ROW_COUNT: 1,
      },
      {
        TABLE_CATALOG: 'TESTDB',
        TABLE_SCHEMA: 'PUBLIC',
        TABLE_NAME: 'CUSTOMERS',
        TABLE_TYPE: 'BASE TABLE',
        ROW_COUNT: 6,
      },
      {
        TABLE_CATALOG: 'TESTDB',
        TABLE_SCHEMA: 'PUBLIC',
        TABLE_NAME: 'PRO_CUSTOMERS',
        TABLE_TYPE: 'VIEW',
        ROW_COUNT: null,
      },
      {
        TABLE_CATALOG: 'TESTDB',
        TABLE_SCHEMA: 'PUBLIC',
        TABLE_NAME: 'TYPE_ZOO',
        TABLE_TYPE: 'BASE TABLE',
        ROW_COUNT: 0,
      },
    ]);
  });

  it('lists its own views too, and answers database-qualified names', async () => {
    const { rows } = await query<Row>(
      connection,
      `SELECT TABLE_NAME FROM "TESTDB".INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA = 'INFORMATION_SCHEMA' ORDER BY 1`,
    );
    expect(rows.map((row) => row.TABLE_NAME)).toEqual(['COLUMNS', 'DATABASES', 'SCHEMATA', 'TABLES']);
    const schemata = await query<Row>(
      connection,
      'SELECT SCHEMA_NAME FROM testdb.information_schema.schemata ORDER BY 1',
    );
    expect(schemata.rows.map((row) => row.SCHEMA_NAME)).toEqual(['INFORMATION_SCHEMA', 'Mixed', 'PUBLIC']);
  });

  it('describes columns with Snowflake type names', async () => {
    const { rows } = await query<Row>(
      connection,
      `SELECT COLUMN_NAME, DATA_TYPE, IS_NULLABLE, CHARACTER_MAXIMUM_LENGTH, NUMERIC_PRECISION, NUMERIC_SCALE
         FROM INFORMATION_SCHEMA.COLUMNS WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? ORDER BY ORDINAL_POSITION`,
      { binds: ['PUBLIC', 'TYPE_ZOO'] },
    );
    const text = (length: number) => ({
      CHARACTER_MAXIMUM_LENGTH: length,
      NUMERIC_PRECISION: null,
      NUMERIC_SCALE: null,
    });
    const none = { CHARACTER_MAXIMUM_LENGTH: null, NUMERIC_PRECISION: null, NUMERIC_SCALE: null };
    expect(rows).toEqual([
      {
        COLUMN_NAME: 'N',
        DATA_TYPE: 'NUMBER',
        IS_NULLABLE: 'YES',
        CHARACTER_MAXIMUM_LENGTH: null,
        NUMERIC_PRECISION: 10,
        NUMERIC_SCALE: 2,
      },
      { COLUMN_NAME: 'F', DATA_TYPE: 'FLOAT', IS_NULLABLE: 'YES', ...none },
      { COLUMN_NAME: 'V', DATA_TYPE: 'TEXT', IS_NULLABLE: 'YES', ...text(50) },
      { COLUMN_NAME: 'T', DATA_TYPE: 'TEXT', IS_NULLABLE: 'YES', ...text(16777216) },
      { COLUMN_NAME: 'B', DATA_TYPE: 'BOOLEAN', IS_NULLABLE: 'NO', ...none },
      { COLUMN_NAME: 'D', DATA_TYPE: 'DATE', IS_NULLABLE: 'YES', ...none },
      { COLUMN_NAME: 'NTZ', DATA_TYPE: 'TIMESTAMP_NTZ', IS_NULLABLE: 'YES', ...none },
      { COLUMN_NAME: 'LTZ', DATA_TYPE: 'TIMESTAMP_LTZ', IS_NULLABLE: 'YES', ...none },
      { COLUMN_NAME: 'TZ', DATA_TYPE: 'TIMESTAMP_TZ', IS_NULLABLE: 'YES', ...none },
      { COLUMN_NAME: 'VAR', DATA_TYPE: 'VARIANT', IS_NULLABLE: 'YES', ...none },
      { COLUMN_NAME: 'OBJ', DATA_TYPE: 'OBJECT', IS_NULLABLE: 'YES', ...none },
      { COLUMN_NAME: 'ARR', DATA_TYPE: 'ARRAY', IS_NULLABLE: 'YES', ...none },
    ]);
  });
});

describe('the SQL Connect generates', () => {
  it('folds unquoted identifiers to upper case and keeps double-quoted ones exact', async () => {
    const folded = await query<Row>(connection, 'select id, name from customers where id = 1');
    expect(folded.rows).toEqual([{ ID: 1, NAME: 'Ada' }]);
    const exact = await query<Row>(connection, 'SELECT "camelCol", upper_col FROM "Mixed"."CamelTable"');
    expect(exact.rows).toEqual([{ camelCol: 'x', UPPER_COL: 1 }]);
    const error = await queryError(connection, 'SELECT camelCol FROM "Mixed"."CamelTable"');
    expect(error.code).toBe('000904');
    expect(error.sqlState).toBe('42000');
    expect(error.message).toBe(
      "SQL compilation error: error line 1 at position 7\ninvalid identifier 'CAMELCOL'",
    );
  });

  it('pages with LIMIT / OFFSET binds and counts with COUNT(*)', async () => {
    const page = await query<Row>(
      connection,
      'SELECT "ID" FROM "PUBLIC"."CUSTOMERS" ORDER BY "ID" DESC LIMIT ? OFFSET ?',
      {
        binds: [2, 1],
      },
    );
    expect(page.rows).toEqual([{ ID: 5 }, { ID: 4 }]);
    const count = await query<Row>(connection, 'SELECT COUNT(*) FROM CUSTOMERS WHERE PLAN = ?', {
      binds: ['pro'],
    });
    expect(count.rows).toEqual([{ 'COUNT(*)': 3 }]);
    // Snowflake lets a derived table go unnamed.
    const derived = await query<Row>(
      connection,
      'SELECT COUNT(*) AS N FROM (SELECT * FROM CUSTOMERS WHERE PLAN = ?)',
      {
        binds: ['free'],
      },
    );
    expect(derived.rows).toEqual([{ N: 3 }]);
  });

  it('matches ILIKE and LIKE with an ESCAPE character', async () => {
    const names = async (sql: string, pattern: string) =>
      (await query<Row>(connection, sql, { binds: [pattern] })).rows.map((row) => row.NAME);
    expect(
      await names(`SELECT NAME FROM CUSTOMERS WHERE NAME ILIKE ? ESCAPE '\\\\' ORDER BY ID`, 'UNDER\\_%'),
    ).toEqual(['under_score']);
    expect(
      await names(`SELECT NAME FROM CUSTOMERS WHERE NAME LIKE ? ESCAPE '!' ORDER BY ID`, '100!%%'),
    ).toEqual(['100% real']);
    expect(await names(`SELECT NAME FROM CUSTOMERS WHERE NAME LIKE ? ORDER BY ID`, 'ada')).toEqual([]);
    expect(await names(`SELECT NAME FROM CUSTOMERS WHERE NAME ILIKE ? ORDER BY ID`, 'ada')).toEqual(['Ada']);
    // Without ESCAPE there is no escape character: a backslash in the pattern is literal.
    const literal = await query<Row>(
      connection,
      "SELECT 'a\\\\b' LIKE 'a\\\\b' AS M, 'ab' LIKE 'a\\\\b' AS N",
    );
    expect(literal.rows).toEqual([{ M: true, N: false }]);
  });

  it('filters on relative dates with DATEADD and CURRENT_TIMESTAMP()', async () => {
    const { rows } = await query<Row>(
      connection,
      'SELECT ID FROM CUSTOMERS WHERE CREATED_AT >= DATEADD(day, ?, CURRENT_TIMESTAMP()) ORDER BY ID',
      { binds: [-3] },
    );
    expect(rows).toEqual([{ ID: 1 }, { ID: 2 }]);
    const { rows: dated } = await query<Row>(
      connection,
      "SELECT DATEADD('month', 1, '2024-01-31'::DATE) AS D",
    );
    expect((dated[0]!.D as Date).getTime()).toBe(Date.UTC(2024, 1, 29));
    const { rows: timed, statement } = await query<Row>(
      connection,
      "SELECT DATEADD(hour, 2, '2024-01-31'::DATE) AS T",
    );
    expect((timed[0]!.T as Date).getTime()).toBe(Date.UTC(2024, 0, 31, 2));
    expect(statement.getColumns()![0]!.getType()).toBe('timestamp_ntz');
  });

  it('tests arrays with ARRAY_CONTAINS and ARRAY_SIZE, and NULLs with IS NULL', async () => {
    const contains = await query<Row>(
      connection,
      'SELECT ID, ARRAY_SIZE(TAGS) AS N FROM CUSTOMERS WHERE ARRAY_CONTAINS(?::VARIANT, TAGS) ORDER BY ID',
      { binds: ['vip'] },
    );
    expect(contains.rows).toEqual([
      { ID: 1, N: 2 },
      { ID: 4, N: 1 },
      { ID: 6, N: 1 },
    ]);
    const missing = await query<Row>(connection, 'SELECT ID FROM CUSTOMERS WHERE EMAIL IS NULL ORDER BY ID');
    expect(missing.rows).toEqual([{ ID: 3 }, { ID: 5 }]);
  });

  it('names unaliased expressions the way Snowflake does', async () => {
    const { statement } = await query(
      connection,
      "SELECT UPPER(name), 1, id + 1 AS next, 'x' FROM customers LIMIT 1",
    );
    expect(statement.getColumns()!.map((column) => column.getName())).toEqual([
      'UPPER(NAME)',
      '1',
      'NEXT',
      "'X'",
    ]);
  });

  it('evaluates the Snowflake functions the translator maps', async () => {
    const { rows } = await query<Row>(
      connection,
      `SELECT IFF(ID > 1, 'big', 'small') AS IFF_, NVL2(EMAIL, 'has', 'none') AS NVL2_, ZEROIFNULL(NULL) AS ZERO,
              CONTAINS(NAME, 'd') AS CONTAINS_, STARTSWITH(NAME, 'A') AS STARTS, ENDSWITH(NAME, 'a') AS ENDS,
              REGEXP_LIKE(NAME, 'A.a') AS RX, REGEXP_LIKE(NAME, 'A') AS RX_ANCHORED,
              TO_VARCHAR(TAGS[0]) AS FIRST_TAG, TAGS[0]::STRING AS FIRST_TAG_CAST, GET(TAGS, 1) AS SECOND_TAG,
              OBJECT_CONSTRUCT('id', ID, 'gone', NULL) AS OBJ, ARRAY_CONSTRUCT(1, 'two', TRUE) AS ARR,
              DATEDIFF(day, '2024-01-01'::DATE, '2024-03-01'::DATE) AS DAYS,
              DATEDIFF(month, '2024-01-31'::TIMESTAMP, '2024-02-01'::TIMESTAMP) AS MONTHS,
              DATE_TRUNC(month, '2024-02-17'::DATE) AS MONTH_START, YEAR('2024-02-17'::DATE) AS Y,
              EXTRACT(day FROM '2024-02-17'::DATE) AS D, TO_NUMBER('12.50') AS NUM, TO_DATE('2024-02-17') AS DT,
              TO_BOOLEAN('true') AS BOOL, LEN('abc') AS L, CURRENT_ACCOUNT() AS ACCT, EQUAL_NULL(NULL, NULL) AS EQN
       FROM CUSTOMERS WHERE ID = 1`,
    );
    expect(rows[0]).toMatchObject({
      IFF_: 'small',
      NVL2_: 'has',
      ZERO: 0,
      CONTAINS_: true,
      STARTS: true,
      ENDS: true,
      RX: true,
      RX_ANCHORED: false,
      FIRST_TAG: 'vip',
      FIRST_TAG_CAST: 'vip',
      SECOND_TAG: 'beta',
      OBJ: { id: 1 },
      ARR: [1, 'two', true],
      DAYS: 60,
      MONTHS: 1,
      Y: 2024,
      D: 17,
      NUM: 12.5,
      BOOL: true,
      L: 3,
      ACCT: 'TESTACCT',
      EQN: true,
    });
    expect((rows[0]!.MONTH_START as Date).getTime()).toBe(Date.UTC(2024, 1, 1));
    expect((rows[0]!.DT as Date).getTime()).toBe(Date.UTC(2024, 1, 17));
    const aggregates = await query<Row>(
      connection,
      `SELECT COUNT_IF(PLAN = 'pro') AS PROS, LISTAGG(NAME, '|') WITHIN GROUP (ORDER BY ID) AS NAMES,
              ARRAY_AGG(ID) WITHIN GROUP (ORDER BY ID) AS IDS
       FROM CUSTOMERS WHERE ID <= 3`,
    );
    expect(aggregates.rows).toEqual([{ PROS: 1, NAMES: 'Ada|under_score|underXscore', IDS: [1, 2, 3] }]);
  });

  it('accepts a trailing semicolon and strips comments', async () => {
    const { rows } = await query<Row>(
      connection,
      '-- count\nSELECT /* all */ COUNT(*) AS N FROM CUSTOMERS; ',
    );
    expect(rows).toEqual([{ N: 6 }]);
  });
});

describe('errors in Snowflake shape', () => {
  it('reports a missing table as 002003 / 42S02', async () => {
    const error = await queryError(connection, 'SELECT * FROM NO_SUCH_TABLE');
    expect(error).toMatchObject({
      code: '002003',
      sqlState: '42S02',
      message: "SQL compilation error:\nObject 'NO_SUCH_TABLE' does not exist or not authorized.",
    });
  });

  it('reports a syntax error as 001003 / 42000 with its position', async () => {
    const error = await queryError(connection, 'SELECT ID FROM CUSTOMERS WHERE');
    expect(error).toMatchObject({ code: '001003', sqlState: '42000' });
    expect(error.message).toBe(
      "SQL compilation error:\nsyntax error line 1 at position 30 unexpected '<EOF>'.",
    );
  });

  it('rejects more than one statement while MULTI_STATEMENT_COUNT is 1', async () => {
    const error = await queryError(connection, 'SELECT 1; DELETE FROM CUSTOMERS');
    expect(error).toMatchObject({
      code: '000008',
      sqlState: '0A000',
      message: 'Actual statement count 2 did not match the desired statement count 1.',
    });
    const { rows } = await query<Row>(connection, 'SELECT COUNT(*) AS N FROM CUSTOMERS');
    expect(rows).toEqual([{ N: 6 }]);
  });

  it('cancels a statement at STATEMENT_TIMEOUT_IN_SECONDS (ALTER SESSION or statement parameter)', async () => {
    const other = await connect(server, login);
    await query(other, 'ALTER SESSION SET STATEMENT_TIMEOUT_IN_SECONDS = 1');
    const started = Date.now();
    const error = await queryError(other, 'SELECT SYSTEM$WAIT(5)');
    expect(Date.now() - started).toBeLessThan(3000);
    expect(error).toMatchObject({
      code: '000630',
      sqlState: '57014',
      message: 'Statement reached its statement or warehouse timeout of 1 second(s) and was canceled.',
    });
    await destroy(other);
    const viaParameter = await queryError(connection, 'SELECT SYSTEM$WAIT(5)', {
      parameters: { STATEMENT_TIMEOUT_IN_SECONDS: 1 },
    });
    expect(viaParameter.code).toBe('000630');
  });

  it('cancels a running statement on request with 000604', async () => {
    const error = await new Promise<SdkError>((resolve) => {
      const statement = connection.execute({
        sqlText: 'SELECT SYSTEM$WAIT(10)',
        complete: (err) => resolve(err as SdkError),
      });
      setTimeout(() => statement.cancel(() => {}), 300);
    });
    expect(error).toMatchObject({ code: '000604', sqlState: '57014', message: 'SQL execution canceled' });
    expect(server.stats().aborts).toBeGreaterThan(0);
  });
});

describe('session commands and long statements', () => {
  it('switches warehouse, database and schema with USE', async () => {
    const bare = await connect(server, { username: 'ANALYST', password: 'pw' });
    expect((await queryError(bare, 'SELECT COUNT(*) FROM TESTDB.PUBLIC.CUSTOMERS')).code).toBe('000606');
    await query(bare, 'USE WAREHOUSE compute_wh');
    await query(bare, 'USE DATABASE TESTDB');
    await query(bare, 'USE SCHEMA "Mixed"');
    const { rows } = await query<Row>(bare, 'SELECT CURRENT_SCHEMA() AS S, COUNT(*) AS N FROM "CamelTable"');
    expect(rows).toEqual([{ S: 'Mixed', N: 1 }]);
    const error = await queryError(bare, 'USE WAREHOUSE NOPE');
    expect(error).toMatchObject({ code: '002043', sqlState: '02000' });
    await destroy(bare);
  });

  it('answers a slow statement with "in progress" and serves the result to the polling SDK', async () => {
    const patient = await startSnowflakeTestServer({
      postgresUrl: database.postgresUrl,
      database: 'TESTDB',
      account: 'TESTACCT',
      users: [{ name: 'ANALYST', password: 'pw' }],
      queryInProgressAfterMs: 200,
    });
    try {
      const slow = await connect(patient, login);
      const { rows } = await query<Row>(slow, 'SELECT SYSTEM$WAIT(1) AS W, COUNT(*) AS N FROM CUSTOMERS');
      expect(rows).toEqual([{ W: 'waited 1 seconds', N: 6 }]);
      expect(patient.stats().inProgressReplies).toBeGreaterThanOrEqual(1);
      expect(patient.stats().resultPolls).toBeGreaterThanOrEqual(1);
      await destroy(slow);
    } finally {
      await patient.close();
    }
  });

  it('runs a statement asynchronously and hands its result over by query id', async () => {
    const queryId = await new Promise<string>((resolve, reject) => {
      connection.execute({
        sqlText: "SELECT SYSTEM$WAIT(500, 'MILLISECONDS') AS W, COUNT(*) AS N FROM CUSTOMERS",
        asyncExec: true,
        complete: (error, _statement, result) =>
          error ? reject(error) : resolve((result as unknown as { queryId: string }).queryId),
      });
    });
    expect(await connection.getQueryStatus(queryId)).toBe('RUNNING');
    const rows = await new Promise<Row[]>((resolve, reject) => {
      void connection.getResultsFromQueryId({
        queryId,
        complete: (error, _statement, result) => (error ? reject(error) : resolve(result as Row[])),
      });
    });
    expect(rows).toEqual([{ W: 'waited 500 milliseconds', N: 6 }]);
    expect(await connection.getQueryStatus(queryId)).toBe('SUCCESS');
  });

  it('runs DML and reports Snowflake row counts', async () => {
    const inserted = await query<Row>(
      connection,
      'INSERT INTO TYPE_ZOO (N, B, OBJ) SELECT 1.5, TRUE, PARSE_JSON(\'{"k": 1}\')',
    );
    expect(inserted.rows).toEqual([{ 'number of rows inserted': 1 }]);
    const deleted = await query<Row>(connection, 'DELETE FROM TYPE_ZOO WHERE N = ?', { binds: [1.5] });
    expect(deleted.rows).toEqual([{ 'number of rows deleted': 1 }]);
  });
});
