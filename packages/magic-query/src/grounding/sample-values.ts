import { type Connector, type FieldDescriptor, type JsonValue, type SourceRef } from '@connect/connectors';
import { everyRow } from '@connect/core';

const rowsToSample = 50;
const valuesPerField = 5;
const maxValueLength = 60;

/** A dot path into a row: MongoDB describes nested fields as `address.city`. */
function valueAt(row: Record<string, JsonValue>, path: string): JsonValue | undefined {
  if (path in row) return row[path];
  let current: JsonValue | undefined = row;
  for (const part of path.split('.')) {
    if (current === null || typeof current !== 'object' || Array.isArray(current)) return undefined;
    current = current[part];
  }
  return current;
}

/**
 * A few distinct values of each text field (and of text lists), read from the first
 * rows of the source. Only called when an admin has allowed sample values: they may
 * be personal data, and they leave the company if the model is hosted elsewhere.
 */
export async function sampleValues(
  connector: Connector,
  source: SourceRef,
  fields: readonly FieldDescriptor[],
  signal?: AbortSignal,
): Promise<Record<string, string[]>> {
  const textFields = fields.filter(
    (field) =>
      field.filterable &&
      (field.type === 'string' || (field.type === 'array' && field.elementType === 'string')),
  );
  if (textFields.length === 0) return {};
  const page = await connector.preview({ source, definition: everyRow(), pageSize: rowsToSample, signal });
  const samples: Record<string, string[]> = {};
  for (const field of textFields) {
    const seen = new Set<string>();
    for (const row of page.rows) {
      const value = valueAt(row, field.name);
      for (const item of Array.isArray(value) ? value : [value]) {
        if (typeof item !== 'string' || item.trim() === '') continue;
        seen.add(item.length > maxValueLength ? `${item.slice(0, maxValueLength)}…` : item);
        if (seen.size >= valuesPerField) break;
      }
      if (seen.size >= valuesPerField) break;
    }
    if (seen.size > 0) samples[field.name] = [...seen];
  }
  return samples;
}
