/**
 * What rows look like when they leave a connector: plain JSON. Drivers hand back
 * BigInts, Dates, Buffers and NaN, which `JSON.stringify` mangles or refuses; the web
 * app and the campaign snapshot must see the same value the database holds.
 */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

export type Row = Record<string, JsonValue>;

/**
 * Turns a driver value into JSON: bigint as a decimal string, Date as ISO-8601 UTC,
 * binary as base64, non-finite numbers as strings, nested arrays and objects
 * recursively.
 */
export function toJsonSafe(value: unknown): JsonValue {
  if (value === null || value === undefined) return null;
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value;
    case 'number':
      return Number.isFinite(value) ? value : String(value);
    case 'bigint':
      return value.toString();
    case 'object': {
      if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString();
      if (Buffer.isBuffer(value)) return value.toString('base64');
      if (Array.isArray(value)) return value.map(toJsonSafe);
      const out: Record<string, JsonValue> = {};
      for (const [key, inner] of Object.entries(value)) out[key] = toJsonSafe(inner);
      return out;
    }
    default:
      return String(value);
  }
}
