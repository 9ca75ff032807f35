import { snowflakeAttacks, snowflakeSessionState } from './attacks/snowflake-attacks';
import type { SnowflakeColumnSpec } from '../snowflake/create-snowflake-database';
import type { DocumentShape, WriteAttempt } from './connector-harness';
import type { FixtureUser } from './users-fixture';

/**
 * The fixture columns as a Snowflake table declares them: exact-case (quoted) names,
 * and a NUMBER precision that gives each integer column its JSON type (up to 15
 * digits a number, wider a string, like PostgreSQL's integer and bigint).
 */
export const snowflakeUserColumns: SnowflakeColumnSpec[] = [
  { name: 'id', type: 'NUMBER(10,0)', nullable: false },
  { name: 'external_id', type: 'VARCHAR(36)', nullable: false },
  { name: 'name', type: 'VARCHAR(200)' },
  { name: 'email', type: 'VARCHAR(320)' },
  { name: 'phone', type: 'VARCHAR(40)' },
  { name: 'age', type: 'NUMBER(3,0)' },
  { name: 'score', type: 'FLOAT', nullable: false },
  { name: 'balance', type: 'NUMBER(12,2)' },
  { name: 'visits', type: 'NUMBER(38,0)', nullable: false },
  { name: 'is_active', type: 'BOOLEAN' },
  { name: 'plan', type: 'VARCHAR(20)' },
  { name: 'signed_up_at', type: 'TIMESTAMP_NTZ', nullable: false },
  { name: 'trial_ends_at', type: 'TIMESTAMP_TZ' },
  { name: 'birthday', type: 'DATE' },
  { name: 'renewal_on', type: 'DATE' },
  { name: 'profile', type: 'OBJECT' },
  { name: 'tags', type: 'ARRAY' },
  { name: 'order', type: 'NUMBER(10,0)', nullable: false },
  { name: 'Signup Source', type: 'VARCHAR' },
  { name: 'quote"d', type: 'VARCHAR' },
  { name: 'back`tick', type: 'VARCHAR' },
];

/** A fixture user as a row in column order (date-times as instants; NTZ stores their UTC reading). */
export function userRow(user: FixtureUser): unknown[] {
  return snowflakeUserColumns.map(({ name }) => {
    const value = user[name as keyof FixtureUser];
    if ((name === 'signed_up_at' || name === 'trial_ends_at') && typeof value === 'string')
      return new Date(value);
    return value;
  });
}

/**
 * Snowflake's catalog lists no primary or unique keys, so the connector reports none
 * and orders keyless sources by every column; the fixture's rows are exactly its
 * columns.
 */
export const snowflakeShape: DocumentShape = {
  primaryKey: [],
  uniqueFields: [],
  extraFields: [],
  extraColumns: [],
  extraValues: () => ({}),
};

/** Raw queries that must be refused, in Snowflake's SQL; the data must be unchanged after them. */
export function snowflakeWrites(schema: string, crm: string): WriteAttempt[] {
  const users = `"${schema}"."users"`;
  return [
    { query: `DELETE FROM ${users}`, reason: 'query_rejected' },
    { query: `UPDATE ${users} SET "name" = 'hacked'`, reason: 'query_rejected' },
    {
      query: `/* looks harmless */ INSERT INTO "${crm}"."ACCOUNTS" VALUES (1, 'x')`,
      reason: 'query_rejected',
    },
    { query: `// a Snowflake comment; it's here\nDELETE FROM ${users}`, reason: 'query_rejected' },
    {
      query: `MERGE INTO ${users} t USING ${users} s ON t."id" = s."id" WHEN MATCHED THEN DELETE`,
      reason: 'query_rejected',
    },
    { query: `DROP TABLE ${users}`, reason: 'query_rejected' },
    { query: `TRUNCATE TABLE ${users}`, reason: 'query_rejected' },
    { query: `CREATE TABLE "${schema}"."hacked" (ID NUMBER)`, reason: 'query_rejected' },
    { query: `ALTER TABLE ${users} RENAME TO "gone"`, reason: 'query_rejected' },
    { query: `COPY INTO ${users} FROM @~/staged`, reason: 'query_rejected' },
    { query: `EXECUTE IMMEDIATE 'DELETE FROM ${users}'`, reason: 'query_rejected' },
    { query: 'USE ROLE ACCOUNTADMIN', reason: 'query_rejected' },
    { query: `SELECT * INTO "${schema}"."hacked" FROM ${users}`, reason: 'query_failed' },
  ];
}

/** What both backends share: the fixture's raw queries for a schema. */
export function snowflakeQueries(schema: string, crm: string) {
  const users = `"${schema}"."users"`;
  return {
    adults: `SELECT "id", "name", "age" FROM ${users} WHERE "age" >= 40`,
    sleep: (seconds: number, marker: string) =>
      `SELECT SYSTEM$WAIT(${seconds}) AS "slept", '${marker}' AS "marker"`,
    writes: snowflakeWrites(schema, crm),
    twoStatements: `SELECT 1; DELETE FROM ${users}`,
    attacks: snowflakeAttacks(schema, crm),
    sessionState: snowflakeSessionState,
    syntaxError: `SELECT "id" FROM ${users} WHERE (`,
  };
}
