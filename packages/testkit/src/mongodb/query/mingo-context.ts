import { Context, ProcessingMode } from 'mingo/core';
import * as accumulatorOperators from 'mingo/operators/accumulator';
import * as expressionOperators from 'mingo/operators/expression';
import * as pipelineOperators from 'mingo/operators/pipeline';
import * as projectionOperators from 'mingo/operators/projection';
import * as queryOperators from 'mingo/operators/query';
import * as windowOperators from 'mingo/operators/window';
import type { CollectionResolver, Options } from 'mingo/types';
import * as expressionOverrides from './expression-operators';
import * as stageOverrides from './pipeline-stages';
import * as queryOverrides from './query-operators';

// Server-side JavaScript is off, as on a mongod started with --noscripting; $out and
// $merge write to the store, so the server runs them itself, outside mingo.
const { $function: _function, ...expressions } = expressionOperators;
const { $accumulator: _accumulator, ...accumulators } = accumulatorOperators;
const { $out: _out, $merge: _merge, ...stages } = pipelineOperators;

type OperatorTable = Parameters<typeof Context.init>[0];

/** mingo's operators with the server's MongoDB-faithful replacements layered on top. */
const MONGO_CONTEXT = Context.init({
  accumulator: accumulators,
  expression: { ...expressions, ...expressionOverrides },
  pipeline: { ...stages, ...stageOverrides },
  projection: projectionOperators,
  query: { ...queryOperators, ...queryOverrides },
  window: windowOperators,
} as OperatorTable);

/** Names of the aggregation stages the server runs (mingo's plus `$out`/`$merge`). */
export const SUPPORTED_STAGES: ReadonlySet<string> = new Set([...Object.keys(stages), '$out', '$merge']);

/**
 * Options for every mingo Query/Aggregator the server creates. `variables` are a
 * command's `let` constants (view form), visible as `$$name`.
 */
export function mingoOptions(
  collectionResolver?: CollectionResolver,
  variables?: Record<string, unknown>,
): Options {
  return {
    context: MONGO_CONTEXT,
    idKey: '_id',
    processingMode: ProcessingMode.CLONE_OFF,
    useStrictMode: true,
    scriptEnabled: false,
    failOnError: true,
    ...(collectionResolver ? { collectionResolver } : {}),
    ...(variables ? { variables } : {}),
  };
}
