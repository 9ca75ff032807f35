import { type BSONRegExp } from 'bson';
import { parseTypeArgument } from '../bson/bson-type-names';
import { bsonTypeTag, isPlainObject, numericValue, toView } from '../bson/bson-view';
import { MongoCommandError, badValue } from '../command-error';
import { compileMongoRegex } from './mongo-regex';

/** Where a filter appears: `$where` fails differently in a find and in a `$match`. */
export type FilterContext = 'find' | 'aggregate';

type Filter = Record<string, unknown>;

const FIELD_OPERATORS = new Set([
  '$eq',
  '$ne',
  '$gt',
  '$gte',
  '$lt',
  '$lte',
  '$in',
  '$nin',
  '$exists',
  '$type',
  '$regex',
  '$options',
  '$not',
  '$elemMatch',
  '$size',
  '$all',
  '$mod',
  '$bitsAllSet',
  '$bitsAnySet',
  '$bitsAllClear',
  '$bitsAnyClear',
]);

/** Operators MongoDB has and this server does not (they need geo or text indexes). */
const UNSUPPORTED_OPERATORS = new Set(['$near', '$nearSphere', '$geoWithin', '$geoIntersects', '$within']);

/** MongoDB treats `{a: {$lt: 5}}` as operators only when the first key starts with `$`. */
function isOperatorObject(value: unknown): value is Filter {
  if (!isPlainObject(value)) return false;
  const first = Object.keys(value)[0];
  return (
    first !== undefined && first.startsWith('$') && first !== '$ref' && first !== '$id' && first !== '$db'
  );
}

/**
 * Validates a typed query filter with MongoDB's rules and error messages, and turns
 * it into the view form mingo evaluates: numbers as JS numbers, regexes compiled
 * (including the `x` option JS lacks), literal values wrapped in `$eq` so that mingo
 * never mistakes an embedded document for operators.
 */
export function compileFilter(filter: Filter, where: FilterContext): Filter {
  const compiled: Filter = {};
  for (const [key, value] of Object.entries(filter)) {
    if (!key.startsWith('$')) {
      compiled[key] = compileCondition(key, value, where);
      continue;
    }
    switch (key) {
      case '$and':
      case '$or':
      case '$nor':
        compiled[key] = compileClauses(value, where);
        break;
      case '$expr':
        rejectServerSideJavaScript(value);
        compiled.$expr = toView(value);
        break;
      case '$where':
        throw where === 'find'
          ? new MongoCommandError(6108304, 'no globalScriptEngine in $where parsing')
          : badValue('$where is not allowed in this context');
      case '$comment':
        break;
      case '$text':
        throw new MongoCommandError(27, 'text index required for $text query');
      case '$jsonSchema':
        throw new MongoCommandError(238, '$jsonSchema is not supported by the Connect MongoDB test server');
      default:
        throw badValue(`unknown top level operator: ${key}`);
    }
  }
  return compiled;
}

function compileClauses(value: unknown, where: FilterContext): Filter[] {
  if (!Array.isArray(value) || value.length === 0) throw badValue('$and/$or/$nor must be a nonempty array');
  return value.map((clause) => {
    if (!isPlainObject(clause)) throw badValue('$or/$and/$nor entries need to be full objects');
    return compileFilter(clause, where);
  });
}

function compileCondition(path: string, value: unknown, where: FilterContext): unknown {
  if (bsonTypeTag(value) === 'BSONRegExp') return { $regex: compileRegexValue(value as BSONRegExp) };
  if (isOperatorObject(value)) return compileOperators(path, value, where);
  return { $eq: toView(value) };
}

function compileRegexValue(regex: BSONRegExp): RegExp {
  return compileMongoRegex(regex.pattern, regex.options);
}

function compileOperators(path: string, operators: Filter, where: FilterContext): Filter {
  const compiled: Filter = {};
  let regex: { pattern: string; options: string } | undefined;
  let options: string | undefined;
  for (const [operator, argument] of Object.entries(operators)) {
    switch (operator) {
      case '$regex':
        if (typeof argument === 'string') regex = { pattern: argument, options: '' };
        else if (bsonTypeTag(argument) === 'BSONRegExp') {
          const value = argument as BSONRegExp;
          regex = { pattern: value.pattern, options: value.options };
        } else throw badValue('$regex has to be a string');
        break;
      case '$options':
        if (typeof argument !== 'string') throw badValue('$options has to be a string');
        options = argument;
        break;
      case '$in':
      case '$nin':
        if (!Array.isArray(argument)) throw badValue(`${operator} needs an array`);
        compiled[operator] = argument.map((item) => {
          if (bsonTypeTag(item) === 'BSONRegExp') return compileRegexValue(item as BSONRegExp);
          if (isOperatorObject(item)) throw badValue(`cannot nest $ under ${operator}`);
          return toView(item);
        });
        break;
      case '$not':
        if (bsonTypeTag(argument) === 'BSONRegExp') compiled.$not = compileRegexValue(argument as BSONRegExp);
        else if (isPlainObject(argument)) {
          if (Object.keys(argument).length === 0) throw badValue('$not cannot be empty');
          if (!isOperatorObject(argument)) throw badValue('$not needs a regex or a document');
          compiled.$not = compileOperators(path, argument, where);
        } else throw badValue('$not needs a regex or a document');
        break;
      case '$elemMatch':
        if (!isPlainObject(argument)) throw badValue('$elemMatch needs an Object');
        compiled.$elemMatch =
          isOperatorObject(argument) && Object.keys(argument).every((key) => FIELD_OPERATORS.has(key))
            ? compileOperators(path, argument, where)
            : compileFilter(argument, where);
        break;
      case '$all':
        if (!Array.isArray(argument)) throw badValue('$all needs an array');
        compiled.$all = argument.map((item) => {
          if (bsonTypeTag(item) === 'BSONRegExp') return compileRegexValue(item as BSONRegExp);
          if (isPlainObject(item) && '$elemMatch' in item) {
            return compileOperators(path, item, where);
          }
          return toView(item);
        });
        break;
      case '$type':
        parseTypeArgument(toView(argument));
        compiled.$type = toView(argument);
        break;
      case '$size': {
        const size = numericValue(argument);
        if (size === undefined) throw badValue('$size needs a number');
        compiled.$size = size;
        break;
      }
      case '$mod':
        compiled.$mod = compileMod(argument);
        break;
      case '$gt':
      case '$gte':
      case '$lt':
      case '$lte':
        if (bsonTypeTag(argument) === 'BSONRegExp') {
          throw badValue(`Can't have RegEx as arg to predicate over field '${path}'.`);
        }
        compiled[operator] = toView(argument);
        break;
      case '$eq':
      case '$ne':
      case '$exists':
      case '$bitsAllSet':
      case '$bitsAnySet':
      case '$bitsAllClear':
      case '$bitsAnyClear':
        compiled[operator] = toView(argument);
        break;
      default:
        if (UNSUPPORTED_OPERATORS.has(operator)) {
          throw new MongoCommandError(238, `${operator} is not supported by the Connect MongoDB test server`);
        }
        throw badValue(`unknown operator: ${operator}`);
    }
  }
  if (options !== undefined && regex === undefined) throw badValue('$options needs a $regex');
  if (regex) {
    if (regex.options !== '' && options !== undefined) {
      throw new MongoCommandError(51075, 'options set in both $regex and $options');
    }
    compiled.$regex = compileMongoRegex(regex.pattern, options ?? regex.options);
  }
  return compiled;
}

function compileMod(argument: unknown): number[] {
  if (!Array.isArray(argument)) throw badValue('malformed mod, needs to be an array');
  if (argument.length < 2) throw badValue('malformed mod, not enough elements');
  if (argument.length > 2) throw badValue('malformed mod, too many elements');
  const [divisor, remainder] = argument.map(numericValue);
  if (divisor === undefined || remainder === undefined) throw badValue('malformed mod, divisor not a number');
  if (Math.trunc(divisor) === 0) throw badValue('divisor cannot be 0');
  return [Math.trunc(divisor), Math.trunc(remainder)];
}

const SCRIPT_OPERATORS = new Set(['$function', '$accumulator', '$where']);

/**
 * Server-side JavaScript is disabled, as on a mongod started with --noscripting:
 * `$function` and `$accumulator` fail with the error mongod gives in that mode.
 */
export function rejectServerSideJavaScript(value: unknown): void {
  if (Array.isArray(value)) {
    value.forEach(rejectServerSideJavaScript);
    return;
  }
  if (!isPlainObject(value)) return;
  for (const [key, inner] of Object.entries(value)) {
    if (SCRIPT_OPERATORS.has(key)) {
      if (key === '$where') throw badValue('$where is not allowed in this context');
      throw new MongoCommandError(
        31264,
        'Cannot run server-side javascript without the javascript engine enabled',
      );
    }
    rejectServerSideJavaScript(inner);
  }
}
