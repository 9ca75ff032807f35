import type { RelativeDateUnit } from '@connect/core';
import type { FieldDescriptor } from '../connector';

/**
 * A filter after it has been checked against the described fields: every field
 * exists, every operator suits its field's type, every value has been coerced to the
 * field's type. Negative operators are rewritten as a negated positive condition, and
 * `on`/`before`/`after` as comparisons, so each dialect compiles a small set of
 * positive conditions only.
 */
export type CheckedNode = CheckedGroup | CheckedRule;

export interface CheckedGroup {
  kind: 'group';
  combinator: 'and' | 'or';
  not: boolean;
  children: CheckedNode[];
}

/**
 * A value coerced to its field's type: numbers as a JS number when exactly
 * representable and as a canonical decimal string otherwise, dates as `YYYY-MM-DD`,
 * date-times as ISO-8601 UTC with milliseconds, ids, enums and text as strings.
 */
export type TypedValue = string | number | boolean;

export type CheckedCondition =
  | { op: '=' | '<' | '<=' | '>' | '>='; value: TypedValue }
  | { op: 'in'; values: TypedValue[] }
  | { op: 'between'; low: TypedValue; high: TypedValue }
  /** `from <= field < to`: a whole UTC day of a date-time field. */
  | { op: 'halfOpen'; from: TypedValue; to: TypedValue }
  | { op: 'contains' | 'beginsWith' | 'endsWith'; text: string }
  | { op: 'null' | 'notNull' | 'isEmpty' | 'isNotEmpty' }
  /** Relative to the database's clock when the query runs. */
  | { op: 'inLast' | 'moreThanAgo' | 'inNext'; amount: number; unit: RelativeDateUnit }
  | { op: 'containsElement'; element: TypedValue };

export interface CheckedRule {
  kind: 'rule';
  field: FieldDescriptor;
  condition: CheckedCondition;
  /**
   * The user's operator was the negative of `condition` (`!=`, `notIn`, ...): it
   * matches where the condition does not hold, including rows where the field is
   * empty.
   */
  negated: boolean;
}
