import type { FieldType } from './field-types';

/**
 * What a rule's `value` holds for an operator:
 * - `none`: no value (`null`, `isEmpty`, ...); whatever the UI sends is ignored.
 * - `single`: one value of the field's type.
 * - `list`: several values, as an array or a comma-separated string (react-querybuilder's default).
 * - `range`: two values, as a two-element array or "a,b".
 * - `relative`: `{ amount, unit }`, evaluated against the database's clock when the query runs.
 * - `day`: a calendar day `YYYY-MM-DD` (for `on`, `before`, `after`), in UTC.
 * - `element`: one element of an array field.
 */
export type OperatorValueShape = 'none' | 'single' | 'list' | 'range' | 'relative' | 'day' | 'element';

export interface OperatorInfo {
  /** The name stored in the rule (react-querybuilder's name where it has one). */
  name: string;
  /** What the filter builder shows. */
  label: string;
  value: OperatorValueShape;
  /**
   * Negative operators also match rows where the field is empty (null or missing):
   * "plan is not pro" includes people with no plan, as a user expects and as MongoDB
   * does natively. Every connector compiles them that way.
   */
  negative: boolean;
}

const operatorList = [
  { name: '=', label: 'is', value: 'single', negative: false },
  { name: '!=', label: 'is not', value: 'single', negative: true },
  { name: '<', label: 'is less than', value: 'single', negative: false },
  { name: '<=', label: 'is at most', value: 'single', negative: false },
  { name: '>', label: 'is greater than', value: 'single', negative: false },
  { name: '>=', label: 'is at least', value: 'single', negative: false },
  { name: 'contains', label: 'contains', value: 'single', negative: false },
  { name: 'doesNotContain', label: 'does not contain', value: 'single', negative: true },
  { name: 'beginsWith', label: 'begins with', value: 'single', negative: false },
  { name: 'doesNotBeginWith', label: 'does not begin with', value: 'single', negative: true },
  { name: 'endsWith', label: 'ends with', value: 'single', negative: false },
  { name: 'doesNotEndWith', label: 'does not end with', value: 'single', negative: true },
  { name: 'in', label: 'is one of', value: 'list', negative: false },
  { name: 'notIn', label: 'is not one of', value: 'list', negative: true },
  { name: 'between', label: 'is between', value: 'range', negative: false },
  { name: 'notBetween', label: 'is not between', value: 'range', negative: true },
  { name: 'null', label: 'is empty', value: 'none', negative: false },
  { name: 'notNull', label: 'is not empty', value: 'none', negative: false },
  { name: 'inLast', label: 'is in the last', value: 'relative', negative: false },
  { name: 'moreThanAgo', label: 'is more than ... ago', value: 'relative', negative: false },
  { name: 'inNext', label: 'is in the next', value: 'relative', negative: false },
  { name: 'on', label: 'is on', value: 'day', negative: false },
  { name: 'before', label: 'is before', value: 'day', negative: false },
  { name: 'after', label: 'is after', value: 'day', negative: false },
  { name: 'containsElement', label: 'contains', value: 'element', negative: false },
  { name: 'doesNotContainElement', label: 'does not contain', value: 'element', negative: true },
  { name: 'isEmpty', label: 'has no items', value: 'none', negative: false },
  { name: 'isNotEmpty', label: 'has items', value: 'none', negative: false },
] as const satisfies readonly OperatorInfo[];

export type FilterOperator = (typeof operatorList)[number]['name'];

export const filterOperators = operatorList.map((o) => o.name) as [FilterOperator, ...FilterOperator[]];

export const operatorInfo = Object.fromEntries(operatorList.map((o) => [o.name, o])) as Record<
  FilterOperator,
  OperatorInfo & { name: FilterOperator }
>;

const comparisons = ['=', '!=', '<', '<=', '>', '>='] as const;
const equality = ['=', '!=', 'in', 'notIn'] as const;
const emptiness = ['null', 'notNull'] as const;
const dateOperators = [
  ...comparisons,
  'between',
  'notBetween',
  'on',
  'before',
  'after',
  'inLast',
  'moreThanAgo',
  'inNext',
  ...emptiness,
] as const;

/** The operators the filter builder offers, and the compilers accept, for each field type. */
export const operatorsByFieldType: Record<FieldType, readonly FilterOperator[]> = {
  string: [
    '=',
    '!=',
    'contains',
    'doesNotContain',
    'beginsWith',
    'doesNotBeginWith',
    'endsWith',
    'doesNotEndWith',
    'in',
    'notIn',
    ...emptiness,
  ],
  number: [...comparisons, 'between', 'notBetween', 'in', 'notIn', ...emptiness],
  boolean: ['=', '!=', ...emptiness],
  date: dateOperators,
  datetime: dateOperators,
  id: [...equality, ...emptiness],
  enum: [...equality, ...emptiness],
  json: [...emptiness],
  array: ['containsElement', 'doesNotContainElement', 'isEmpty', 'isNotEmpty', ...emptiness],
};

/** Whether a field of this type may use this operator. */
export function operatorAllowed(type: FieldType, operator: FilterOperator): boolean {
  return operatorsByFieldType[type].includes(operator);
}
