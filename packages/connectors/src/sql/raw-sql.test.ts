import { mysqlSplitterOptions, postgreSplitterOptions } from 'dbgate-query-splitter';
import { describe, expect, it } from 'vitest';
import { ConnectorError } from '../errors/connector-error';
import { singleReadStatement } from './raw-sql';

const pg = (text: string) => singleReadStatement(text, postgreSplitterOptions);
const my = (text: string) => singleReadStatement(text, mysqlSplitterOptions);

function reason(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (error instanceof ConnectorError) return `${error.reason}: ${error.message}`;
    throw error;
  }
  return 'accepted';
}

describe('singleReadStatement', () => {
  it('returns one SELECT without its trailing semicolons and comments', () => {
    expect(pg('select 1;;  -- done')).toBe('select 1');
    expect(pg("/* who; what */ SELECT ';' AS x ;")).toBe("/* who; what */ SELECT ';' AS x");
    expect(pg('with a as (select 1) select * from a')).toBe('with a as (select 1) select * from a');
    expect(pg('(select 1) union (select 2)')).toBe('(select 1) union (select 2)');
    expect(pg('select $$a;b$$')).toBe('select $$a;b$$');
    expect(my('select `a;b` from t')).toBe('select `a;b` from t');
  });

  it('refuses statements that write, with the keyword in the message', () => {
    expect(reason(() => pg('-- hi\n  DELETE FROM users'))).toBe(
      'query_rejected: Connect only reads from your database, and this query tries to change something (it starts with DELETE). Write a SELECT query instead.',
    );
    for (const text of [
      'update t set a=1',
      'DROP TABLE t',
      'truncate t',
      'grant all on t to x',
      'set role admin',
      'call p()',
    ])
      expect(reason(() => pg(text))).toMatch(/^query_rejected: .*tries to change something/);
  });

  it('refuses anything but a query', () => {
    expect(reason(() => pg('EXPLAIN select 1'))).toBe(
      'query_rejected: Only SELECT queries can define a cohort; this one starts with EXPLAIN.',
    );
    expect(reason(() => pg('  -- nothing'))).toBe(
      'query_rejected: The query is empty: write a SELECT query.',
    );
  });

  it('refuses more than one statement', () => {
    expect(reason(() => pg('select 1; select 2'))).toBe(
      'query_rejected: Write one statement only; this text has 2 statements separated by ";".',
    );
    expect(reason(() => my('DELIMITER //\nselect 1 //'))).toMatch(/^query_rejected/);
  });
});
