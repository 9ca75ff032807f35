import type { FieldDescriptor } from '../connector';
import { bsonKindOf, numericKinds, type BsonKind } from './bson-kinds';
import { FieldOrder } from './field-order';

/** A described field and the BSON kind its filter values are sent as. */
export interface InferredField {
  descriptor: FieldDescriptor;
  kind: BsonKind;
}

interface PathStats {
  /** Sampled documents in which the path exists (null or not). */
  documents: number;
  /** Values seen: one per document, or one per array element for paths through arrays. */
  nullValues: number;
  kinds: Map<BsonKind, number>;
  /** Kinds of the (non-null) elements, for array values. */
  elementKinds: Map<BsonKind, number>;
}

/** Deeper nesting is rare in real data and would only make the field list unreadable. */
const maxDepth = 20;
/** Documents used as maps (keys are ids) would otherwise describe thousands of "fields". */
export const maxSampledFields = 1_000;

const kindNames: Record<BsonKind, string> = {
  string: 'string',
  dayString: 'string (YYYY-MM-DD)',
  int: 'int',
  long: 'long',
  double: 'double',
  decimal: 'decimal',
  bool: 'bool',
  date: 'date',
  objectId: 'objectId',
  uuid: 'UUID',
  binary: 'binData',
  object: 'object',
  array: 'array',
  null: 'null',
  other: 'other',
};

function bump(counts: Map<BsonKind, number>, kind: BsonKind) {
  counts.set(kind, (counts.get(kind) ?? 0) + 1);
}

/** Whether a key can be named by a dot path in a query (MongoDB cannot address "a.b" or "$x" keys that way). */
export function isAddressableKey(key: string): boolean {
  return key !== '' && !key.includes('.') && !key.startsWith('$');
}

/** Whether `path` is a dot path a query may name: non-empty segments, none starting with "$". */
export function isFieldPath(path: string): boolean {
  return path.length <= 1_000 && !path.includes('\u0000') && path.split('.').every(isAddressableKey);
}

/**
 * Flattens sampled documents into dot paths and infers each path's type from the
 * majority of its values, and how often it is present. Embedded documents give
 * `parent.child` paths (the parent is a field too); arrays of documents give paths
 * through the array (`orders.sku`), which a filter matches when any element does,
 * as MongoDB does. Paths come out in document order (see {@link FieldOrder}).
 */
export class FieldSampler {
  private readonly order = new FieldOrder();
  private readonly stats = new Map<string, PathStats>();
  private sampled = 0;

  /** How many documents were added. */
  get documents(): number {
    return this.sampled;
  }

  add(document: Record<string, unknown>): void {
    this.sampled += 1;
    const seen = new Set<string>();
    /** Counts one value of a path; false when the path is beyond the field cap. */
    const record = (path: string, value: unknown, depth: number): boolean => {
      let stats = this.stats.get(path);
      if (!stats) {
        if (this.stats.size >= maxSampledFields) return false;
        stats = { documents: 0, nullValues: 0, kinds: new Map(), elementKinds: new Map() };
        this.stats.set(path, stats);
      }
      if (!seen.has(path)) {
        seen.add(path);
        stats.documents += 1;
      }
      const kind = bsonKindOf(value);
      if (kind === 'null') stats.nullValues += 1;
      else bump(stats.kinds, kind);
      if (depth >= maxDepth) return true;
      if (kind === 'object') visit(value as Record<string, unknown>, path, depth + 1);
      if (kind === 'array')
        for (const element of value as unknown[]) {
          const elementKind = bsonKindOf(element);
          if (elementKind !== 'null') bump(stats.elementKinds, elementKind);
          if (elementKind === 'object') visit(element as Record<string, unknown>, path, depth + 1);
        }
      return true;
    };
    const visit = (object: Record<string, unknown>, prefix: string, depth: number) => {
      const keys = Object.keys(object).filter(
        (key) =>
          isAddressableKey(key) && record(prefix === '' ? key : `${prefix}.${key}`, object[key], depth),
      );
      this.order.record(prefix, keys);
    };
    visit(document, '', 0);
  }

  /**
   * The described fields, in document order. `enumValues` are the values a
   * collection's `$jsonSchema` validator allows for a path: a text field that has
   * them is an enum field.
   */
  fields(enumValues: ReadonlyMap<string, string[]> = new Map()): InferredField[] {
    return this.order
      .paths()
      .map((path) => inferField(path, this.stats.get(path)!, this.sampled, enumValues.get(path)));
  }

  /** One path's field, when the sample saw it. */
  field(path: string, enumValues?: string[]): InferredField | undefined {
    const stats = this.stats.get(path);
    return stats && inferField(path, stats, this.sampled, enumValues);
  }
}

/** Kinds by how often they were seen, most first (ties keep first-seen order). */
function byCount(counts: Map<BsonKind, number>): BsonKind[] {
  return [...counts.entries()].sort((a, b) => b[1] - a[1]).map(([kind]) => kind);
}

/** Sums counts into families: every number kind is "a number", every text kind is "text". */
function familyOf(kind: BsonKind): string {
  if (numericKinds.has(kind)) return 'number';
  if (kind === 'string' || kind === 'dayString') return 'text';
  return kind;
}

function majorityFamily(counts: Map<BsonKind, number>): string | undefined {
  const families = new Map<string, number>();
  for (const [kind, count] of counts)
    families.set(familyOf(kind), (families.get(familyOf(kind)) ?? 0) + count);
  return [...families.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
}

/** The number kind filter values are sent as: the widest one seen, so no value is rounded. */
function numberKind(counts: Map<BsonKind, number>): BsonKind {
  for (const kind of ['decimal', 'double', 'long'] as const) if (counts.has(kind)) return kind;
  return 'int';
}

function nativeTypeOf(stats: PathStats): string {
  const names = byCount(stats.kinds).map((kind) => {
    if (kind !== 'array') return kindNames[kind];
    const elements = byCount(stats.elementKinds).map((element) => kindNames[element]);
    return `array<${elements.join(' | ') || 'empty'}>`;
  });
  return names.join(' | ') || 'null';
}

function inferField(
  path: string,
  stats: PathStats,
  sampled: number,
  enumValues: string[] | undefined,
): InferredField {
  const presence = sampled === 0 ? 0 : Math.round((stats.documents / sampled) * 10_000) / 10_000;
  const base = {
    name: path,
    nativeType: nativeTypeOf(stats),
    nullable: stats.documents < sampled || stats.nullValues > 0,
    filterable: true,
    presence,
  };
  const field = (descriptor: Pick<FieldDescriptor, 'type'> & Partial<FieldDescriptor>, kind: BsonKind) => ({
    descriptor: { ...base, ...descriptor },
    kind,
  });
  const family = majorityFamily(stats.kinds);
  switch (family) {
    case undefined:
      return field({ type: 'json' }, 'null');
    case 'text':
      if (enumValues && enumValues.length > 0) return field({ type: 'enum', enumValues }, 'string');
      // Calendar days stored as text ("2024-05-01") compare correctly as text: a date field.
      if (!stats.kinds.has('string')) return field({ type: 'date' }, 'dayString');
      return field({ type: 'string' }, 'string');
    case 'number': {
      const integer = !stats.kinds.has('double') && !stats.kinds.has('decimal');
      return field({ type: 'number', integer }, numberKind(stats.kinds));
    }
    case 'bool':
      return field({ type: 'boolean' }, 'bool');
    case 'date':
      return field({ type: 'datetime' }, 'date');
    case 'objectId':
      return field({ type: 'id' }, 'objectId');
    case 'uuid':
      return field({ type: 'id', format: 'uuid' }, 'uuid');
    case 'object':
      return field({ type: 'json' }, 'object');
    case 'array': {
      const elements = majorityFamily(stats.elementKinds);
      if (elements === undefined) return field({ type: 'array' }, 'array');
      const kinds = [...stats.elementKinds.keys()];
      if (elements === 'text' && kinds.every((kind) => familyOf(kind) === 'text'))
        return field({ type: 'array', elementType: 'string' }, 'array');
      if (elements === 'number' && kinds.every((kind) => numericKinds.has(kind)))
        return field({ type: 'array', elementType: 'number' }, 'array');
      // Arrays of documents (their fields are described through the array) or of mixed values.
      return field({ type: 'json' }, 'array');
    }
    default:
      // Binary, regular expressions, timestamps, ...: shown in previews, not offered in filters.
      return field({ type: 'json', filterable: false }, 'other');
  }
}
