import type { FilterGroup } from '@connect/core';
import type { RuleGroupType } from 'react-querybuilder';

/** A filter with no rules: every row. */
export function emptyFilter(): RuleGroupType {
  return { combinator: 'and', rules: [] };
}

/**
 * A saved filter as react-querybuilder's state. The stored shape is the builder's
 * own JSON (validated and normalised by the server), so this is the identity on
 * its fields; ids missing from older filters are added by the builder itself.
 */
export function toQueryBuilder(filter: FilterGroup): RuleGroupType {
  return filter as unknown as RuleGroupType;
}

/** The builder's state as the filter the API takes. */
export function fromQueryBuilder(query: RuleGroupType): FilterGroup {
  return query as unknown as FilterGroup;
}

/** Whether a filter has any rule at all (an empty filter selects every row). */
export function hasRules(query: RuleGroupType): boolean {
  return query.rules.some((rule) =>
    typeof rule === 'string' ? false : 'rules' in rule ? hasRules(rule) : true,
  );
}

/**
 * The top-level groups of a filter, each as a filter of its own: the builder shows
 * how many rows each would select, before the cohort is saved.
 */
export function topLevelGroups(filter: FilterGroup): { index: number; filter: FilterGroup }[] {
  return filter.rules.flatMap((child, index) =>
    'rules' in child && !child.disabled
      ? [{ index, filter: { combinator: 'and' as const, rules: [child] } }]
      : [],
  );
}
