import { maxPageSize, sourceRefSchema } from '@connect/connectors';
import { definitionSchema } from '@connect/core';
import { z } from 'zod';

/** One page of rows: the data table asks for these as the user pages, sorts and filters. */
export const previewBodySchema = z.object({
  source: sourceRefSchema.optional(),
  definition: definitionSchema,
  sort: z
    .array(z.object({ field: z.string().min(1).max(256), direction: z.enum(['asc', 'desc']) }))
    .max(10)
    .optional(),
  page: z.number().int().min(1).max(1_000_000).optional(),
  pageSize: z.number().int().min(1).max(maxPageSize).optional(),
});

/** How many rows a definition selects: an estimate first, exact when asked. */
export const countBodySchema = z.object({
  source: sourceRefSchema.optional(),
  definition: definitionSchema,
  exact: z.boolean().optional(),
});
