import { Binary } from 'mongodb';

/**
 * What a BSON value is, as far as filtering cares. Numbers keep their BSON type
 * (a filter value is sent as the type the field holds, so Long and Decimal128
 * compare exactly); strings holding calendar days are told apart from other text.
 */
export type BsonKind =
  | 'string'
  | 'dayString'
  | 'int'
  | 'long'
  | 'double'
  | 'decimal'
  | 'bool'
  | 'date'
  | 'objectId'
  | 'uuid'
  | 'binary'
  | 'object'
  | 'array'
  | 'null'
  | 'other';

export const numericKinds: ReadonlySet<BsonKind> = new Set(['int', 'long', 'double', 'decimal']);

const dayPattern = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/** Whether a value is a plain embedded document (not a BSON value class, a Date or an array). */
export function isPlainDocument(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value) || value instanceof Date)
    return false;
  if ('_bsontype' in value) return false;
  const prototype = Object.getPrototypeOf(value) as unknown;
  return prototype === Object.prototype || prototype === null;
}

/**
 * The kind of a value as the driver hands it back with `promoteValues: false`
 * (numbers keep their wrapper, so an integral Double is still a double). Plain JS
 * numbers, from other sources, count as int when integral.
 */
export function bsonKindOf(value: unknown): BsonKind {
  if (value === null || value === undefined) return 'null';
  switch (typeof value) {
    case 'string':
      return dayPattern.test(value) ? 'dayString' : 'string';
    case 'number':
      return Number.isInteger(value) ? 'int' : 'double';
    case 'boolean':
      return 'bool';
    case 'bigint':
      return 'long';
  }
  if (value instanceof Date) return 'date';
  if (Array.isArray(value)) return 'array';
  const bsonType = (value as { _bsontype?: string })._bsontype;
  switch (bsonType) {
    case 'Long':
      return 'long';
    case 'Int32':
      return 'int';
    case 'Double':
      return 'double';
    case 'Decimal128':
      return 'decimal';
    case 'ObjectId':
      return 'objectId';
    case 'Binary':
      return (value as Binary).sub_type === Binary.SUBTYPE_UUID ? 'uuid' : 'binary';
    case undefined:
      return isPlainDocument(value) ? 'object' : 'other';
    default:
      return 'other';
  }
}
