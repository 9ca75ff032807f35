import type { Document } from 'bson';
import { isPlainObject } from '../bson/bson-view';
import { MongoCommandError } from '../command-error';
import { rejectServerSideJavaScript } from './compile-filter';
import { SUPPORTED_STAGES } from './mingo-context';

/** Where a pipeline sits: writing stages are allowed only at the end of a top-level one. */
export type PipelinePlace = 'top' | 'facet' | 'lookup' | 'unionWith' | 'view';

/** Stages MongoDB has that need indexes, Atlas Search or server internals this server lacks. */
const UNSUPPORTED_STAGES = new Set([
  '$geoNear',
  '$search',
  '$searchMeta',
  '$vectorSearch',
  '$changeStream',
  '$changeStreamSplitLargeEvent',
  '$collStats',
  '$indexStats',
  '$currentOp',
  '$listSessions',
  '$listLocalSessions',
  '$listSearchIndexes',
  '$planCacheStats',
  '$queryStats',
  '$shardedDataDistribution',
  '$listSampledQueries',
]);

const WRITING_STAGES = new Set(['$out', '$merge']);

/** The name of a stage (its only field), after checking it has exactly one. */
export function stageName(stage: unknown): string {
  if (!isPlainObject(stage) || Object.keys(stage).length !== 1) {
    throw new MongoCommandError(
      40323,
      'A pipeline stage specification object must contain exactly one field.',
    );
  }
  return Object.keys(stage)[0]!;
}

/**
 * Checks a pipeline the way mongod parses one before running it: stage shape and
 * names, where `$out`/`$merge` may appear, nested pipelines of `$facet`, `$lookup`
 * and `$unionWith`, and no server-side JavaScript anywhere.
 */
export function validatePipeline(pipeline: readonly unknown[], place: PipelinePlace, namespace = ''): void {
  pipeline.forEach((stage, index) => {
    const name = stageName(stage);
    const body = (stage as Document)[name] as unknown;
    if (WRITING_STAGES.has(name)) {
      if (place === 'facet')
        throw new MongoCommandError(40600, `${name} is not allowed to be used within a $facet stage`);
      if (place === 'lookup')
        throw new MongoCommandError(51047, `${name} is not allowed within a $lookup's sub-pipeline`);
      if (place === 'unionWith') {
        throw new MongoCommandError(31441, `${name} is not allowed within a $unionWith's sub-pipeline`);
      }
      if (place === 'view') {
        throw new MongoCommandError(
          167,
          `The aggregation stage ${name} in location ${index} of the pipeline cannot be used in the view definition of ${namespace} because it writes to disk`,
        );
      }
      if (index !== pipeline.length - 1) {
        throw new MongoCommandError(40601, `${name} can only be the final stage in the pipeline`);
      }
    } else if (UNSUPPORTED_STAGES.has(name)) {
      throw new MongoCommandError(238, `${name} is not supported by the Connect MongoDB test server`);
    } else if (!SUPPORTED_STAGES.has(name)) {
      throw new MongoCommandError(40324, `Unrecognized pipeline stage name: '${name}'`);
    }
    if (name === '$match') {
      // $match filters are checked (and $where rejected) when they are compiled.
      return;
    }
    rejectServerSideJavaScript(body);
    if (name === '$facet' && isPlainObject(body)) {
      for (const inner of Object.values(body)) {
        if (!Array.isArray(inner)) throw new MongoCommandError(40170, 'arguments to $facet must be arrays');
        validatePipeline(inner, 'facet');
      }
    }
    if (
      (name === '$lookup' || name === '$unionWith') &&
      isPlainObject(body) &&
      Array.isArray(body.pipeline)
    ) {
      validatePipeline(body.pipeline, name === '$lookup' ? 'lookup' : 'unionWith');
    }
  });
}
