import type { ConnectorKind } from '@connect/connectors';
import type { ChatMessage } from '../llm/llm-client';
import { dialects } from './dialects';
import { describeGroundedSource, fieldTypeLegend, type GroundedSource } from './grounded-source';
import { operatorGuide } from './operator-guide';

export interface GroundingInput {
  kind: ConnectorKind;
  /** The connector's label, such as "PostgreSQL". */
  kindLabel: string;
  sources: readonly GroundedSource[];
  /** The user chose the source (the cohort builder); otherwise the model picks one of `sources`. */
  fixedSource: boolean;
  /** The user may not run raw queries: the model is told to answer with a filter. */
  filtersOnly: boolean;
  now: Date;
  /** An IANA time zone, such as Europe/Berlin; UTC when unknown. */
  timeZone: string;
  prompt: string;
}

/** The IANA zone if this runtime knows it, else UTC. */
export function knownTimeZone(timeZone: string | undefined): string {
  if (!timeZone) return 'UTC';
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return timeZone;
  } catch {
    return 'UTC';
  }
}

function clock(now: Date, timeZone: string): string {
  const local = new Intl.DateTimeFormat('en-GB', { timeZone, dateStyle: 'full', timeStyle: 'short' }).format(
    now,
  );
  return `Now is ${now.toISOString()} (UTC). The user's time zone is ${timeZone}, where it is ${local}. Today is ${now.toISOString().slice(0, 10)} in UTC.`;
}

/**
 * The conversation that asks for a cohort definition: the rules of the answer, the
 * database's kind and raw-query dialect, the clock and time zone, the supported
 * operators, and the offered sources with their fields. Nothing else about the
 * customer's data is in it; sample values only if the caller put them on a source.
 */
export function buildMessages(input: GroundingInput): ChatMessage[] {
  const dialect = dialects[input.kind];
  const sourceRule = input.fixedSource
    ? `The source is fixed: ${JSON.stringify(input.sources[0]?.id)}. Set "source" to it or to null.`
    : 'Set "source" to the id of the source the filter (or MongoDB pipeline) runs on, chosen from the sources below; for a SQL query, the source whose rows it selects.';
  const system = [
    'You turn a plain-English description of a group of people or records (a cohort) into a definition that Connect runs on the company’s own database. Connect only reads: never write, change or delete anything.',
    '',
    'Answer with one JSON object:',
    '- kind "filter" (preferred whenever it can express the request): "filter" is a rule group {"combinator": "and" or "or", "not": false, "rules": [...]} whose rules are {"field": ..., "operator": ..., "value": ...} or nested groups. Use only the fields listed below, spelled exactly as listed, with an operator allowed for the field’s type. Enum fields take only their listed values.',
    input.filtersOnly
      ? '- kind "query" is not allowed for this user: never answer with it. Express the request as a filter, or answer "cannot".'
      : `- kind "query": only when a filter cannot express the request (comparing two fields, counting or summing related rows, joining sources). "query" is one read-only ${dialect.name} query. ${dialect.queryRules} Select whole rows of the source (e.g. SELECT * or SELECT u.*) so the result can be used as a cohort.`,
    '- kind "cannot": when the request needs data that none of the listed fields holds. Never invent a field, table or value; say in "explanation" what is missing.',
    'Set whichever of "filter" and "query" is unused to null. Put a one-sentence description of the selected rows in "explanation".',
    sourceRule,
    '',
    `Database: ${input.kindLabel}. Raw queries are ${dialect.name}.`,
    clock(input.now, input.timeZone),
    'A calendar-day operator (on, before, after) takes a UTC day written YYYY-MM-DD.',
    '',
    `Field types: ${fieldTypeLegend()}.`,
    operatorGuide(),
    '',
    input.sources.length === 1 ? 'The source:' : `The sources to choose from (${input.sources.length}):`,
    ...input.sources.map(describeGroundedSource),
  ].join('\n');
  return [
    { role: 'system', content: system },
    { role: 'user', content: input.prompt },
  ];
}

/** The message of the repair round: the check that failed, and what to do instead. */
export function repairMessage(problem: string): ChatMessage {
  return {
    role: 'user',
    content:
      `Your answer was rejected: ${problem}\n` +
      'Answer again with the corrected JSON object. Use only the listed fields, spelled exactly, with operators allowed for their types and values of the right shape; a query must be a single read-only statement. ' +
      'If the request cannot be answered from these fields, answer kind "cannot".',
  };
}
