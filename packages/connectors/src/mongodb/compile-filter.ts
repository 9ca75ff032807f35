import { assertUnreachable, type RelativeDateUnit } from '@connect/core';
import { Decimal128, Long, ObjectId, UUID, type Document } from 'mongodb';
import type { FieldDescriptor } from '../connector';
import { ConnectorError } from '../errors/connector-error';
import type { CheckedCondition, CheckedGroup, CheckedNode, TypedValue } from '../filter/checked-filter';
import type { BsonKind } from './bson-kinds';

/** The BSON kind each described field's values are sent as, by field name. */
export type FieldKinds = ReadonlyMap<string, BsonKind>;

/** `$dateAdd`/`$dateSubtract` units for ours. */
const dateUnits: Record<RelativeDateUnit, string> = {
  minutes: 'minute',
  hours: 'hour',
  days: 'day',
  weeks: 'week',
  months: 'month',
  years: 'year',
};

const objectIdPattern = /^[0-9a-f]{24}$/i;

/** Regular-expression metacharacters (the same set for PCRE and JavaScript), escaped so text matches literally. */
export function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * The pattern for a text operator: case-insensitive (see `$options`), anchored for
 * begins/ends with. The end anchor is "nothing follows" rather than `$`: PCRE's `$`
 * also matches before a final newline, and `\z` does not exist in JavaScript.
 */
export function textPattern(text: string, op: 'contains' | 'beginsWith' | 'endsWith'): string {
  const literal = escapeRegex(text);
  if (op === 'beginsWith') return `^${literal}`;
  if (op === 'endsWith') return `${literal}(?![\\s\\S])`;
  return literal;
}

const int64 = { min: -(2n ** 63n), max: 2n ** 63n - 1n };

function isInt64(text: string): boolean {
  if (!/^-?\d+$/.test(text)) return false;
  const value = BigInt(text);
  return value >= int64.min && value <= int64.max;
}

function invalidValue(field: FieldDescriptor, value: TypedValue, what: string): ConnectorError {
  const shown = String(value).length > 60 ? `${String(value).slice(0, 57)}...` : String(value);
  const message = `'${shown}' is ${what} for field ${field.name}`;
  return new ConnectorError('invalid_filter', `${message}.`, { fieldErrors: { [field.name]: message } });
}

/**
 * A checked value as the BSON value the field holds, so the comparison is the
 * database's own: ObjectId and UUID ids, Date instants, Long and Decimal128 numbers
 * where a JS number could round (a value beyond 2^53 or with more than 15 digits
 * arrives as text and is never turned into a double).
 */
export function bsonValue(field: FieldDescriptor, kind: BsonKind, value: TypedValue): unknown {
  switch (field.type) {
    case 'array':
      // An element of a list: text as it is, numbers as for a number field.
      if (field.elementType !== 'number') return value;
      return bsonValue({ ...field, type: 'number' }, 'double', value);
    case 'number':
      if (typeof value === 'boolean') return value;
      if (kind === 'decimal') return Decimal128.fromString(String(value));
      if (typeof value === 'string')
        return isInt64(value) && kind !== 'double' ? Long.fromString(value) : Decimal128.fromString(value);
      return value;
    case 'datetime':
      return new Date(String(value));
    case 'id':
      if (kind === 'objectId') {
        if (!objectIdPattern.test(String(value)))
          throw invalidValue(field, value, 'not an ObjectId (24 hexadecimal characters)');
        return new ObjectId(String(value));
      }
      if (kind === 'uuid') return new UUID(String(value));
      return value;
    default:
      return value;
  }
}

/** Whether a field's values are arrays (or reached through them): "is empty" must not match an array holding null. */
function holdsArrays(field: FieldDescriptor, kind: BsonKind): boolean {
  return field.type === 'array' || kind === 'array';
}

/**
 * A relative date rule as an aggregation expression on the server's clock
 * (`$$NOW`, one instant per command), evaluated when the query runs, never frozen
 * into the saved cohort. Date-times compare with `$$NOW` shifted by `$dateSubtract`/
 * `$dateAdd` (calendar months clamp to the month's end, as SQL intervals do);
 * calendar days stored as text compare with that instant's UTC day (`$dateToString`'s
 * default time zone) as text. The
 * type check first keeps empty and other-typed values out: in expressions, null
 * sorts before every date.
 */
function relativeExpression(
  path: string,
  kind: BsonKind,
  condition: Extract<CheckedCondition, { amount: number }>,
): Document {
  const fieldPath = `$${path}`;
  const shift = (direction: '$dateSubtract' | '$dateAdd'): Document => ({
    [direction]: { startDate: '$$NOW', unit: dateUnits[condition.unit], amount: condition.amount },
  });
  const asDay = kind === 'dayString';
  const point = (instant: unknown): unknown =>
    asDay ? { $dateToString: { date: instant, format: '%Y-%m-%d' } } : instant;
  const typed = { $eq: [{ $type: fieldPath }, asDay ? 'string' : 'date'] };
  const terms: Document[] = [typed];
  switch (condition.op) {
    case 'inLast':
      terms.push({ $gte: [fieldPath, point(shift('$dateSubtract'))] }, { $lte: [fieldPath, point('$$NOW')] });
      break;
    case 'moreThanAgo':
      terms.push({ $lt: [fieldPath, point(shift('$dateSubtract'))] });
      break;
    case 'inNext':
      terms.push({ $gte: [fieldPath, point('$$NOW')] }, { $lte: [fieldPath, point(shift('$dateAdd'))] });
      break;
  }
  return { $expr: { $and: terms } };
}

function compileCondition(field: FieldDescriptor, kind: BsonKind, condition: CheckedCondition): Document {
  const path = field.name;
  const value = (typed: TypedValue) => bsonValue(field, kind, typed);
  switch (condition.op) {
    case '=':
      return { [path]: { $eq: value(condition.value) } };
    case '<':
      return { [path]: { $lt: value(condition.value) } };
    case '<=':
      return { [path]: { $lte: value(condition.value) } };
    case '>':
      return { [path]: { $gt: value(condition.value) } };
    case '>=':
      return { [path]: { $gte: value(condition.value) } };
    case 'in':
      return { [path]: { $in: condition.values.map(value) } };
    case 'between':
      return { [path]: { $gte: value(condition.low), $lte: value(condition.high) } };
    case 'halfOpen':
      return { [path]: { $gte: value(condition.from), $lt: value(condition.to) } };
    case 'contains':
    case 'beginsWith':
    case 'endsWith':
      // Case-insensitive, as users expect of "contains"; metacharacters in the text are escaped.
      return { [path]: { $regex: textPattern(condition.text, condition.op), $options: 'i' } };
    case 'null':
      // MongoDB's {field: null} is "null or missing"; on arrays it also means "holds a null".
      return holdsArrays(field, kind)
        ? { [path]: { $eq: null, $not: { $type: 'array' } } }
        : { [path]: { $eq: null } };
    case 'notNull':
      return holdsArrays(field, kind)
        ? { $nor: [compileCondition(field, kind, { op: 'null' })] }
        : { [path]: { $ne: null } };
    case 'isNotEmpty':
      return { [path]: { $type: 'array', $not: { $size: 0 } } };
    case 'isEmpty':
      return { $nor: [compileCondition(field, kind, { op: 'isNotEmpty' })] };
    case 'containsElement':
      return { [path]: { $elemMatch: { $eq: value(condition.element) } } };
    case 'inLast':
    case 'moreThanAgo':
    case 'inNext':
      return relativeExpression(path, kind, condition);
    default:
      return assertUnreachable(condition);
  }
}

function compileNode(node: CheckedNode, kinds: FieldKinds): Document {
  if (node.kind === 'rule') {
    const condition = compileCondition(node.field, kinds.get(node.field.name) ?? 'string', node.condition);
    // $nor is true exactly when the condition is false, including for empty values:
    // "plan is not pro" keeps the users with no plan, as on every other kind.
    return node.negated ? { $nor: [condition] } : condition;
  }
  const children = node.children.map((child) => compileNode(child, kinds));
  const body =
    children.length === 0
      ? {}
      : children.length === 1
        ? children[0]!
        : { [node.combinator === 'and' ? '$and' : '$or']: children };
  // An empty group constrains nothing, negated or not.
  return node.not && children.length > 0 ? { $nor: [body] } : body;
}

/**
 * The `$match` document of a checked filter. Values are typed BSON (never text
 * spliced into a query), field names come from the described fields, and MongoDB's
 * two-valued matching means negations need no special care for empty values.
 */
export function compileMongoFilter(group: CheckedGroup, kinds: FieldKinds): Document {
  return compileNode(group, kinds);
}
