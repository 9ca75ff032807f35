import { describe, expect, it } from 'vitest';
import { ConnectorError } from '../errors/connector-error';
import { singleReadStatement } from '../sql/raw-sql';
import { blankSlashComments, snowflakeSplitterOptions } from './raw-sql';

/** The raw-query check as the Snowflake connector runs it. */
const check = (text: string) => singleReadStatement(blankSlashComments(text), snowflakeSplitterOptions);

function reason(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (error instanceof ConnectorError) return `${error.reason}: ${error.message}`;
    throw error;
  }
  return 'accepted';
}

describe('Snowflake raw queries', () => {
  it("reads Snowflake's strings: backslash escapes, doubled quotes, $$ strings", () => {
    expect(check("SELECT 'it\\'s; fine' AS a;")).toBe("SELECT 'it\\'s; fine' AS a");
    expect(check("SELECT 'it''s; fine' AS a")).toBe("SELECT 'it''s; fine' AS a");
    expect(check('SELECT $$a;b$$ AS "x;y"')).toBe('SELECT $$a;b$$ AS "x;y"');
  });

  it('strips // comments before the check, and keeps // inside strings', () => {
    expect(check("// who's asking; nobody\nSELECT 1")).toBe(`${' '.repeat(23)}\nSELECT 1`);
    expect(check("SELECT 'http://x' AS url // trailing; note")).toBe("SELECT 'http://x' AS url");
    expect(reason(() => check('// just a comment'))).toBe(
      'query_rejected: The query is empty: write a SELECT query.',
    );
  });

  it('refuses anything but one SELECT or WITH, comments notwithstanding', () => {
    expect(reason(() => check('// sneaky\nDELETE FROM users'))).toBe(
      'query_rejected: Connect only reads from your database, and this query tries to change something (it starts with DELETE). Write a SELECT query instead.',
    );
    expect(reason(() => check('SELECT 1; // x\n DROP TABLE users'))).toBe(
      'query_rejected: Write one statement only; this text has 2 statements separated by ";".',
    );
    expect(reason(() => check('SHOW TABLES'))).toMatch(/^query_rejected: Only SELECT queries/);
    expect(reason(() => check('USE ROLE ACCOUNTADMIN'))).toMatch(/^query_rejected: Only SELECT queries/);
    expect(check('WITH a AS (SELECT 1) SELECT * FROM a')).toBe('WITH a AS (SELECT 1) SELECT * FROM a');
  });
});
