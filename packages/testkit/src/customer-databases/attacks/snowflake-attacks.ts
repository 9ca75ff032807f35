import type { RawQueryAttack } from '../connector-harness';

/**
 * Raw queries that try to write to a Snowflake database or change the session, built
 * from Snowflake's lexical rules ('' strings with backslash escapes and doubled
 * quotes, $$ strings, "" identifiers, -- and // line comments, /* *\/ comments that do
 * not nest) and its statements. Each string rule pairs a text a statement splitter
 * not lexing exactly like Snowflake would read as one statement with a second
 * statement after it; Snowflake itself refuses any second statement while
 * MULTI_STATEMENT_COUNT is 1.
 */
export function snowflakeAttacks(schema: string, crm: string): RawQueryAttack[] {
  const users = `"${schema}"."users"`;
  const write = `DELETE FROM ${users}`;
  const escape = (opener: string, statements: string, closer = opener) =>
    `SELECT ${opener} AS "a") q; ${statements}; SELECT * FROM (SELECT ${closer}`;
  return [
    { rule: "'' string: \\' escapes the quote", query: escape("'\\''", write) },
    { rule: "'' string: \\\\ before the closing quote", query: escape("'\\\\'", write) },
    { rule: 'doubled quote inside a string', query: escape("'it''s'", write) },
    { rule: '$$ string holding ;', query: escape('$$ ; $$', write) },
    { rule: '$$ string holding a quote', query: escape("$$'$$", write, "$$'$$") },
    { rule: '// comment hides a ;', query: `SELECT 1 AS "a" // ;\n) q; ${write}; SELECT * FROM (SELECT 1` },
    { rule: '-- comment hides a ;', query: `SELECT 1 AS "a" -- ;\n) q; ${write}; SELECT * FROM (SELECT 1` },
    { rule: 'block comments do not nest', query: escape('1 /* /* */', write, '1 */') },
    { rule: 'an unterminated block comment swallows the wrapper', query: `SELECT 1 AS "a") q; ${write}; /*` },
    { rule: 'a ; inside a quoted identifier', query: escape('1 AS ";"', write) },
    { rule: 'doubled quotes inside an identifier', query: escape('1 AS """;"""', write) },
    { rule: 'COMMIT', query: escape('1', `COMMIT; ${write}`) },
    { rule: 'BEGIN ... COMMIT', query: escape('1', `BEGIN; ${write}; COMMIT`) },
    { rule: 'ALTER SESSION', query: escape('1', 'ALTER SESSION SET MULTI_STATEMENT_COUNT = 0') },
    { rule: 'USE ROLE', query: escape('1', 'USE ROLE ACCOUNTADMIN') },
    { rule: 'CREATE TABLE', query: escape("'\\''", `CREATE TABLE "${crm}"."CONNECT_ATTACK" (ID NUMBER)`) },
    { rule: 'INSERT', query: escape('1', `INSERT INTO "${crm}"."ACCOUNTS" VALUES (99, 'x')`) },
    { rule: 'EXECUTE IMMEDIATE', query: escape('1', `EXECUTE IMMEDIATE 'DELETE FROM ${users}'`) },
    { rule: 'CALL', query: escape('1', 'CALL SYSTEM$CANCEL_ALL_QUERIES(CURRENT_SESSION())') },
    { rule: 'SELECT ... INTO', query: `SELECT * INTO "${crm}"."CONNECT_ATTACK" FROM ${users}` },
  ];
}

/** What a previous statement could leave in the session: its current schema and the statement count rule. */
export const snowflakeSessionState = `SELECT CURRENT_SCHEMA() AS "schema", CURRENT_ROLE() AS "role"`;
