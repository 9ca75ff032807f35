import {
  type Connector,
  connectorKinds,
  formatSourceId,
  type SourceRef,
  sourceLabel,
} from '@connect/connectors';
import type { Definition, LlmCredentials } from '@connect/core';
import { answerJsonSchema } from './answer/answer-schema';
import { AnswerProblem, checkAnswer } from './answer/check-answer';
import { buildMessages, knownTimeZone, repairMessage } from './grounding/build-messages';
import type { GroundedSource } from './grounding/grounded-source';
import { pickSources, type PickSourcesOptions } from './grounding/pick-sources';
import { sampleValues } from './grounding/sample-values';
import { createLlmClient } from './llm/llm-client';
import { MagicQueryError } from './magic-query-error';

/** Prompts longer than this are refused before anything is sent. */
export const maxPromptLength = 2_000;

export interface GenerateQueryRequest {
  /** What the user wants, in plain English. */
  prompt: string;
  /** The connection's connector: described, listed and (for raw queries) previewed read-only. */
  connector: Connector;
  /** The table or collection the user is on; absent for a prompt about the whole database. */
  source?: SourceRef | undefined;
  model: LlmCredentials;
  /** The admin switch: send a few distinct values of text fields with the prompt. */
  sendSampleValues?: boolean | undefined;
  /** Default: now. The clock the model is told (relative dates still use the database's clock). */
  now?: Date | undefined;
  /** The user's IANA time zone. Default UTC. */
  timeZone?: string | undefined;
  /** Cancels the model call and any database call in progress. */
  signal?: AbortSignal | undefined;
  /** Per model call. Default 60 seconds. */
  timeoutMs?: number | undefined;
  /** How sources are picked for a database-level prompt. */
  pick?: Omit<PickSourcesOptions, 'signal'> | undefined;
  /**
   * Answer with filters only, never a raw query: for users whose role may not run
   * raw queries (viewers). A query answer is sent back for a filter, and refused if
   * the second answer is a query too; nothing the model writes runs on the database.
   */
  filtersOnly?: boolean | undefined;
}

export interface GeneratedQuery {
  /** Where the definition runs (for a SQL query: the source whose rows it selects, for display). */
  source: { ref: SourceRef; id: string } | null;
  /** Checked: a filter that passed `checkFilter`, or a raw query the connector accepted. */
  definition: Definition;
  /** The model's one-sentence account of the rows it selects. */
  explanation: string;
  /** Model calls made: 1, or 2 when the repair round was needed. */
  attempts: number;
  /** Whether the server enforced the answer's JSON Schema. */
  structuredOutputs: boolean;
  /** The sources the model was shown (database-level prompts: the picked ones). */
  offeredSources: string[];
}

async function groundSources(request: GenerateQueryRequest): Promise<GroundedSource[]> {
  const { connector, signal } = request;
  const sources = request.source
    ? [
        {
          ref: request.source,
          id: formatSourceId(request.source),
          description: await connector.describe(request.source, { signal }),
        },
      ]
    : await pickSources(request.prompt, connector, { ...request.pick, signal });
  if (!request.sendSampleValues) return sources;
  return Promise.all(
    sources.map(async (source) => ({
      ...source,
      samples: await sampleValues(connector, source.ref, source.description.fields, signal),
    })),
  );
}

/**
 * Turns a plain-English request into a checked cohort definition with the
 * configured model. The model sees the source's kind, dialect and described fields,
 * the clock and time zone and the supported operators (sample values only when
 * allowed); it answers JSON (a filter preferably, else a raw query); the answer is
 * checked like a hand-written one; one repair round sends a failed check back. A
 * second failure, a refusal, a write query or a provider problem is a
 * {@link MagicQueryError} whose message the user can act on. Nothing is logged here:
 * prompts and sample values stay out of the logs.
 */
export async function generateQuery(request: GenerateQueryRequest): Promise<GeneratedQuery> {
  const prompt = request.prompt.trim();
  if (prompt === '')
    throw new MagicQueryError('invalid_answer', 'Describe the people you want, in plain English.');
  if (prompt.length > maxPromptLength)
    throw new MagicQueryError('invalid_answer', `Keep the request under ${maxPromptLength} characters.`);
  const { connector, signal } = request;
  const sources = await groundSources({ ...request, prompt });
  const kindInfo = connectorKinds[connector.kind];
  const messages = buildMessages({
    kind: connector.kind,
    kindLabel: kindInfo.label,
    sources,
    fixedSource: request.source !== undefined,
    filtersOnly: request.filtersOnly === true,
    now: request.now ?? new Date(),
    timeZone: knownTimeZone(request.timeZone),
    prompt,
  });
  const schema = answerJsonSchema({
    fields: [
      ...new Set(
        sources.flatMap((source) =>
          source.description.fields.filter((field) => field.filterable).map((field) => field.name),
        ),
      ),
    ],
    sources: request.source ? null : sources.map((source) => source.id),
  });
  const client = createLlmClient({ ...request.model, timeoutMs: request.timeoutMs });
  const checkContext = {
    connector,
    sources,
    fixedSource: request.source !== undefined,
    queryLanguage: connector.capabilities.queryLanguage,
    filtersOnly: request.filtersOnly === true,
    signal,
  };
  const where = sources.length === 1 ? sourceLabel(sources[0]!.ref) : 'these tables';

  let lastProblem: AnswerProblem | undefined;
  for (let attempt = 1; attempt <= 2; attempt += 1) {
    const reply = await client.completeJson({ messages, schema, signal });
    if (reply.kind === 'refusal')
      throw new MagicQueryError('refused', `The AI model declined this request: ${reply.reason}`);
    try {
      if (reply.truncated)
        throw new AnswerProblem('the answer was cut off at the length limit; answer more briefly.');
      const checked = await checkAnswer(reply.content, checkContext);
      if (checked.outcome === 'cannot')
        throw new MagicQueryError(
          'cannot_answer',
          `The AI model could not build this from the fields of ${where}: ${checked.explanation}`,
        );
      return {
        source: checked.source ? { ref: checked.source.ref, id: checked.source.id } : null,
        definition: checked.definition,
        explanation: checked.explanation,
        attempts: attempt,
        structuredOutputs: reply.structured,
        offeredSources: sources.map((source) => source.id),
      };
    } catch (error) {
      if (!(error instanceof AnswerProblem)) throw error;
      lastProblem = error;
      messages.push({ role: 'assistant', content: reply.content }, repairMessage(error.message));
    }
  }
  const problem = lastProblem!;
  if (problem.forUser) throw new MagicQueryError('query_refused', problem.forUser);
  if (problem.refused)
    throw new MagicQueryError(
      'query_refused',
      `The AI model wrote a query Connect does not run, and nothing was run: ${problem.message} Rephrase the request, or build the filter yourself.`,
    );
  throw new MagicQueryError(
    'invalid_answer',
    `The AI model's answer did not pass the checks, even after a second try: ${problem.message} Rephrase the request, or build the filter yourself.`,
  );
}
