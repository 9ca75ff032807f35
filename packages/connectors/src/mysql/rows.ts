import type { FieldDescriptor } from '../connector';
import type { Row } from '../rows/json-safe';
import { toJsonSafeRow } from '../rows/json-safe-row';

/** Names of described JSON and array columns: MariaDB sends their values as text. */
export function jsonColumnsOf(fields: readonly FieldDescriptor[] | undefined): string[] {
  return (fields ?? [])
    .filter((field) => field.type === 'json' || field.type === 'array')
    .map((field) => field.name);
}

/** A mysql2 row as a JSON-safe row, with JSON text parsed so every kind returns objects and arrays. */
export function mysqlRow(row: Record<string, unknown>, jsonColumns: readonly string[]): Row {
  for (const name of jsonColumns) {
    const value = row[name];
    if (typeof value === 'string') {
      try {
        row[name] = JSON.parse(value);
      } catch {
        // Not valid JSON after all: keep the text.
      }
    }
  }
  return toJsonSafeRow(row);
}
