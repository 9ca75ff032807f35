import { checkFilter, type Connector, isConnectorError } from '@connect/connectors';
import { type Definition, definitionSchema, filterSchema } from '@connect/core';
import type { z } from 'zod';
import type { GroundedSource } from '../grounding/grounded-source';
import { modelAnswerSchema } from './answer-schema';
import { parseJsonAnswer } from './parse-json-answer';

/**
 * Why an answer was not accepted, worded for the model (the repair round sends it
 * back) and fit to show the user if the repair fails too. `refused` marks a query
 * the connector refused as a write or as more than one statement.
 */
export class AnswerProblem extends Error {
  constructor(
    message: string,
    readonly refused = false,
    /** What to tell the user if the repair fails too, when the model's wording would not do. */
    readonly forUser?: string,
  ) {
    super(message);
    this.name = 'AnswerProblem';
  }
}

export interface CheckContext {
  connector: Connector;
  sources: readonly GroundedSource[];
  /** The user chose the source; an answer naming another one is ignored in favour of it. */
  fixedSource: boolean;
  queryLanguage: 'sql' | 'mongodb-pipeline';
  /** The user may not run raw queries: a query answer is a problem, never run. */
  filtersOnly: boolean;
  signal?: AbortSignal | undefined;
}

export type CheckedAnswer =
  | { outcome: 'definition'; source: GroundedSource | null; definition: Definition; explanation: string }
  | { outcome: 'cannot'; explanation: string };

function issuesText(error: z.ZodError, prefix: string): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => `${[prefix, ...issue.path].filter((part) => part !== '').join('.')}: ${issue.message}`)
    .join('; ');
}

function resolveSource(name: string | null | undefined, context: CheckContext): GroundedSource | null {
  if (context.fixedSource) return context.sources[0] ?? null;
  if (!name) return null;
  const exact = context.sources.find((source) => source.id === name);
  if (exact) return exact;
  // Models often write "public.users" or just "users" rather than the encoded id.
  const loose = context.sources.filter(
    (source) =>
      source.ref.name === name ||
      (source.ref.schema !== undefined && `${source.ref.schema}.${source.ref.name}` === name),
  );
  if (loose.length === 1) return loose[0]!;
  throw new AnswerProblem(
    `there is no source "${name.slice(0, 100)}"; choose one of ${context.sources.map((source) => JSON.stringify(source.id)).join(', ')}.`,
  );
}

function checkFilterAnswer(filter: unknown, source: GroundedSource): Definition {
  if (filter === null || filter === undefined)
    throw new AnswerProblem('kind is "filter" but "filter" is null: give the rule group.');
  const parsed = filterSchema.safeParse(filter);
  if (!parsed.success)
    throw new AnswerProblem(`the filter is not valid: ${issuesText(parsed.error, 'filter')}.`);
  try {
    checkFilter(parsed.data, source.description.fields);
  } catch (error) {
    if (!isConnectorError(error) || error.reason !== 'invalid_filter') throw error;
    const problems = Object.values(error.fieldErrors ?? {});
    const listed = source.description.fields
      .filter((field) => field.filterable)
      .slice(0, 80)
      .map((field) => JSON.stringify(field.name))
      .join(', ');
    throw new AnswerProblem(
      `${problems.length > 0 ? problems.slice(0, 5).join('; ') : error.message}. The fields of ${JSON.stringify(source.id)} are: ${listed}.`,
    );
  }
  return { type: 'filter', filter: parsed.data };
}

async function checkQueryAnswer(
  query: string | null | undefined,
  source: GroundedSource | null,
  context: CheckContext,
): Promise<Definition> {
  const parsed = definitionSchema.safeParse({ type: 'query', query: query ?? '' });
  if (!parsed.success)
    throw new AnswerProblem(
      `kind is "query" but the query is not usable: ${parsed.error.issues[0]?.message}.`,
    );
  if (context.queryLanguage === 'mongodb-pipeline' && !source)
    throw new AnswerProblem('a MongoDB pipeline runs on one collection: set "source" to it.');
  const definition = parsed.data;
  try {
    // Exactly the checks a hand-written query gets: the connector's own read-only
    // rules, then the database itself parsing and planning it, on one row only.
    await context.connector.preview({
      ...(source ? { source: source.ref } : {}),
      definition,
      pageSize: 1,
      signal: context.signal,
    });
  } catch (error) {
    if (context.signal?.aborted || !isConnectorError(error)) throw error;
    if (error.reason === 'query_rejected') throw new AnswerProblem(error.message, true);
    if (['query_failed', 'invalid_filter', 'source_not_found', 'permission_denied'].includes(error.reason))
      throw new AnswerProblem(`the database rejected the query: ${error.message}`);
    throw error;
  }
  return definition;
}

/**
 * Checks a model's reply like a hand-written definition: JSON of the answer's shape;
 * a filter through the filter schema and `checkFilter` against the described fields
 * (unknown fields, operators the type lacks, values of the wrong type); a raw query
 * through the connector's read-only rules and the database (one row). Throws
 * {@link AnswerProblem} for anything the model should fix.
 */
export async function checkAnswer(text: string, context: CheckContext): Promise<CheckedAnswer> {
  const json = parseJsonAnswer(text);
  if (!json.ok) throw new AnswerProblem(`${json.problem}. Reply with the JSON object only.`);
  const answer = modelAnswerSchema.safeParse(json.value);
  if (!answer.success)
    throw new AnswerProblem(`the JSON does not have the answer's shape: ${issuesText(answer.error, '')}.`);
  const { kind, explanation } = answer.data;
  if (kind === 'cannot') return { outcome: 'cannot', explanation: explanation?.trim() || 'No reason given.' };

  // A SQL query names its own tables; without a named source, the best-ranked one is where it is shown.
  const source =
    resolveSource(answer.data.source, context) ??
    (kind === 'query' && context.queryLanguage === 'sql' ? (context.sources[0] ?? null) : null);
  if (kind === 'filter') {
    if (!source) throw new AnswerProblem('a filter runs on one source: set "source" to it.');
    return {
      outcome: 'definition',
      source,
      definition: checkFilterAnswer(answer.data.filter, source),
      explanation: explanation?.trim() ?? '',
    };
  }
  if (context.filtersOnly)
    throw new AnswerProblem(
      'this user may not run raw queries, so answer with kind "filter" (or "cannot" if a filter cannot express the request).',
      true,
      'The AI model could only answer with a query, and only editors and owners may run queries; nothing was run. Rephrase the request so that filters can express it, or ask an editor to build the cohort.',
    );
  return {
    outcome: 'definition',
    source,
    definition: await checkQueryAnswer(answer.data.query, source, context),
    explanation: explanation?.trim() ?? '',
  };
}
