import type { FieldType } from '@connect/core';
import type { Document } from 'mongodb';
import type { FieldDescriptor, PreviewColumn } from '../connector';
import { bsonKindOf, numericKinds, type BsonKind } from './bson-kinds';

/** The filter type a single value suggests, or null for empty values. */
function typeOfValue(value: unknown): FieldType | null {
  const kind: BsonKind = bsonKindOf(value);
  if (numericKinds.has(kind)) return 'number';
  switch (kind) {
    case 'string':
    case 'dayString':
      return 'string';
    case 'bool':
      return 'boolean';
    case 'date':
      return 'datetime';
    case 'objectId':
    case 'uuid':
      return 'id';
    case 'null':
      return null;
    case 'array': {
      const elements = new Set((value as unknown[]).map(typeOfValue).filter((type) => type !== null));
      if (elements.size === 1 && (elements.has('string') || elements.has('number'))) return 'array';
      return elements.size === 0 ? 'array' : 'json';
    }
    default:
      return 'json';
  }
}

/** The most common non-empty type of a column's values on the page. */
function majorityType(documents: Document[], key: string): FieldType | null {
  const counts = new Map<FieldType, number>();
  for (const document of documents) {
    const type = typeOfValue(document[key]);
    if (type !== null) counts.set(type, (counts.get(type) ?? 0) + 1);
  }
  return [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? null;
}

/**
 * A preview's columns: a collection's described top-level fields, in document
 * order (nested fields show inside their parent's value), then any other
 * top-level keys on the page; for a pipeline, the keys of its result documents in
 * the order they first appear, typed by their values.
 */
export function previewColumns(
  fields: readonly FieldDescriptor[] | undefined,
  documents: Document[],
): PreviewColumn[] {
  const columns: PreviewColumn[] = (fields ?? [])
    .filter((field) => !field.name.includes('.'))
    .map((field) => ({ name: field.name, type: field.type }));
  const known = new Set(columns.map((column) => column.name));
  for (const document of documents)
    for (const key of Object.keys(document))
      if (!known.has(key)) {
        known.add(key);
        columns.push({ name: key, type: majorityType(documents, key) });
      }
  return columns;
}
