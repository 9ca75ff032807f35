import { filterOperators, relativeDateUnits } from '@connect/core';
import { z } from 'zod';
import type { AnswerSchema } from '../llm/llm-client';

/** What the model must answer: a filter (preferred), a raw query, or "cannot". */
export const answerKinds = ['filter', 'query', 'cannot'] as const;

export interface AnswerSchemaInput {
  /** Filterable field names of the offered sources: the only names a rule may use. */
  fields: readonly string[];
  /** Source ids the model chooses from (database-level prompts); null when the source is fixed. */
  sources: readonly string[] | null;
}

/**
 * Strict structured outputs limit how many enum values a schema may hold (OpenAI:
 * 1,000 in all); past this many names the field is plain text, still checked after.
 */
export const maxEnumValues = 500;

const enumOrString = (values: readonly string[]) =>
  values.length > 0 && values.length <= maxEnumValues
    ? { type: 'string', enum: [...values] }
    : { type: 'string' };

/**
 * The JSON Schema of an answer, in the subset OpenAI's strict structured outputs
 * accept (every property required, no extra properties, recursion through $defs).
 * Field names and operators are enums, so a server that enforces the schema cannot
 * even produce an invented field; the answer is still checked after it arrives.
 */
export function answerJsonSchema(input: AnswerSchemaInput): AnswerSchema {
  const scalar = { anyOf: [{ type: 'string' }, { type: 'number' }, { type: 'boolean' }] };
  const properties: Record<string, unknown> = {
    explanation: {
      type: 'string',
      description: 'One sentence, in plain English, saying which rows the answer selects (or why it cannot).',
    },
    kind: { type: 'string', enum: [...answerKinds] },
  };
  if (input.sources)
    properties.source = {
      anyOf: [{ ...enumOrString(input.sources) }, { type: 'null' }],
      description:
        'The table or collection the filter or pipeline runs on, or whose rows a SQL query selects.',
    };
  properties.filter = { anyOf: [{ $ref: '#/$defs/group' }, { type: 'null' }] };
  properties.query = {
    type: ['string', 'null'],
    description: 'Only when kind is "query": one read-only query.',
  };
  return {
    name: 'cohort_definition',
    schema: {
      type: 'object',
      properties,
      required: Object.keys(properties),
      additionalProperties: false,
      $defs: {
        group: {
          type: 'object',
          properties: {
            combinator: { type: 'string', enum: ['and', 'or'] },
            not: { type: 'boolean' },
            rules: { type: 'array', items: { anyOf: [{ $ref: '#/$defs/rule' }, { $ref: '#/$defs/group' }] } },
          },
          required: ['combinator', 'not', 'rules'],
          additionalProperties: false,
        },
        rule: {
          type: 'object',
          properties: {
            field: enumOrString(input.fields),
            operator: { type: 'string', enum: [...filterOperators] },
            value: {
              anyOf: [
                ...scalar.anyOf,
                { type: 'null' },
                { type: 'array', items: scalar },
                { $ref: '#/$defs/relative' },
              ],
            },
          },
          required: ['field', 'operator', 'value'],
          additionalProperties: false,
        },
        relative: {
          type: 'object',
          properties: {
            amount: { type: 'integer' },
            unit: { type: 'string', enum: [...relativeDateUnits] },
          },
          required: ['amount', 'unit'],
          additionalProperties: false,
        },
      },
    },
  };
}

/** The answer as parsed from the model's JSON, before any of it is trusted. */
export const modelAnswerSchema = z.object({
  explanation: z.string().max(4_000).nullish(),
  kind: z.enum(answerKinds, { error: 'kind must be "filter", "query" or "cannot"' }),
  source: z.string().max(1_000).nullish(),
  filter: z.unknown().optional(),
  query: z.string().nullish(),
});

export type ModelAnswer = z.infer<typeof modelAnswerSchema>;
