import type { Code } from 'bson';
import { MongoCommandError, badValue } from '../command-error';
import { bsonTypeTag } from './bson-view';

/** BSON type numbers and the aliases `$type` accepts for them. */
const ALIAS_BY_NUMBER: Readonly<Record<number, string>> = {
  1: 'double',
  2: 'string',
  3: 'object',
  4: 'array',
  5: 'binData',
  6: 'undefined',
  7: 'objectId',
  8: 'bool',
  9: 'date',
  10: 'null',
  11: 'regex',
  12: 'dbPointer',
  13: 'javascript',
  14: 'symbol',
  15: 'javascriptWithScope',
  16: 'int',
  17: 'timestamp',
  18: 'long',
  19: 'decimal',
  [-1]: 'minKey',
  127: 'maxKey',
};

const KNOWN_ALIASES = new Set([...Object.values(ALIAS_BY_NUMBER), 'number']);

/**
 * The alias MongoDB reports for a typed BSON value (`$type` aggregation operator).
 * A bare JS number has lost its BSON type; it is named the way the driver would have
 * encoded it.
 */
export function bsonTypeName(value: unknown): string {
  if (value === undefined) return 'missing';
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
      return 'string';
    case 'boolean':
      return 'bool';
    case 'number':
      return Number.isInteger(value) && value >= -2147483648 && value <= 2147483647 ? 'int' : 'double';
    case 'bigint':
      return 'long';
  }
  if (Array.isArray(value)) return 'array';
  if (value instanceof Date) return 'date';
  if (value instanceof RegExp) return 'regex';
  switch (bsonTypeTag(value)) {
    case 'Int32':
      return 'int';
    case 'Double':
      return 'double';
    case 'Long':
      return 'long';
    case 'Decimal128':
      return 'decimal';
    case 'ObjectId':
      return 'objectId';
    case 'Binary':
      return 'binData';
    case 'Timestamp':
      return 'timestamp';
    case 'BSONRegExp':
      return 'regex';
    case 'BSONSymbol':
      return 'symbol';
    case 'Code':
      return (value as Code).scope ? 'javascriptWithScope' : 'javascript';
    case 'MinKey':
      return 'minKey';
    case 'MaxKey':
      return 'maxKey';
    case 'DBRef':
      return 'object';
  }
  return 'object';
}

/**
 * Normalises the argument of the `$type` query operator to a set of aliases,
 * rejecting unknown names and numbers with MongoDB's messages.
 */
export function parseTypeArgument(argument: unknown): Set<string> {
  const items = Array.isArray(argument) ? argument : [argument];
  const aliases = new Set<string>();
  for (const item of items) {
    if (typeof item === 'string') {
      if (!KNOWN_ALIASES.has(item)) throw badValue(`Unknown type name alias: ${item}`);
      aliases.add(item);
    } else if (typeof item === 'number') {
      const alias = ALIAS_BY_NUMBER[item];
      if (!alias) throw badValue(`Invalid numerical type code: ${item}`);
      aliases.add(alias);
    } else {
      throw new MongoCommandError(14, 'type must be represented as a number or a string');
    }
  }
  return aliases;
}

export function typeMatches(value: unknown, aliases: ReadonlySet<string>): boolean {
  const name = bsonTypeName(value);
  if (aliases.has(name)) return true;
  return (
    aliases.has('number') && (name === 'int' || name === 'long' || name === 'double' || name === 'decimal')
  );
}
