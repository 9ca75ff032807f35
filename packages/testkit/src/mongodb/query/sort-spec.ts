import type { SortSpec } from '../bson/bson-order';
import { isPlainObject, numericValue } from '../bson/bson-view';
import { MongoCommandError } from '../command-error';

/**
 * Validates a sort document (`{field: 1 | -1, ...}`, typed or view form) and returns
 * its [path, direction] pairs in order. `$meta` sorts need a text index, which this
 * server does not have.
 */
export function parseSortSpec(spec: unknown, where: '$sort' | 'find'): SortSpec {
  if (!isPlainObject(spec)) {
    throw new MongoCommandError(15973, 'the $sort key specification must be an object');
  }
  const pairs: Array<readonly [string, 1 | -1]> = [];
  for (const [path, direction] of Object.entries(spec)) {
    if (isPlainObject(direction) && '$meta' in direction) {
      throw new MongoCommandError(
        17312,
        '$meta sort requires a text index ($text is not supported by the Connect MongoDB test server)',
      );
    }
    const value = numericValue(direction);
    if (value !== 1 && value !== -1) {
      throw new MongoCommandError(
        15975,
        '$sort key ordering must be 1 (for ascending) or -1 (for descending)',
      );
    }
    pairs.push([path, value]);
  }
  if (pairs.length === 0 && where === '$sort') {
    throw new MongoCommandError(15976, '$sort stage must have at least one sort key');
  }
  return pairs;
}
