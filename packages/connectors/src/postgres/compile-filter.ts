import { postgreSplitterOptions } from 'dbgate-query-splitter';
import type { RelativeDateUnit } from '@connect/core';
import { assertUnreachable } from '@connect/core';
import type { FieldDescriptor } from '../connector';
import type { CheckedCondition } from '../filter/checked-filter';
import { likeEscapeChar, likePattern } from '../sql/like-pattern';
import type { SqlDialect } from '../sql/sql-dialect';
import { SqlParams } from '../sql/sql-params';
import type { SourceRef } from '../source-ref';

/** `"name"`, with embedded double quotes doubled: the only escaping PostgreSQL identifiers need. */
export function quotePostgresIdentifier(name: string): string {
  if (name.includes('\u0000')) throw new Error('Identifiers cannot contain NUL');
  return `"${name.replaceAll('"', '""')}"`;
}

/** make_interval's argument names for our units. */
const intervalArgument: Record<RelativeDateUnit, string> = {
  minutes: 'mins',
  hours: 'hours',
  days: 'days',
  weeks: 'weeks',
  months: 'months',
  years: 'years',
};

/**
 * Relative dates compare with `now()` (datetimes) or `current_date` (dates) inside
 * the statement, so they follow the database's clock at the moment the query runs.
 * The session runs in UTC (see read-only.ts), so "3 months" is calendar months in UTC.
 */
function relative(
  column: string,
  field: FieldDescriptor,
  condition: Extract<CheckedCondition, { amount: number }>,
  params: SqlParams,
): string {
  const now = field.type === 'date' ? 'current_date' : 'now()';
  const interval = `make_interval(${intervalArgument[condition.unit]} => ${params.add(condition.amount)}::int)`;
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
 * PostgreSQL's spelling of each condition. Parameters are untyped (`$1`): PostgreSQL
 * infers their type from the column they are compared with, so the comparison stays
 * the column's own and indexes apply.
 */
export const postgresDialect: SqlDialect = {
  quoteIdentifier: quotePostgresIdentifier,
  quoteSource: (ref: SourceRef) =>
    `${quotePostgresIdentifier(ref.schema ?? 'public')}.${quotePostgresIdentifier(ref.name)}`,
  params: () => new SqlParams((position) => `$${position}`),
  splitter: postgreSplitterOptions,

  compileCondition(column, field, condition, params) {
    switch (condition.op) {
      case '=':
      case '<':
      case '<=':
      case '>':
      case '>=':
        return `${column} ${condition.op} ${params.add(condition.value)}`;
      case 'in':
        return `${column} = ANY(${params.add(condition.values)})`;
      case 'between':
        return `${column} BETWEEN ${params.add(condition.low)} AND ${params.add(condition.high)}`;
      case 'halfOpen':
        return `(${column} >= ${params.add(condition.from)} AND ${column} < ${params.add(condition.to)})`;
      case 'contains':
      case 'beginsWith':
      case 'endsWith':
        // Case-insensitive, as users expect of "contains"; wildcards in the value are escaped.
        return `${column} ILIKE ${params.add(likePattern(condition.text, condition.op))} ESCAPE '${likeEscapeChar}'`;
      case 'null':
        return `${column} IS NULL`;
      case 'notNull':
        return `${column} IS NOT NULL`;
      case 'isEmpty':
        return `(${column} IS NULL OR cardinality(${column}) = 0)`;
      case 'isNotEmpty':
        return `cardinality(${column}) > 0`;
      case 'containsElement':
        // @> is false (not NULL) when the array holds NULLs, and can use a GIN index.
        return `${column} @> ${params.add([condition.element])}`;
      case 'inLast':
      case 'moreThanAgo':
      case 'inNext':
        return relative(column, field, condition, params);
      default:
        return assertUnreachable(condition);
    }
  },

  orderTerm(column, direction, nullable) {
    if (!nullable) return `${column} ${direction.toUpperCase()}`;
    return direction === 'asc' ? `${column} ASC NULLS FIRST` : `${column} DESC NULLS LAST`;
  },
};
