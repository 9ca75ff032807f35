import { AppError, definitionSchema } from '@connect/core';
import { z } from 'zod';
import { defaultBatchSize, defaultPageSize, maxBatchSize, maxPageSize } from './connector';
import { sourceRefSchema } from './source-ref';

/**
 * Connector requests are validated again at the connector, whoever called it: the
 * web app's route handlers parse them too, but the worker and scripts may not.
 */
const base = {
  source: sourceRefSchema.optional(),
  definition: definitionSchema,
  timeoutMs: z.number().int().min(1).max(3_600_000).optional(),
};

export const previewRequestSchema = z.object({
  ...base,
  sort: z
    .array(z.object({ field: z.string().min(1).max(256), direction: z.enum(['asc', 'desc']) }))
    .max(10)
    .default([]),
  page: z.number().int().min(1).max(1_000_000).default(1),
  pageSize: z
    .number()
    .int()
    .min(1)
    .max(maxPageSize, `A page has at most ${maxPageSize} rows`)
    .default(defaultPageSize),
});

export const countRequestSchema = z.object({ ...base, exact: z.boolean().default(false) });

export const streamRequestSchema = z.object({
  ...base,
  batchSize: z.number().int().min(1).max(maxBatchSize).default(defaultBatchSize),
  orderBy: z.string().min(1).max(256).optional(),
  after: z.record(z.string().max(256), z.union([z.string().max(10_000), z.number()])).optional(),
});

/** Parses a request; problems become one `invalid_input` error with per-field messages. */
export function parseRequest<S extends z.ZodType>(schema: S, request: unknown): z.output<S> {
  const { signal: _signal, ...data } = (request ?? {}) as Record<string, unknown>;
  const parsed = schema.safeParse(data);
  if (parsed.success) return parsed.data;
  const fieldErrors: Record<string, string> = {};
  for (const issue of parsed.error.issues) fieldErrors[issue.path.join('.') || 'request'] ??= issue.message;
  const [first] = parsed.error.issues;
  const where = first && first.path.length > 0 ? ` (${first.path.join('.')})` : '';
  throw new AppError('invalid_input', `${first?.message ?? 'Invalid request'}${where}.`, { fieldErrors });
}
