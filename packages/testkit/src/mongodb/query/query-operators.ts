import {
  $all as mingoAll,
  $bitsAllClear as mingoBitsAllClear,
  $bitsAllSet as mingoBitsAllSet,
  $bitsAnyClear as mingoBitsAnyClear,
  $bitsAnySet as mingoBitsAnySet,
  $elemMatch as mingoElemMatch,
  $eq as mingoEq,
  $gt as mingoGt,
  $gte as mingoGte,
  $in as mingoIn,
  $lt as mingoLt,
  $lte as mingoLte,
  $mod as mingoMod,
  $regex as mingoRegex,
  $size as mingoSize,
} from 'mingo/operators/query';
import type { Options } from 'mingo/types';
import { sortKeyCandidates } from '../bson/bson-order';
import { presentValues } from '../bson/bson-paths';
import { parseTypeArgument, typeMatches } from '../bson/bson-type-names';
import { fromView } from '../bson/bson-view';

type Predicate = (document: unknown) => boolean;
type QueryOperator = (selector: string, value: unknown, options: Options) => Predicate;

/**
 * Query operators where mingo and MongoDB disagree. Each replaces mingo's operator
 * of the same name in the server's context.
 */

/**
 * Dotted paths the way MongoDB walks them. mingo resolves `a.b` over an array `a` by
 * also returning elements that are arrays themselves, so `{"a.b": 1}` matches
 * `{a: [[1, 2]]}`, which has no `b` at all. MongoDB descends one array level into
 * embedded documents only. For a dotted path the operator is therefore applied, with
 * mingo's single-field semantics (array value or any element), to each value
 * actually present at the path.
 */
function alongMongoPath(operator: QueryOperator): QueryOperator {
  return (selector, value, options) => {
    if (!selector.includes('.')) return operator(selector, value, options);
    const single = operator('v', value, options);
    return (document) => presentValues(document, selector).some((found) => single({ v: found }));
  };
}

const eqAlongPath = alongMongoPath(mingoEq as QueryOperator);
const inAlongPath = alongMongoPath(mingoIn as QueryOperator);

export const $gt = alongMongoPath(mingoGt as QueryOperator);
export const $gte = alongMongoPath(mingoGte as QueryOperator);
export const $lt = alongMongoPath(mingoLt as QueryOperator);
export const $lte = alongMongoPath(mingoLte as QueryOperator);
export const $regex = alongMongoPath(mingoRegex as QueryOperator);
export const $size = alongMongoPath(mingoSize as QueryOperator);
export const $all = alongMongoPath(mingoAll as QueryOperator);
export const $elemMatch = alongMongoPath(mingoElemMatch as QueryOperator);
export const $mod = alongMongoPath(mingoMod as QueryOperator);
export const $bitsAllSet = alongMongoPath(mingoBitsAllSet as QueryOperator);
export const $bitsAnySet = alongMongoPath(mingoBitsAnySet as QueryOperator);
export const $bitsAllClear = alongMongoPath(mingoBitsAllClear as QueryOperator);
export const $bitsAnyClear = alongMongoPath(mingoBitsAnyClear as QueryOperator);

/**
 * `{a: null}` matches a missing `a`, an explicit null, and also a document whose
 * `a` is an array of embedded documents one of which lacks the field (MongoDB
 * treats that element's value as null). mingo drops missing array elements while
 * resolving `a.b`, so it misses the last case.
 */
function matchesNull(document: unknown, selector: string): boolean {
  return sortKeyCandidates(document, selector).some((candidate) => candidate === null);
}

export const $eq: QueryOperator = (selector, value, options) => {
  if (value === null) return (document) => matchesNull(document, selector);
  return eqAlongPath(selector, value, options);
};

export const $ne: QueryOperator = (selector, value, options) => {
  const equal = $eq(selector, value, options);
  return (document) => !equal(document);
};

export const $in: QueryOperator = (selector, value, options) => {
  const values = value as unknown[];
  const nonNull = values.filter((item) => item !== null);
  const rest: Predicate = nonNull.length > 0 ? inAlongPath(selector, nonNull, options) : () => false;
  if (nonNull.length === values.length) return rest;
  return (document) => matchesNull(document, selector) || rest(document);
};

export const $nin: QueryOperator = (selector, value, options) => {
  const within = $in(selector, value, options);
  return (document) => !within(document);
};

/**
 * `{"a.b": {$exists: true}}` is true only when some branch holds the field. mingo
 * resolves `a.b` over an array to an (empty) array and calls that "existing".
 */
export const $exists: QueryOperator = (selector, value) => {
  const wanted = value !== false && value !== 0 && value !== null && value !== undefined;
  return (document) => presentValues(document, selector).length > 0 === wanted;
};

/**
 * `$type` needs the BSON type, which the view form has erased for numbers (Int32,
 * Long, Double and Decimal128 are all JS numbers there). The document is turned back
 * into typed BSON first; an array matches when it, or any element, has the type.
 */
export const $type: QueryOperator = (selector, value) => {
  const aliases = parseTypeArgument(value);
  return (document) =>
    presentValues(fromView(document), selector).some(
      (found) =>
        typeMatches(found, aliases) ||
        (Array.isArray(found) && found.some((element) => typeMatches(element, aliases))),
    );
};
