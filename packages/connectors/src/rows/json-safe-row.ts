import { toJsonSafe, type Row } from './json-safe';

/** A driver row (column name to driver value) as a JSON-safe row. */
export function toJsonSafeRow(row: Record<string, unknown>): Row {
  const out: Row = {};
  for (const key of Object.keys(row)) out[key] = toJsonSafe(row[key]);
  return out;
}
