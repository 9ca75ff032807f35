import type { Document } from 'bson';
import { Aggregator } from 'mingo/aggregator';
import type { AnyObject } from 'mingo/types';
import { fromViewDocument, toViewDocument } from '../bson/bson-view';
import { MongoCommandError, badValue } from '../command-error';
import type { MemoryStore, StoredDocument } from '../store/memory-store';
import { mingoOptions } from './mingo-context';
import { prepareStage } from './prepare-stage';
import { resolveSource } from './resolve-source';
import { runStoredPrefix } from './stored-prefix';
import { validatePipeline } from './validate-pipeline';
import { writeOutputStage } from './write-output';

/**
 * Runs an aggregation on `source` (a collection or view of `database`), or on no
 * collection at all (`{aggregate: 1}`, which must start with `$documents`). Returns
 * typed result documents; a pipeline ending in `$out`/`$merge` writes them instead
 * and returns none, as MongoDB does.
 */
export function runAggregation(
  store: MemoryStore,
  database: string,
  source: string | undefined,
  pipeline: Document[],
  variables?: Record<string, unknown>,
): Document[] {
  validatePipeline(pipeline, 'top');
  const last = pipeline.at(-1);
  const writes = last !== undefined && ('$out' in last || '$merge' in last);
  const stages = writes ? pipeline.slice(0, -1) : pipeline;
  const results = evaluate(store, database, source, stages, variables);
  if (writes) {
    writeOutputStage(store, database, last!, results);
    return [];
  }
  return results;
}

function evaluate(
  store: MemoryStore,
  database: string,
  source: string | undefined,
  pipeline: Document[],
  variables?: Record<string, unknown>,
): Document[] {
  let stages = pipeline;
  let input: readonly StoredDocument[] = [];
  if (source !== undefined) {
    const resolved = resolveSource(store, database, source);
    input = resolved.collection?.all() ?? [];
    stages = [...resolved.viewPipeline, ...pipeline];
  } else if (!stages[0] || !('$documents' in stages[0])) {
    const first = stages[0] ? Object.keys(stages[0])[0] : undefined;
    throw new MongoCommandError(
      73,
      `{aggregate: 1} is not valid for '${first ?? 'an empty pipeline'}'; a collection is required.`,
    );
  }

  const options = mingoOptions((name) => resolveCollection(store, database, name), variables);
  return withMingoErrors(() => {
    const { documents, rest } = runStoredPrefix(input, stages, options);
    if (rest.length === 0) return documents.map((stored) => stored.typed);
    const views = documents.map((stored) => toViewDocument(stored.typed));
    const results = new Aggregator(rest.map(prepareStage), options).run(views) as Document[];
    return results.map((result) => fromViewDocument(result));
  });
}

/**
 * `$lookup`, `$graphLookup` and `$unionWith` read other collections of the same
 * database through this: fresh view copies, with views evaluated first.
 */
function resolveCollection(store: MemoryStore, database: string, name: string): AnyObject[] {
  const resolved = resolveSource(store, database, name);
  if (resolved.isView) {
    return evaluate(store, database, name, []).map((typed) => toViewDocument(typed) as AnyObject);
  }
  return (resolved.collection?.all() ?? []).map((stored) => toViewDocument(stored.typed) as AnyObject);
}

/** mingo reports bad expressions as plain errors; MongoDB reports them as command errors. */
export function withMingoErrors<T>(run: () => T): T {
  try {
    return run();
  } catch (error) {
    if (error instanceof MongoCommandError) throw error;
    throw badValue((error as Error).message);
  }
}
