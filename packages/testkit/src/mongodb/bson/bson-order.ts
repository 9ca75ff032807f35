import type { Binary, Code, ObjectId, Timestamp } from 'bson';
import { bsonTypeTag, isPlainObject } from './bson-view';

/**
 * MongoDB's comparison order across BSON types (the "BSON type comparison order"
 * page): MinKey < Null < Numbers < Symbol/String < Object < Array < BinData <
 * ObjectId < Boolean < Date < Timestamp < RegEx < Code < Code w/ scope < MaxKey.
 * mingo orders types differently (ObjectId after everything, missing before null,
 * object keys compared after sorting them), so sorts use this comparator instead.
 *
 * Works on view values (numbers of every BSON type are already JS numbers).
 */
const enum Rank {
  MinKey = 1,
  /** An empty array as a sort key sorts before null and missing (DOCS-2760). */
  EmptyArrayKey = 2,
  Null = 3,
  Number = 4,
  String = 5,
  Object = 6,
  Array = 7,
  BinData = 8,
  ObjectId = 9,
  Boolean = 10,
  Date = 11,
  Timestamp = 12,
  RegEx = 13,
  Code = 14,
  CodeWithScope = 15,
  MaxKey = 16,
}

/** Stands for "the sort key of an empty array", which has no element to compare. */
export const EMPTY_ARRAY_KEY = Symbol('empty array sort key');

function rankOf(value: unknown): Rank {
  if (value === EMPTY_ARRAY_KEY) return Rank.EmptyArrayKey;
  if (value === null || value === undefined) return Rank.Null;
  switch (typeof value) {
    case 'number':
    case 'bigint':
      return Rank.Number;
    case 'string':
      return Rank.String;
    case 'boolean':
      return Rank.Boolean;
  }
  if (Array.isArray(value)) return Rank.Array;
  if (value instanceof Date) return Rank.Date;
  if (value instanceof RegExp) return Rank.RegEx;
  switch (bsonTypeTag(value)) {
    case 'MinKey':
      return Rank.MinKey;
    case 'MaxKey':
      return Rank.MaxKey;
    case 'BSONSymbol':
      return Rank.String;
    case 'Binary':
      return Rank.BinData;
    case 'ObjectId':
      return Rank.ObjectId;
    case 'Timestamp':
      return Rank.Timestamp;
    case 'BSONRegExp':
      return Rank.RegEx;
    case 'Code':
      return (value as Code).scope ? Rank.CodeWithScope : Rank.Code;
    case 'Int32':
    case 'Double':
    case 'Long':
    case 'Decimal128':
      return Rank.Number;
    default:
      return Rank.Object;
  }
}

/** Total order over BSON values, as MongoDB sorts them (simple binary collation). */
export function compareBson(a: unknown, b: unknown): number {
  const rankA = rankOf(a);
  const rankB = rankOf(b);
  if (rankA !== rankB) return rankA < rankB ? -1 : 1;
  switch (rankA) {
    case Rank.Number:
      return compareNumbers(Number(a), Number(b));
    case Rank.String:
      return compareStrings(String(a), String(b));
    case Rank.Boolean:
      return a === b ? 0 : a ? 1 : -1;
    case Rank.Date:
      return sign((a as Date).getTime() - (b as Date).getTime());
    case Rank.ObjectId:
      return Buffer.compare((a as ObjectId).id, (b as ObjectId).id);
    case Rank.BinData: {
      const x = a as Binary;
      const y = b as Binary;
      if (x.position !== y.position) return x.position < y.position ? -1 : 1;
      if (x.sub_type !== y.sub_type) return x.sub_type < y.sub_type ? -1 : 1;
      return Buffer.compare(x.buffer.subarray(0, x.position), y.buffer.subarray(0, y.position));
    }
    case Rank.Timestamp: {
      const x = a as Timestamp;
      const y = b as Timestamp;
      return x.t !== y.t ? sign(x.t - y.t) : sign(x.i - y.i);
    }
    case Rank.RegEx: {
      const [sourceA, flagsA] = regexParts(a);
      const [sourceB, flagsB] = regexParts(b);
      return compareStrings(sourceA, sourceB) || compareStrings(flagsA, flagsB);
    }
    case Rank.Code:
    case Rank.CodeWithScope:
      return compareStrings((a as Code).code, (b as Code).code);
    case Rank.Array:
      return compareSequences(a as unknown[], b as unknown[]);
    case Rank.Object:
      return compareObjects(a as Record<string, unknown>, b as Record<string, unknown>);
    default:
      return 0;
  }
}

function sign(n: number): number {
  return n < 0 ? -1 : n > 0 ? 1 : 0;
}

/** NaN sorts below every other number, and equal to itself. */
function compareNumbers(a: number, b: number): number {
  if (Number.isNaN(a)) return Number.isNaN(b) ? 0 : -1;
  if (Number.isNaN(b)) return 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * MongoDB compares strings by their UTF-8 bytes, which is code point order. JS `<`
 * compares UTF-16 code units and puts U+E000..U+FFFF after astral characters.
 */
export function compareStrings(a: string, b: string): number {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const x = a.codePointAt(i)!;
    const y = b.codePointAt(i)!;
    if (x !== y) return x < y ? -1 : 1;
    if (x > 0xffff) i++;
  }
  return a.length === b.length ? 0 : a.length < b.length ? -1 : 1;
}

function regexParts(value: unknown): [string, string] {
  if (value instanceof RegExp) return [value.source, value.flags];
  const regex = value as { pattern: string; options: string };
  return [regex.pattern, regex.options];
}

function compareSequences(a: readonly unknown[], b: readonly unknown[]): number {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const rankDiff = rankOf(a[i]) - rankOf(b[i]);
    if (rankDiff !== 0) return sign(rankDiff);
    const order = compareBson(a[i], b[i]);
    if (order !== 0) return order;
  }
  return sign(a.length - b.length);
}

/**
 * Embedded documents compare field by field in their stored order: first the type
 * of each value, then the field name, then the value (woCompare). Field order
 * matters, as it does in MongoDB: {a:1,b:1} and {b:1,a:1} are different values.
 */
function compareObjects(a: Record<string, unknown>, b: Record<string, unknown>): number {
  const keysA = Object.keys(a).filter((key) => a[key] !== undefined);
  const keysB = Object.keys(b).filter((key) => b[key] !== undefined);
  const length = Math.min(keysA.length, keysB.length);
  for (let i = 0; i < length; i++) {
    const keyA = keysA[i]!;
    const keyB = keysB[i]!;
    const rankDiff = rankOf(a[keyA]) - rankOf(b[keyB]);
    if (rankDiff !== 0) return sign(rankDiff);
    const nameOrder = compareStrings(keyA, keyB);
    if (nameOrder !== 0) return nameOrder;
    const order = compareBson(a[keyA], b[keyB]);
    if (order !== 0) return order;
  }
  return sign(keysA.length - keysB.length);
}

/**
 * The values a document offers for a sort on `path`, the way MongoDB derives index
 * keys: arrays met on the way are descended into, an array at the end contributes
 * its elements, an element without the field contributes null, and a document
 * without any contributes null (missing and null sort together).
 */
export function sortKeyCandidates(document: unknown, path: string): unknown[] {
  const candidates: unknown[] = [];
  collect(document, path.split('.'), 0, candidates);
  return candidates.length > 0 ? candidates : [null];
}

function collect(value: unknown, parts: readonly string[], index: number, out: unknown[]): void {
  if (index === parts.length) {
    if (Array.isArray(value)) {
      if (value.length === 0) out.push(EMPTY_ARRAY_KEY);
      else out.push(...value);
    } else {
      out.push(value === undefined ? null : value);
    }
    return;
  }
  const part = parts[index]!;
  if (Array.isArray(value)) {
    if (/^\d+$/.test(part) && Number(part) < value.length) {
      collect(value[Number(part)], parts, index + 1, out);
      return;
    }
    for (const element of value) {
      if (isPlainObject(element)) collect(element, parts, index, out);
    }
    return;
  }
  if (isPlainObject(value) && Object.hasOwn(value, part) && value[part] !== undefined) {
    collect(value[part], parts, index + 1, out);
    return;
  }
  out.push(null);
}

/** The key a document sorts by: its smallest candidate ascending, its largest descending. */
export function sortKey(document: unknown, path: string, direction: 1 | -1): unknown {
  const candidates = sortKeyCandidates(document, path);
  let best = candidates[0];
  for (let i = 1; i < candidates.length; i++) {
    const order = compareBson(candidates[i], best);
    if (direction === 1 ? order < 0 : order > 0) best = candidates[i];
  }
  return best;
}

/** A sort specification normalised to [path, direction] pairs. */
export type SortSpec = ReadonlyArray<readonly [string, 1 | -1]>;

/**
 * Sorts documents (view form, or anything `viewOf` maps to it) by a spec with MongoDB semantics. Stable, so ties keep their
 * input (natural) order, which is what a collection scan in MongoDB yields too.
 */
export function sortDocuments<T>(
  documents: readonly T[],
  spec: SortSpec,
  viewOf: (document: T) => unknown = (document) => document,
): T[] {
  const keyed = documents.map((document, position) => ({
    document,
    position,
    keys: spec.map(([path, direction]) => sortKey(viewOf(document), path, direction)),
  }));
  keyed.sort((x, y) => {
    for (let i = 0; i < spec.length; i++) {
      const order = compareBson(x.keys[i], y.keys[i]);
      if (order !== 0) return spec[i]![1] === 1 ? order : -order;
    }
    return x.position - y.position;
  });
  return keyed.map((entry) => entry.document);
}
