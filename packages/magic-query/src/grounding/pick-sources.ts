import {
  type Connector,
  formatSourceId,
  type SourceDescription,
  type SourceSummary,
} from '@connect/connectors';
import { MagicQueryError } from '../magic-query-error';
import type { GroundedSource } from './grounded-source';

export interface PickSourcesOptions {
  /** How many sources are described to look at their columns (the best by name first). Default 12. */
  maxDescribed?: number;
  /** How many sources the prompt offers the model at most. Default 4. */
  maxPicked?: number;
  /** Stop adding sources once the picked ones have this many fields together. Default 400. */
  maxFields?: number;
  signal?: AbortSignal;
}

const stopWords = new Set(
  'a an and any are as at be by for from give has have i in is it last me more my of on or over show than that the their them these they this those to under was were where which who whose with without all every people rows row records record list find get want'.split(
    ' ',
  ),
);

/** Words of a name or a sentence, lower-cased and crudely singular: `SignedUpAt` → signed, up, at. */
export function termsOf(text: string): string[] {
  return text
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word.length >= 2)
    .map((word) => (word.length > 4 && word.endsWith('ies') ? `${word.slice(0, -3)}y` : word))
    .map((word) =>
      word.length > 3 && word.endsWith('s') && !word.endsWith('ss') ? word.slice(0, -1) : word,
    );
}

function matches(a: string, b: string): boolean {
  if (a === b) return true;
  const [short, long] = a.length < b.length ? [a, b] : [b, a];
  return short.length >= 4 && long.startsWith(short);
}

/**
 * Each word of the prompt counts once, by its best hit: 3 in the source's name, 1 in
 * its schema, a column's name or an enum value.
 */
function score(promptTerms: readonly string[], name: string[], other: string[]): number {
  return promptTerms.reduce(
    (total, term) =>
      total +
      (name.some((word) => matches(word, term)) ? 3 : other.some((word) => matches(word, term)) ? 1 : 0),
    0,
  );
}

export interface RankedSource {
  summary: SourceSummary;
  description?: SourceDescription;
  score: number;
}

/**
 * Scores sources against a prompt (see {@link score}). Ties go to bigger tables (a prompt about "people"
 * most likely means the large users table, not a lookup table).
 */
export function rankSources(
  prompt: string,
  sources: readonly { summary: SourceSummary; description?: SourceDescription }[],
): RankedSource[] {
  const promptTerms = [...new Set(termsOf(prompt))].filter((term) => !stopWords.has(term));
  return sources
    .map((source) => {
      const other = [
        ...(source.summary.ref.schema ? termsOf(source.summary.ref.schema) : []),
        ...(source.description?.fields.flatMap((field) => [
          ...termsOf(field.name),
          ...(field.enumValues ?? []).flatMap(termsOf),
        ]) ?? []),
      ];
      return { ...source, score: score(promptTerms, termsOf(source.summary.ref.name), other) };
    })
    .sort(
      (a, b) =>
        b.score - a.score ||
        (b.summary.estimatedRows ?? -1) - (a.summary.estimatedRows ?? -1) ||
        a.summary.id.localeCompare(b.summary.id),
    );
}

async function describeAll(
  connector: Connector,
  sources: readonly SourceSummary[],
  signal: AbortSignal | undefined,
): Promise<{ summary: SourceSummary; description: SourceDescription }[]> {
  const described: { summary: SourceSummary; description: SourceDescription }[] = [];
  const queue = [...sources];
  // A few at a time: enough to be quick, few enough not to crowd the connection pool.
  const workers = Array.from({ length: Math.min(4, queue.length) }, async () => {
    for (let next = queue.shift(); next; next = queue.shift()) {
      try {
        described.push({ summary: next, description: await connector.describe(next.ref, { signal }) });
      } catch (error) {
        if (signal?.aborted) throw error;
        // A source we may not read is simply not offered.
      }
    }
  });
  await Promise.all(workers);
  return described;
}

/**
 * For a prompt asked of a whole database: the sources it most likely means, picked
 * first by table names, then by their columns, so a schema with hundreds of tables
 * still fits in the model's context. Only the picked sources are described to it.
 */
export async function pickSources(
  prompt: string,
  connector: Connector,
  options: PickSourcesOptions = {},
): Promise<GroundedSource[]> {
  const { signal } = options;
  const sources = await connector.listSources({ signal });
  if (sources.length === 0)
    throw new MagicQueryError('no_sources', 'This database has no tables or collections Connect can read.');
  const byName = rankSources(
    prompt,
    sources.map((summary) => ({ summary })),
  ).slice(0, options.maxDescribed ?? 12);
  const ranked = rankSources(
    prompt,
    await describeAll(
      connector,
      byName.map((entry) => entry.summary),
      signal,
    ),
  );
  const maxPicked = options.maxPicked ?? 4;
  const maxFields = options.maxFields ?? 400;
  const relevant = ranked.filter((entry) => entry.score > 0);
  const pool = relevant.length > 0 ? relevant : ranked.slice(0, 2);
  const picked: GroundedSource[] = [];
  let fields = 0;
  for (const entry of pool) {
    if (picked.length >= maxPicked) break;
    const description = entry.description!;
    if (picked.length > 0 && fields + description.fields.length > maxFields) break;
    fields += description.fields.length;
    picked.push({
      ref: entry.summary.ref,
      id: formatSourceId(entry.summary.ref),
      description,
      estimatedRows: entry.summary.estimatedRows,
    });
  }
  if (picked.length === 0)
    throw new MagicQueryError(
      'no_sources',
      'None of the tables or collections of this database could be described.',
    );
  return picked;
}
