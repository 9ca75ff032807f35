import type { SourceRef } from '@connect/connectors';
import { type FilterOperator, operatorInfo, type RelativeDateValue } from '@connect/core';
import {
  defaultRuleProcessorMongoDBQuery,
  defaultRuleProcessorSQL,
  formatQuery,
  type RuleGroupType,
  type RuleProcessor,
  type RuleType,
} from 'react-querybuilder';
import type { DescribedField } from './filter-fields';

/**
 * "View as query": the filter written in the source's own query language, for
 * reading (and as a starting point in the Query editor). The connectors compile
 * filters themselves, with every value a bound parameter; this text shows values
 * inline and is never what Connect executes.
 */
export function filterAsQuery(
  query: RuleGroupType,
  kind: string,
  source: SourceRef | undefined,
  fields: DescribedField[],
): string {
  return kind === 'mongodb' ? asPipeline(query, fields) : asSql(query, kind, source, fields);
}

interface SqlDialect {
  quote: (name: string) => string;
  /** `now minus/plus N units` for a date-time (or date) column. */
  shift: (sign: '-' | '+', value: RelativeDateValue, dateOnly: boolean) => string;
  now: (dateOnly: boolean) => string;
}

const singular = (unit: string) => unit.replace(/s$/, '');

const dialects: Record<string, SqlDialect> = {
  postgres: {
    quote: (name) => `"${name.replaceAll('"', '""')}"`,
    now: (dateOnly) => (dateOnly ? 'current_date' : 'now()'),
    shift: (sign, { amount, unit }, dateOnly) =>
      `${dateOnly ? 'current_date' : 'now()'} ${sign} interval '${amount} ${unit}'`,
  },
  mysql: {
    quote: (name) => `\`${name.replaceAll('`', '``')}\``,
    now: (dateOnly) => (dateOnly ? 'CURRENT_DATE()' : 'NOW()'),
    shift: (sign, { amount, unit }, dateOnly) =>
      `${dateOnly ? 'CURRENT_DATE()' : 'NOW()'} ${sign} INTERVAL ${amount} ${singular(unit).toUpperCase()}`,
  },
  snowflake: {
    quote: (name) => `"${name.replaceAll('"', '""')}"`,
    now: (dateOnly) => (dateOnly ? 'CURRENT_DATE()' : 'CURRENT_TIMESTAMP()'),
    shift: (sign, { amount, unit }, dateOnly) =>
      `DATEADD(${singular(unit)}, ${sign === '-' ? -amount : amount}, ${dateOnly ? 'CURRENT_DATE()' : 'CURRENT_TIMESTAMP()'})`,
  },
};

/** Standard SQL for kinds without a dialect of their own here. */
const ansi: SqlDialect = {
  quote: (name) => `"${name.replaceAll('"', '""')}"`,
  now: (dateOnly) => (dateOnly ? 'CURRENT_DATE' : 'CURRENT_TIMESTAMP'),
  shift: (sign, { amount, unit }, dateOnly) =>
    `${dateOnly ? 'CURRENT_DATE' : 'CURRENT_TIMESTAMP'} ${sign} INTERVAL '${amount}' ${singular(unit).toUpperCase()}`,
};

/** A table as a query names it in the kind's dialect: `"public"."users"`, `` `shop`.`users` ``. */
export function quoteSource(kind: string, source: SourceRef): string {
  const dialect = dialects[kind] ?? ansi;
  return [source.schema, source.name]
    .filter((part): part is string => part !== undefined)
    .map(dialect.quote)
    .join('.');
}

const literal = (value: unknown) =>
  typeof value === 'number' || typeof value === 'boolean'
    ? String(value)
    : `'${String(value).replaceAll("'", "''")}'`;

/** Whether a rule's field holds a calendar date (no time of day). */
const isDateOnly = (rule: RuleType, options: Parameters<RuleProcessor>[1]) =>
  (options?.fieldData as { descriptor?: { type?: string } } | undefined)?.descriptor?.type === 'date';

function sqlRuleProcessor(dialect: SqlDialect): RuleProcessor {
  return (rule, options) => {
    const column = dialect.quote(rule.field);
    const operator = rule.operator as FilterOperator;
    const dateOnly = isDateOnly(rule, options);
    switch (operator) {
      case 'inLast':
        return `(${column} >= ${dialect.shift('-', rule.value, dateOnly)} AND ${column} <= ${dialect.now(dateOnly)})`;
      case 'moreThanAgo':
        return `${column} < ${dialect.shift('-', rule.value, dateOnly)}`;
      case 'inNext':
        return `(${column} >= ${dialect.now(dateOnly)} AND ${column} <= ${dialect.shift('+', rule.value, dateOnly)})`;
      case 'on':
        return `CAST(${column} AS DATE) = ${literal(rule.value)}`;
      case 'before':
        return `${column} < ${literal(rule.value)}`;
      case 'after':
        return `CAST(${column} AS DATE) > ${literal(rule.value)}`;
      case 'containsElement':
        return `${literal(rule.value)} IN ${column}`;
      case 'doesNotContainElement':
        return `(${literal(rule.value)} NOT IN ${column} OR ${column} IS NULL)`;
      case 'isEmpty':
        return `(${column} IS NULL OR ${column} is an empty list)`;
      case 'isNotEmpty':
        return `${column} is a non-empty list`;
      default: {
        const text = defaultRuleProcessorSQL(rule, { ...options, quoteFieldNamesWith: ['', ''] }).replace(
          rule.field,
          column,
        );
        // "is not" also matches empty values, as Connect compiles it on every database.
        return operatorInfo[operator]?.negative ? `(${text} OR ${column} IS NULL)` : text;
      }
    }
  };
}

function asSql(
  query: RuleGroupType,
  kind: string,
  source: SourceRef | undefined,
  fields: DescribedField[],
): string {
  const dialect = dialects[kind] ?? ansi;
  const where = formatQuery(query, { format: 'sql', fields, ruleProcessor: sqlRuleProcessor(dialect) });
  const from = source ? quoteSource(kind, source) : '(your table)';
  return `SELECT *\nFROM ${from}\nWHERE ${where}`;
}

const mongoUnit = (unit: string) => singular(unit);

const mongoRuleProcessor: RuleProcessor = (rule, options) => {
  const field = `$${rule.field}`;
  const value = rule.value as RelativeDateValue;
  const shifted = (direction: '$dateSubtract' | '$dateAdd') => ({
    [direction]: { startDate: '$$NOW', unit: mongoUnit(value.unit), amount: value.amount },
  });
  switch (rule.operator as FilterOperator) {
    case 'inLast':
      return { $expr: { $and: [{ $gte: [field, shifted('$dateSubtract')] }, { $lte: [field, '$$NOW'] }] } };
    case 'moreThanAgo':
      return { $expr: { $lt: [field, shifted('$dateSubtract')] } };
    case 'inNext':
      return { $expr: { $and: [{ $gte: [field, '$$NOW'] }, { $lte: [field, shifted('$dateAdd')] }] } };
    case 'on':
    case 'before':
    case 'after': {
      const start = new Date(`${String(rule.value)}T00:00:00Z`);
      if (Number.isNaN(start.getTime())) return { [rule.field]: rule.value };
      const day = { $date: start.toISOString() };
      const next = { $date: new Date(start.getTime() + 86_400_000).toISOString() };
      if (rule.operator === 'before') return { [rule.field]: { $lt: day } };
      return rule.operator === 'on'
        ? { [rule.field]: { $gte: day, $lt: next } }
        : { [rule.field]: { $gte: next } };
    }
    case 'containsElement':
      return { [rule.field]: rule.value };
    case 'doesNotContainElement':
      return { [rule.field]: { $ne: rule.value } };
    case 'isEmpty':
      return {
        $or: [{ [rule.field]: { $exists: false } }, { [rule.field]: null }, { [rule.field]: { $size: 0 } }],
      };
    case 'isNotEmpty':
      return { [rule.field]: { $type: 'array', $ne: [] } };
    default:
      return defaultRuleProcessorMongoDBQuery(rule, options);
  }
};

function asPipeline(query: RuleGroupType, fields: DescribedField[]): string {
  const match = formatQuery(query, { format: 'mongodb_query', fields, ruleProcessor: mongoRuleProcessor });
  return JSON.stringify([{ $match: match }], null, 2);
}
