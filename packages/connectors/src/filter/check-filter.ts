import {
  calendarDateUnits,
  fieldTypeLabels,
  isFilterGroup,
  operatorAllowed,
  operatorInfo,
  type FilterGroup,
  type FilterOperator,
  type FilterRule,
  type FilterScalar,
  type RelativeDateValue,
} from '@connect/core';
import type { FieldDescriptor } from '../connector';
import { ConnectorError } from '../errors/connector-error';
import type { CheckedCondition, CheckedGroup, CheckedNode, CheckedRule, TypedValue } from './checked-filter';
import { coerceDay, coerceValue, CoercionError } from './coerce-value';

/** Negative operators and the positive condition they negate. */
const positiveOf: Partial<Record<FilterOperator, FilterOperator>> = {
  '!=': '=',
  notIn: 'in',
  notBetween: 'between',
  doesNotContain: 'contains',
  doesNotBeginWith: 'beginsWith',
  doesNotEndWith: 'endsWith',
  doesNotContainElement: 'containsElement',
};

function nextDay(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + 1);
  return date.toISOString().slice(0, 10);
}

const compare = (a: TypedValue, b: TypedValue) =>
  typeof a === 'number' && typeof b === 'number'
    ? a - b
    : Number(a) - Number(b) || String(a).localeCompare(String(b));

function checkCondition(
  field: FieldDescriptor,
  operator: FilterOperator,
  value: FilterRule['value'],
): CheckedCondition {
  const one = () => coerceValue(field, value as FilterScalar);
  switch (operator) {
    case '=':
    case '<':
    case '<=':
    case '>':
    case '>=':
      return { op: operator, value: one() };
    case 'contains':
    case 'beginsWith':
    case 'endsWith':
      return { op: operator, text: String(value) };
    case 'in': {
      const values = [...new Set((value as FilterScalar[]).map((v) => coerceValue(field, v)))];
      return { op: 'in', values };
    }
    case 'between': {
      const [a, b] = (value as FilterScalar[]).map((v) => coerceValue(field, v)) as [TypedValue, TypedValue];
      // "between 10 and 1" means what the user obviously meant.
      return compare(a, b) <= 0 ? { op: 'between', low: a, high: b } : { op: 'between', low: b, high: a };
    }
    case 'null':
    case 'notNull':
    case 'isEmpty':
    case 'isNotEmpty':
      return { op: operator };
    case 'inLast':
    case 'moreThanAgo':
    case 'inNext': {
      const relative = value as RelativeDateValue;
      if (field.type === 'date' && !calendarDateUnits.includes(relative.unit))
        throw new CoercionError(
          `Use days, weeks, months or years with field ${field.name}: it holds dates without a time`,
        );
      return { op: operator, amount: relative.amount, unit: relative.unit };
    }
    case 'on':
    case 'before':
    case 'after': {
      const day = coerceDay(value as string, field);
      // Whole UTC days: a date field compares days, a date-time field the day's bounds.
      if (field.type === 'date')
        return { op: operator === 'on' ? '=' : operator === 'before' ? '<' : '>', value: day };
      const start = `${day}T00:00:00.000Z`;
      const end = `${nextDay(day)}T00:00:00.000Z`;
      if (operator === 'on') return { op: 'halfOpen', from: start, to: end };
      return operator === 'before' ? { op: '<', value: start } : { op: '>=', value: end };
    }
    case 'containsElement':
      return { op: 'containsElement', element: one() };
    default:
      // Negative operators never reach here: checkRule rewrites them first.
      throw new CoercionError(`The operator "${operator}" is not supported`);
  }
}

interface Problem {
  key: string;
  message: string;
}

function checkRule(
  rule: FilterRule,
  fields: ReadonlyMap<string, FieldDescriptor>,
  key: string,
  problems: Problem[],
): CheckedRule | undefined {
  const field = fields.get(rule.field);
  const info = operatorInfo[rule.operator];
  if (!field) {
    const name = rule.field.length > 80 ? `${rule.field.slice(0, 77)}...` : rule.field;
    problems.push({ key, message: `There is no field "${name}" here; choose one from the list` });
    return undefined;
  }
  if (!field.filterable) {
    problems.push({ key, message: `Field ${field.name} (${field.nativeType}) cannot be used in a filter` });
    return undefined;
  }
  if (!operatorAllowed(field.type, rule.operator)) {
    problems.push({
      key,
      message: `"${info.label}" cannot be used with field ${field.name} (${fieldTypeLabels[field.type]})`,
    });
    return undefined;
  }
  const positive = positiveOf[rule.operator];
  try {
    return {
      kind: 'rule',
      field,
      condition: checkCondition(field, positive ?? rule.operator, rule.value),
      negated: positive !== undefined,
    };
  } catch (error) {
    if (!(error instanceof CoercionError)) throw error;
    problems.push({ key, message: error.message });
    return undefined;
  }
}

function checkGroup(
  group: FilterGroup,
  fields: ReadonlyMap<string, FieldDescriptor>,
  path: string,
  problems: Problem[],
): CheckedGroup {
  const children: CheckedNode[] = [];
  group.rules.forEach((child, index) => {
    if (child.disabled) return;
    const key = child.id ?? `${path}rules.${index}`;
    if (isFilterGroup(child)) {
      const checked = checkGroup(child, fields, `${path}rules.${index}.`, problems);
      // An empty group constrains nothing (react-querybuilder shows it while the user builds).
      if (checked.children.length > 0) children.push(checked);
    } else {
      const checked = checkRule(child, fields, key, problems);
      if (checked) children.push(checked);
    }
  });
  return { kind: 'group', combinator: group.combinator, not: group.not ?? false, children };
}

/**
 * Checks a validated filter against the fields a connector described: unknown
 * fields, operators the field's type does not have, and values that do not fit the
 * type are all reported at once (keyed by rule id, or by path when a rule has none)
 * as one `invalid_filter` error. Nothing unchecked reaches a compiler.
 */
export function checkFilter(filter: FilterGroup, fields: readonly FieldDescriptor[]): CheckedGroup {
  const byName = new Map(fields.map((field) => [field.name, field]));
  const problems: Problem[] = [];
  const checked = checkGroup(filter, byName, '', problems);
  if (problems.length > 0) {
    const more = problems.length > 1 ? ` (and ${problems.length - 1} more)` : '';
    throw new ConnectorError('invalid_filter', `${problems[0]!.message}${more}.`, {
      fieldErrors: Object.fromEntries(problems.map((p) => [p.key, p.message])),
    });
  }
  return checked;
}
