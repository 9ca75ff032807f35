import { assertUnreachable, type RelativeDateUnit } from '@connect/core';
import { mysqlSplitterOptions } from 'dbgate-query-splitter';
import type { FieldDescriptor } from '../connector';
import type { CheckedCondition, TypedValue } from '../filter/checked-filter';
import { likeEscapeChar, likePattern } from '../sql/like-pattern';
import type { SqlDialect } from '../sql/sql-dialect';
import { SqlParams } from '../sql/sql-params';
import type { SourceRef } from '../source-ref';

/** `` `name` ``, with embedded backticks doubled. */
export function quoteMysqlIdentifier(name: string): string {
  if (name.includes('\u0000')) throw new Error('Identifiers cannot contain NUL');
  return `\`${name.replaceAll('`', '``')}\``;
}

/** Interval units are keywords, chosen from this table, never from user text. */
const intervalUnit: Record<RelativeDateUnit, string> = {
  minutes: 'MINUTE',
  hours: 'HOUR',
  days: 'DAY',
  weeks: 'WEEK',
  months: 'MONTH',
  years: 'YEAR',
};

/**
 * A bound value as MySQL wants it: booleans as 1/0 (BOOLEAN is TINYINT), date-times
 * as `YYYY-MM-DD HH:MM:SS.mmm` in UTC (the session time zone; MariaDB rejects a
 * trailing Z).
 */
function bindable(field: FieldDescriptor, value: TypedValue): TypedValue {
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (field.type === 'datetime' && typeof value === 'string')
    return value.replace('T', ' ').replace(/Z$/, '');
  return value;
}

function relative(
  column: string,
  field: FieldDescriptor,
  condition: Extract<CheckedCondition, { amount: number }>,
  params: SqlParams,
): string {
  // Evaluated by the server when the statement runs, in the session's UTC.
  const now = field.type === 'date' ? 'CURRENT_DATE()' : 'NOW(3)';
  const interval = `INTERVAL ${params.add(condition.amount)} ${intervalUnit[condition.unit]}`;
  switch (condition.op) {
    case 'inLast':
      return `(${column} >= ${now} - ${interval} AND ${column} <= ${now})`;
    case 'moreThanAgo':
      return `${column} < ${now} - ${interval}`;
    case 'inNext':
      return `(${column} >= ${now} AND ${column} <= ${now} + ${interval})`;
  }
}

/**
 * MySQL's and MariaDB's spelling of each condition. Text comparisons follow the
 * column's collation (usually case-insensitive); arrays are JSON arrays.
 */
export function mysqlDialect(defaultDatabase: string): SqlDialect {
  return {
    quoteIdentifier: quoteMysqlIdentifier,
    quoteSource: (ref: SourceRef) =>
      `${quoteMysqlIdentifier(ref.schema ?? defaultDatabase)}.${quoteMysqlIdentifier(ref.name)}`,
    params: () => new SqlParams(() => '?'),
    splitter: mysqlSplitterOptions,

    compileCondition(column, field, condition, params) {
      const bind = (value: TypedValue) => params.add(bindable(field, value));
      switch (condition.op) {
        case '=':
        case '<':
        case '<=':
        case '>':
        case '>=':
          return `${column} ${condition.op} ${bind(condition.value)}`;
        case 'in':
          return `${column} IN (${condition.values.map(bind).join(', ')})`;
        case 'between':
          return `${column} BETWEEN ${bind(condition.low)} AND ${bind(condition.high)}`;
        case 'halfOpen':
          return `(${column} >= ${bind(condition.from)} AND ${column} < ${bind(condition.to)})`;
        case 'contains':
        case 'beginsWith':
        case 'endsWith':
          return `${column} LIKE ${params.add(likePattern(condition.text, condition.op))} ESCAPE '${likeEscapeChar}'`;
        case 'null':
          return `${column} IS NULL`;
        case 'notNull':
          return `${column} IS NOT NULL`;
        case 'isEmpty':
          return `(${column} IS NULL OR JSON_LENGTH(${column}) = 0)`;
        case 'isNotEmpty':
          return `JSON_LENGTH(${column}) > 0`;
        case 'containsElement':
          return `JSON_CONTAINS(${column}, ${params.add(JSON.stringify(condition.element))})`;
        case 'inLast':
        case 'moreThanAgo':
        case 'inNext':
          return relative(column, field, condition, params);
        default:
          return assertUnreachable(condition);
      }
    },

    // MySQL already sorts NULL as the smallest value: first ascending, last descending.
    orderTerm: (column, direction) => `${column} ${direction.toUpperCase()}`,
  };
}
