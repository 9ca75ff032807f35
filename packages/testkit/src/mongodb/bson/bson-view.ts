import { BSONRegExp, Decimal128, Double, Int32, Long, type Document } from 'bson';
import { compileMongoRegex } from '../query/mongo-regex';

/**
 * Two shapes of the same data.
 *
 * The *typed* form is what the wire carries and what the store keeps: every number
 * keeps its BSON type (Int32, Double, Long, Decimal128), so a document comes back to
 * the driver exactly as it went in.
 *
 * The *view* form is what mingo computes on: numbers of every BSON type become JS
 * numbers (MongoDB compares all numeric types as one), BSON regexes become RegExp.
 * Everything else (ObjectId, Date, Binary, Timestamp, ...) is shared by both.
 *
 * Every object and array of a view remembers the typed value it was made from, so a
 * result mingo passes through or rebuilds can be turned back into typed BSON without
 * guessing: `fromView` walks the result and, wherever a number still equals the
 * typed value at the same place, restores that exact type.
 */
const typedOrigin = new WeakMap<object, unknown>();

type BsonTagged = { _bsontype: string };

export function bsonTypeTag(value: unknown): string | undefined {
  if (value === null || typeof value !== 'object') return undefined;
  const tag = (value as Partial<BsonTagged>)._bsontype;
  return typeof tag === 'string' ? tag : undefined;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

/** The JS number a BSON numeric value stands for, or undefined when it is not numeric. */
export function numericValue(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  switch (bsonTypeTag(value)) {
    case 'Int32':
    case 'Double':
      return (value as Int32 | Double).value;
    case 'Long':
      return (value as Long).toNumber();
    case 'Decimal128':
      return Number((value as Decimal128).toString());
    default:
      return undefined;
  }
}

/** Records that `view` was derived from `typed`, for `fromView` to use as a type hint. */
export function linkTyped(view: object, typed: unknown): void {
  if (!typedOrigin.has(view)) typedOrigin.set(view, typed);
}

export function typedOriginOf(view: object): unknown {
  return typedOrigin.get(view);
}

/**
 * Converts typed BSON into the view mingo computes on. Always returns fresh objects
 * and arrays, so whatever mingo does to them (some stages mutate their input) never
 * reaches the stored document.
 */
export function toView(typed: unknown): unknown {
  if (typed === null || typeof typed !== 'object') return typed;
  if (Array.isArray(typed)) {
    const view = typed.map(toView);
    typedOrigin.set(view, typed);
    return view;
  }
  const tag = bsonTypeTag(typed);
  if (tag !== undefined) {
    if (tag === 'Int32' || tag === 'Double' || tag === 'Long' || tag === 'Decimal128') {
      return numericValue(typed);
    }
    if (tag === 'BSONRegExp') {
      const regex = typed as BSONRegExp;
      try {
        return compileMongoRegex(regex.pattern, regex.options);
      } catch {
        // A stored regex JS cannot compile: keep it as a value; it just never matches.
        return typed;
      }
    }
    return typed;
  }
  if (isPlainObject(typed)) {
    const view: Record<string, unknown> = {};
    for (const key of Object.keys(typed)) view[key] = toView(typed[key]);
    typedOrigin.set(view, typed);
    return view;
  }
  return typed;
}

/**
 * A deep copy of a view that remembers the same typed origins, for handing to mingo
 * stages that modify their input in place.
 */
export function copyView(view: unknown): unknown {
  let copy: unknown;
  if (Array.isArray(view)) copy = view.map(copyView);
  else if (isPlainObject(view)) {
    const object: Record<string, unknown> = {};
    for (const key of Object.keys(view)) object[key] = copyView(view[key]);
    copy = object;
  } else return view;
  const origin = typedOrigin.get(view as object);
  if (origin !== undefined) typedOrigin.set(copy as object, origin);
  return copy;
}

export function toViewDocument(typed: Document): Document {
  return toView(typed) as Document;
}

/**
 * Turns a view (a stored document, or a result mingo built) back into typed BSON.
 * `hint` is the typed value that stood at the same place before, if any; without
 * one, the typed value the view object was made from is used.
 */
export function fromView(view: unknown, hint?: unknown): unknown {
  if (view === undefined || view === null) return null;
  if (typeof view === 'number') return typedNumber(view, hint);
  if (typeof view === 'bigint') return Long.fromBigInt(view);
  if (typeof view !== 'object') return view;
  if (Array.isArray(view)) {
    const origin = hint ?? typedOrigin.get(view);
    const arrayHint = Array.isArray(origin) ? origin : undefined;
    return view.map((item, index) => fromView(item, arrayHint?.[index]));
  }
  if (view instanceof RegExp) return toBsonRegExp(view, hint);
  if (isPlainObject(view)) {
    const origin = hint ?? typedOrigin.get(view);
    const objectHint = isPlainObject(origin) ? origin : undefined;
    const typed: Record<string, unknown> = {};
    for (const key of Object.keys(view)) {
      const value = view[key];
      // mingo marks removed fields as undefined; MongoDB has no such value.
      if (value === undefined) continue;
      typed[key] = fromView(value, objectHint?.[key]);
    }
    return typed;
  }
  return view;
}

export function fromViewDocument(view: Document, hint?: Document): Document {
  return fromView(view, hint) as Document;
}

/**
 * A number without a typed origin gets the type the Node driver would give it
 * (Int32 when it is a 32-bit integer, else Double). MongoDB would sometimes say Long
 * (integer overflow in $sum) or Decimal128 (arithmetic on decimals): a documented gap.
 */
function typedNumber(value: number, hint: unknown): unknown {
  const hinted = numericValue(hint);
  if (hinted !== undefined && typeof hint === 'object' && sameNumber(hinted, value)) return hint;
  // An integral result of the same numeric type keeps it: $inc on a Long stays Long.
  const tag = bsonTypeTag(hint);
  if (Number.isInteger(value)) {
    if (tag === 'Long') return Long.fromNumber(value);
    if (tag === 'Decimal128') return Decimal128.fromString(String(value));
    if (tag === 'Double') return new Double(value);
    if (value >= -2147483648 && value <= 2147483647) return new Int32(value);
    // MongoDB widens an int that overflows ($inc, $sum) to a long, not to a double.
    if (tag === 'Int32' && Number.isSafeInteger(value)) return Long.fromNumber(value);
    return new Double(value);
  }
  if (tag === 'Decimal128' && Number.isFinite(value)) return Decimal128.fromString(String(value));
  return new Double(value);
}

function sameNumber(a: number, b: number): boolean {
  return a === b || (Number.isNaN(a) && Number.isNaN(b));
}

function toBsonRegExp(regex: RegExp, hint: unknown): unknown {
  if (bsonTypeTag(hint) === 'BSONRegExp') return hint;
  const options = [...regex.flags].filter((flag) => 'ims'.includes(flag)).join('');
  return new BSONRegExp(regex.source, options);
}
