import type { Document } from 'bson';
import { bsonTypeName } from '../bson/bson-type-names';
import { isPlainObject, numericValue } from '../bson/bson-view';
import { MongoCommandError } from '../command-error';
import type { CommandContext } from './command-context';

/**
 * Readers for command arguments that fail the way mongod's IDL parser does:
 * TypeMismatch naming the field, its actual type and the expected one.
 */
function wrongType(command: string, field: string, value: unknown, expected: string): MongoCommandError {
  return new MongoCommandError(
    14,
    `BSON field '${command}.${field}' is the wrong type '${bsonTypeName(value)}', expected ${expected}`,
  );
}

export function optionalDocument(context: CommandContext, field: string): Document | undefined {
  const value = context.body[field] as unknown;
  if (value === undefined || value === null) return undefined;
  if (!isPlainObject(value)) throw wrongType(context.name, field, value, "type 'object'");
  return value;
}

export function optionalArray(context: CommandContext, field: string): unknown[] | undefined {
  const value = context.body[field] as unknown;
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value)) throw wrongType(context.name, field, value, "type 'array'");
  return value;
}

export function optionalNumber(context: CommandContext, field: string, minimum?: number): number | undefined {
  return numberIn(context.name, field, context.body[field], minimum);
}

export function numberIn(
  command: string,
  field: string,
  value: unknown,
  minimum?: number,
): number | undefined {
  if (value === undefined || value === null) return undefined;
  const number = numericValue(value);
  if (number === undefined) throw wrongType(command, field, value, "types '[long, int, decimal, double]'");
  if (minimum !== undefined && number < minimum) {
    throw new MongoCommandError(
      51024,
      `BSON field '${field}' value must be >= ${minimum}, actual value '${number}'`,
    );
  }
  return Math.trunc(number);
}

export function optionalBoolean(context: CommandContext, field: string): boolean | undefined {
  const value = context.body[field] as unknown;
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'boolean') return value;
  const number = numericValue(value);
  if (number !== undefined) return number !== 0;
  throw wrongType(context.name, field, value, "type 'bool'");
}

/** The collection a collection-level command names in its first field. */
export function collectionArgument(context: CommandContext): string {
  const value = context.body[context.name] as unknown;
  if (typeof value !== 'string') {
    throw new MongoCommandError(73, `collection name has invalid type ${bsonTypeName(value)}`);
  }
  if (value.length === 0 || value.includes('\0') || value.startsWith('.') || value.includes('$')) {
    throw new MongoCommandError(73, `Invalid namespace specified '${context.db}.${value}'`);
  }
  return value;
}

/** mongod applies only the simple collation; anything else would silently change results here. */
export function rejectCollation(context: CommandContext, collation: unknown = context.body.collation): void {
  if (collation === undefined || collation === null) return;
  if (isPlainObject(collation) && collation.locale === 'simple') return;
  throw new MongoCommandError(
    238,
    'collations other than "simple" are not supported by the Connect MongoDB test server',
  );
}
