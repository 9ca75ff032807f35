import { sourceRefSchema } from '@connect/connectors';
import { definitionSchema } from '@connect/core';
import { z } from 'zod';

export const cohortNameSchema = z
  .string()
  .trim()
  .min(1, 'Give the cohort a name')
  .max(120, 'Use at most 120 characters');

export const createCohortSchema = z.object({
  name: cohortNameSchema,
  connectionId: z.uuid('Choose a database'),
  /** The table or collection chosen in the builder; null for a raw SQL query that names its own. */
  source: sourceRefSchema.nullable(),
  definition: definitionSchema,
});

/** Rename (name only), or change what the cohort selects (source and definition together). */
export const updateCohortSchema = z
  .object({
    name: cohortNameSchema.optional(),
    source: sourceRefSchema.nullable().optional(),
    definition: definitionSchema.optional(),
  })
  .refine((patch) => (patch.source === undefined) === (patch.definition === undefined), {
    message: 'Send the source and the definition together',
  });
