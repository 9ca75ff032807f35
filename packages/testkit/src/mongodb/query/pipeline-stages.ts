import { Lazy, type Iterator } from 'mingo/lazy';
import {
  $addFields as mingoAddFields,
  $project as mingoProject,
  $replaceRoot as mingoReplaceRoot,
  $replaceWith as mingoReplaceWith,
  $set as mingoSet,
  $unset as mingoUnset,
  $unwind as mingoUnwind,
} from 'mingo/operators/pipeline';
import { Aggregator } from 'mingo/aggregator';
import type { AnyObject, Options } from 'mingo/types';
import { randomInt } from 'node:crypto';
import { sortDocuments } from '../bson/bson-order';
import { copyView, linkTyped, typedOriginOf } from '../bson/bson-view';
import { MongoCommandError } from '../command-error';
import { parseSortSpec } from './sort-spec';
import { inSourceOrder } from './source-order';

type PipelineStage = (collection: Iterator, expression: unknown, options: Options) => Iterator;

/**
 * Pipeline stages where mingo and MongoDB disagree. Each replaces mingo's stage of
 * the same name in the server's context.
 */

/** `$sort` in MongoDB's BSON type order, with its array and missing-field rules. */
export const $sort: PipelineStage = (collection, expression) => {
  const spec = parseSortSpec(expression, '$sort');
  return collection.transform((documents: unknown[]) => Lazy(sortDocuments(documents, spec)));
};

/**
 * `$sample` without replacement. mingo draws with replacement, so a sample of a
 * small collection repeats documents; MongoDB's sort-by-random plan (used whenever
 * the sample is 5% of the collection or more) never does.
 */
export const $sample: PipelineStage = (collection, expression) => {
  const size = sampleSize(expression);
  return collection.transform((documents: unknown[]) => Lazy(sampleWithoutReplacement(documents, size)));
};

/** Validates a `$sample` specification and returns its size. */
export function sampleSize(expression: unknown): number {
  if (expression === null || typeof expression !== 'object' || Array.isArray(expression)) {
    throw new MongoCommandError(28745, 'the $sample stage specification must be an object');
  }
  const size = (expression as { size?: unknown }).size;
  if (typeof size !== 'number')
    throw new MongoCommandError(28746, 'size argument to $sample must be a number');
  if (size < 0) throw new MongoCommandError(28747, 'size argument to $sample must not be negative');
  return Math.floor(size);
}

/** A uniform random sample without repeats (a partial Fisher-Yates shuffle). */
export function sampleWithoutReplacement<T>(items: readonly T[], size: number): T[] {
  const pool = items.slice();
  const take = Math.min(size, pool.length);
  for (let i = 0; i < take; i++) {
    const j = i + randomInt(pool.length - i);
    [pool[i], pool[j]] = [pool[j]!, pool[i]!];
  }
  return pool.slice(0, take);
}

/**
 * `$facet` runs each sub-pipeline on its own copy of the input. mingo deep-clones the
 * input for that, which loses what each document was made from, so numbers inside
 * facet results came back with guessed BSON types; these copies keep it.
 */
export const $facet: PipelineStage = (collection, expression, options) => {
  const facets = Object.entries(expression as Record<string, unknown[]>);
  return collection.transform((documents: unknown[]) => {
    const result: Record<string, unknown> = {};
    for (const [name, pipeline] of facets) {
      const copies = documents.map(copyView);
      result[name] = new Aggregator(pipeline as AnyObject[], options).run(copies as AnyObject[]);
    }
    return Lazy([result]);
  });
};

/** `$count` over no documents yields no document in MongoDB; mingo yields `{count: 0}`. */
export const $count: PipelineStage = (collection, expression) => {
  if (typeof expression !== 'string' || expression.length === 0) {
    throw new MongoCommandError(40156, 'the count field must be a non-empty string');
  }
  if (expression.startsWith('$'))
    throw new MongoCommandError(40158, 'the count field cannot be a $-prefixed path');
  if (expression.includes('.')) throw new MongoCommandError(40160, "the count field cannot contain '.'");
  return collection.transform((documents: unknown[]) =>
    Lazy(documents.length === 0 ? [] : [{ [expression]: documents.length }]),
  );
};

/**
 * Wraps a one-document-in, one-document-out stage so each output remembers the typed
 * document its input came from: fields the stage copied keep their exact BSON types
 * when the result is turned back into BSON.
 */
function keepTypes(stage: PipelineStage, { sourceOrder = false, copyInput = false } = {}): PipelineStage {
  return (collection, expression, options) => {
    let current: unknown;
    const tapped = collection.map((document: unknown) => {
      current = document;
      return copyInput ? copyView(document) : document;
    });
    return stage(tapped, expression, options).map((result: unknown) => {
      const output = sourceOrder
        ? inSourceOrder(result, current, expression as Record<string, unknown>)
        : result;
      const origin = current !== null && typeof current === 'object' ? typedOriginOf(current) : undefined;
      if (origin !== undefined && output !== null && typeof output === 'object') linkTyped(output, origin);
      return output;
    });
  };
}

export const $project = keepTypes(mingoProject as PipelineStage, { sourceOrder: true });
// $addFields and $set write nested fields into their input's embedded documents, and
// $unwind marks its input documents: they get copies, so nothing they touch is shared
// (with other facets, other $lookup runs, or the next stage's view of the input).
export const $addFields = keepTypes(mingoAddFields as PipelineStage, { copyInput: true });
export const $set = keepTypes(mingoSet as PipelineStage, { copyInput: true });
export const $unwind: PipelineStage = (collection, expression, options) =>
  (mingoUnwind as PipelineStage)(collection.map(copyView), expression, options);
export const $unset = keepTypes(mingoUnset as PipelineStage);
export const $replaceRoot = keepTypes(mingoReplaceRoot as PipelineStage);
export const $replaceWith = keepTypes(mingoReplaceWith as PipelineStage);
