import { z } from 'zod';
import { filterSchema, type FilterGroup } from './filter-schema';

/** Raw query text is capped so a pasted dump cannot reach the database. */
export const maxQueryLength = 100_000;

/**
 * What a cohort selects: either a filter built in the UI, or a raw query written by
 * hand (SQL for SQL databases, an aggregation pipeline as JSON for MongoDB). The
 * connector decides how to run either, always read-only.
 */
export const definitionSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('filter'), filter: filterSchema }),
  z.object({
    type: z.literal('query'),
    query: z
      .string()
      .trim()
      .min(1, 'Write a query')
      .max(maxQueryLength, `A query can be at most ${maxQueryLength} characters`),
  }),
]);

export type Definition = { type: 'filter'; filter: FilterGroup } | { type: 'query'; query: string };

/** A definition that selects every row: a filter with no rules. */
export function everyRow(): Definition {
  return { type: 'filter', filter: { combinator: 'and', rules: [] } };
}
