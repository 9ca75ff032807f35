import { assertUnreachable, type RelativeDateUnit } from '@connect/core';
import type { FieldDescriptor } from '../connector';
import type { CheckedCondition, TypedValue } from '../filter/checked-filter';
import { likeEscapeChar, likePattern } from '../sql/like-pattern';
import type { SqlDialect } from '../sql/sql-dialect';
import { SqlParams } from '../sql/sql-params';
import type { SourceRef } from '../source-ref';
import { blankSlashComments, snowflakeSplitterOptions } from './raw-sql';

/**
 * `"name"`, with embedded double quotes doubled. Quoted identifiers are exact in
 * Snowflake (unquoted ones fold to upper case), so a described column is named
 * exactly as the catalog spells it.
 */
export function quoteSnowflakeIdentifier(name: string): string {
  if (name.includes('\u0000')) throw new Error('Identifiers cannot contain NUL');
  return `"${name.replaceAll('"', '""')}"`;
}

/** DATEADD's date parts for our units: keywords chosen from this table, never from user text. */
const datePart: Record<RelativeDateUnit, string> = {
  minutes: 'MINUTE',
  hours: 'HOUR',
  days: 'DAY',
  weeks: 'WEEK',
  months: 'MONTH',
  years: 'YEAR',
};

/** TIMESTAMP_NTZ holds a wall-clock time without a zone; Connect reads and compares it as UTC. */
function isWallClock(field: FieldDescriptor): boolean {
  return /^TIMESTAMP_NTZ\b/i.test(field.nativeType);
}

/**
 * A bound value with an explicit cast where Snowflake would otherwise guess: dates,
 * and date-times (ISO-8601 UTC from the filter checker) as a wall-clock time for
 * TIMESTAMP_NTZ columns or an instant for TIMESTAMP_LTZ / TZ ones.
 */
function bind(field: FieldDescriptor, value: TypedValue, params: SqlParams): string {
  if (field.type === 'datetime' && typeof value === 'string') {
    const wallClock = value.replace('T', ' ').replace(/Z$/, '');
    return isWallClock(field)
      ? `${params.add(wallClock)}::TIMESTAMP_NTZ`
      : `${params.add(`${wallClock} +00:00`)}::TIMESTAMP_TZ`;
  }
  if (field.type === 'date' && typeof value === 'string') return `${params.add(value)}::DATE`;
  return params.add(value);
}

/**
 * UUIDs are compared without regard to case: the filter checker lower-cases the
 * value, and text columns may hold them in upper case.
 */
function compared(column: string, field: FieldDescriptor): string {
  return field.format === 'uuid' ? `LOWER(${column})` : column;
}

function relative(
  column: string,
  field: FieldDescriptor,
  condition: Extract<CheckedCondition, { amount: number }>,
  params: SqlParams,
): string {
  // The statement's own clock, in UTC (the session's time zone; SYSDATE() is UTC wall-clock time).
  const now =
    field.type === 'date' ? 'CURRENT_DATE()' : isWallClock(field) ? 'SYSDATE()' : 'CURRENT_TIMESTAMP()';
  const shifted = (amount: number) => `DATEADD(${datePart[condition.unit]}, ${params.add(amount)}, ${now})`;
  switch (condition.op) {
    case 'inLast':
      return `(${column} >= ${shifted(-condition.amount)} AND ${column} <= ${now})`;
    case 'moreThanAgo':
      return `${column} < ${shifted(-condition.amount)}`;
    case 'inNext':
      return `(${column} >= ${now} AND ${column} <= ${shifted(condition.amount)})`;
  }
}

/**
 * Snowflake's spelling of each condition, with `?` placeholders. Text comparisons
 * are exact (Snowflake's default collation compares bytes); "contains" and its kin
 * use ILIKE with an explicit ESCAPE, since Snowflake has no default escape
 * character. Arrays are ARRAY columns.
 */
export function snowflakeDialect(defaultSchema: string): SqlDialect {
  return {
    quoteIdentifier: quoteSnowflakeIdentifier,
    quoteSource: (ref: SourceRef) =>
      `${quoteSnowflakeIdentifier(ref.schema ?? defaultSchema)}.${quoteSnowflakeIdentifier(ref.name)}`,
    params: () => new SqlParams(() => '?'),
    splitter: snowflakeSplitterOptions,
    prepareRawQuery: blankSlashComments,

    compileCondition(column, field, condition, params) {
      switch (condition.op) {
        case '=':
        case '<':
        case '<=':
        case '>':
        case '>=':
          return `${compared(column, field)} ${condition.op} ${bind(field, condition.value, params)}`;
        case 'in':
          return `${compared(column, field)} IN (${condition.values.map((value) => bind(field, value, params)).join(', ')})`;
        case 'between':
          return `${column} BETWEEN ${bind(field, condition.low, params)} AND ${bind(field, condition.high, params)}`;
        case 'halfOpen':
          return `(${column} >= ${bind(field, condition.from, params)} AND ${column} < ${bind(field, condition.to, params)})`;
        case 'contains':
        case 'beginsWith':
        case 'endsWith':
          return `${column} ILIKE ${params.add(likePattern(condition.text, condition.op))} ESCAPE '${likeEscapeChar}'`;
        case 'null':
          return `${column} IS NULL`;
        case 'notNull':
          return `${column} IS NOT NULL`;
        case 'isEmpty':
          return `(${column} IS NULL OR ARRAY_SIZE(${column}) = 0)`;
        case 'isNotEmpty':
          return `ARRAY_SIZE(${column}) > 0`;
        case 'containsElement':
          return `ARRAY_CONTAINS(${params.add(condition.element)}::VARIANT, ${column})`;
        case 'inLast':
        case 'moreThanAgo':
        case 'inNext':
          return relative(column, field, condition, params);
        default:
          return assertUnreachable(condition);
      }
    },

    // Snowflake sorts NULL last ascending by default: say where empty values go.
    orderTerm(column, direction, nullable) {
      if (!nullable) return `${column} ${direction.toUpperCase()}`;
      return direction === 'asc' ? `${column} ASC NULLS FIRST` : `${column} DESC NULLS LAST`;
    },
  };
}
