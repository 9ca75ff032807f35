import type { Document } from 'bson';
import { isPlainObject, numericValue, toView } from '../bson/bson-view';
import { MongoCommandError } from '../command-error';
import { compileFilter } from './compile-filter';
import { stageName } from './validate-pipeline';

/**
 * Turns one validated, typed pipeline stage into the view form mingo runs: `$match`
 * filters compiled with MongoDB's rules, nested pipelines prepared the same way,
 * and the argument checks mongod makes for the simple stages.
 */
export function prepareStage(stage: Document): Document {
  const name = stageName(stage);
  const body = stage[name] as unknown;
  switch (name) {
    case '$match':
      if (!isPlainObject(body))
        throw new MongoCommandError(15959, 'the match filter must be an expression in an object');
      return { $match: compileFilter(body, 'aggregate') };
    case '$facet': {
      if (!isPlainObject(body))
        throw new MongoCommandError(15955, 'the $facet specification must be a non-empty object');
      const facets: Document = {};
      for (const [key, pipeline] of Object.entries(body))
        facets[key] = (pipeline as Document[]).map(prepareStage);
      return { $facet: facets };
    }
    case '$lookup':
    case '$unionWith': {
      if (typeof body === 'string') return { [name]: body };
      if (!isPlainObject(body)) return { [name]: toView(body) };
      const prepared = toView(body) as Document;
      if (Array.isArray(body.pipeline)) prepared.pipeline = (body.pipeline as Document[]).map(prepareStage);
      return { [name]: prepared };
    }
    case '$limit': {
      const limit = numericValue(body);
      if (limit === undefined) throw new MongoCommandError(15957, 'the limit must be specified as a number');
      if (limit <= 0) throw new MongoCommandError(15958, 'the limit must be positive');
      return { $limit: Math.trunc(limit) };
    }
    case '$skip': {
      const skip = numericValue(body);
      if (skip === undefined) throw new MongoCommandError(15972, 'Argument to $skip must be a number');
      if (skip < 0) throw new MongoCommandError(15956, 'Argument to $skip cannot be negative');
      return { $skip: Math.trunc(skip) };
    }
    default:
      return { [name]: toView(body) };
  }
}
