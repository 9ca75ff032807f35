import { z } from 'zod';
import { filterOperators, operatorInfo, type FilterOperator } from './operators';
import { relativeDateValueSchema, type RelativeDateValue } from './relative-dates';

/**
 * react-querybuilder's rule-group JSON (RuleGroupType), validated and normalised so
 * that what reaches a compiler has one shape per operator. Field names and values
 * are still untrusted here: connectors check fields against the described source
 * and coerce values to the field's type before compiling.
 */

/** Limits that keep one filter from becoming a denial of service on the customer database. */
export const filterLimits = {
  maxDepth: 10,
  maxRules: 500,
  maxListValues: 1_000,
  maxValueLength: 2_000,
  maxFieldLength: 256,
} as const;

export type FilterScalar = string | number | boolean;

/** The normalised value of a rule; which member depends on the operator's value shape. */
export type FilterValue = null | FilterScalar | FilterScalar[] | RelativeDateValue;

export interface FilterRule {
  id?: string;
  field: string;
  operator: FilterOperator;
  value: FilterValue;
  /** Disabled rules are kept in the saved filter but ignored when it runs. */
  disabled?: boolean;
}

export interface FilterGroup {
  id?: string;
  combinator: 'and' | 'or';
  /** Negates the whole group (react-querybuilder's "Not" toggle). */
  not?: boolean;
  rules: (FilterRule | FilterGroup)[];
  disabled?: boolean;
}

const scalar = z.union([z.string().max(filterLimits.maxValueLength), z.number(), z.boolean()]);

/** "a, b ,c" (react-querybuilder's default for lists) or an array, as an array. */
function listOf(value: unknown): unknown[] | undefined {
  if (Array.isArray(value)) return value;
  if (typeof value === 'string')
    return value
      .split(',')
      .map((part) => part.trim())
      .filter((part) => part !== '');
  return undefined;
}

const dayPattern = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Whether `text` is a real calendar day written YYYY-MM-DD. */
export function isCalendarDay(text: string): boolean {
  const match = dayPattern.exec(text);
  if (!match) return false;
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(text);
}

function normaliseValue(operator: FilterOperator, value: unknown, ctx: z.RefinementCtx): FilterValue {
  const fail = (message: string): FilterValue => {
    ctx.addIssue({ code: 'custom', message, path: ['value'] });
    return null;
  };
  const info = operatorInfo[operator];
  switch (info.value) {
    case 'none':
      return null;
    case 'single':
    case 'element': {
      const parsed = scalar.safeParse(value);
      return parsed.success
        ? parsed.data
        : fail(`"${info.label}" needs one value of at most ${filterLimits.maxValueLength} characters`);
    }
    case 'list': {
      const list = listOf(value);
      if (!list || list.length === 0) return fail(`"${info.label}" needs at least one value`);
      if (list.length > filterLimits.maxListValues)
        return fail(`"${info.label}" accepts at most ${filterLimits.maxListValues} values`);
      const parsed = z.array(scalar).safeParse(list);
      return parsed.success ? parsed.data : fail(`"${info.label}" needs a list of plain values`);
    }
    case 'range': {
      const list = listOf(value);
      const parsed = z.tuple([scalar, scalar]).safeParse(list);
      return parsed.success ? parsed.data : fail(`"${info.label}" needs exactly two values`);
    }
    case 'relative': {
      const parsed = relativeDateValueSchema.safeParse(value);
      return parsed.success
        ? parsed.data
        : fail(parsed.error.issues[0]?.message ?? 'Give an amount and a unit, e.g. 7 days');
    }
    case 'day':
      return typeof value === 'string' && isCalendarDay(value.trim())
        ? value.trim()
        : fail(`"${info.label}" needs a day written YYYY-MM-DD`);
  }
}

export const filterRuleSchema = z
  .object({
    id: z.string().max(100).optional(),
    field: z.string().min(1, 'Choose a field').max(filterLimits.maxFieldLength),
    operator: z.enum(filterOperators, { error: 'Unknown operator' }),
    value: z.unknown().optional(),
    valueSource: z
      .literal('value', { error: 'Comparing a field with another field is not supported' })
      .optional(),
    disabled: z.boolean().optional(),
  })
  .transform((rule, ctx): FilterRule => {
    const normalised: FilterRule = {
      field: rule.field,
      operator: rule.operator,
      value: normaliseValue(rule.operator, rule.value, ctx),
    };
    if (rule.id !== undefined) normalised.id = rule.id;
    if (rule.disabled) normalised.disabled = true;
    return normalised;
  });

const combinatorSchema = z.preprocess(
  (value) => (typeof value === 'string' ? value.toLowerCase() : value),
  z.enum(['and', 'or'], { error: 'The combinator must be "and" or "or"' }),
);

const groupShape = z.object({
  id: z.string().max(100).optional(),
  combinator: combinatorSchema,
  not: z.boolean().optional(),
  disabled: z.boolean().optional(),
  get rules(): z.ZodArray<typeof nodeSchema> {
    return z.array(nodeSchema);
  },
});

/**
 * A child of a group: a group when it has `rules`, otherwise a rule. Dispatching on
 * the shape (rather than a plain union) reports the rule's own problem ("Unknown
 * operator") instead of zod's generic "Invalid input".
 */
const nodeSchema: z.ZodType<FilterRule | FilterGroup, unknown> = z.unknown().transform((value, ctx) => {
  const looksLikeGroup = typeof value === 'object' && value !== null && 'rules' in value;
  const schema = (looksLikeGroup ? groupShape : filterRuleSchema) as z.ZodType<FilterRule | FilterGroup>;
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  for (const issue of parsed.error.issues)
    ctx.addIssue({ code: 'custom', message: issue.message, path: issue.path });
  return z.NEVER;
});

function measure(group: FilterGroup, depth: number): { depth: number; rules: number } {
  let deepest = depth;
  let rules = 0;
  for (const child of group.rules) {
    if ('rules' in child) {
      const inner = measure(child, depth + 1);
      deepest = Math.max(deepest, inner.depth);
      rules += inner.rules;
    } else rules += 1;
  }
  return { depth: deepest, rules };
}

/**
 * A filter: the root rule group. Independent-combinator groups (react-querybuilder's
 * `RuleGroupTypeIC`) are not accepted; nest groups instead.
 */
export const filterSchema = (groupShape as unknown as z.ZodType<FilterGroup, unknown>).superRefine(
  (group, ctx) => {
    const size = measure(group, 1);
    if (size.depth > filterLimits.maxDepth)
      ctx.addIssue({
        code: 'custom',
        message: `Groups can be nested at most ${filterLimits.maxDepth} deep`,
      });
    if (size.rules > filterLimits.maxRules)
      ctx.addIssue({ code: 'custom', message: `A filter can have at most ${filterLimits.maxRules} rules` });
  },
);

/** Whether a child of a group is itself a group. */
export function isFilterGroup(node: FilterRule | FilterGroup): node is FilterGroup {
  return 'rules' in node;
}
