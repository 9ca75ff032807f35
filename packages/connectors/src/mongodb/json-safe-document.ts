import { BSON, Binary, type Document } from 'mongodb';
import type { JsonValue, Row } from '../rows/json-safe';
import { isPlainDocument } from './bson-kinds';

/**
 * A BSON value as JSON, the way every connector returns values: 64-bit integers
 * and decimals as strings (so no digit is lost), dates as ISO-8601 UTC, ObjectIds
 * as their hex string, UUIDs in their canonical form, other binary as base64.
 * Embedded documents and arrays stay nested, converted all the way down, so a
 * nested value displays as what it is. Types JSON has no word for (regular
 * expressions, timestamps, MinKey/MaxKey, code, DBRefs, symbols) come as their
 * canonical Extended JSON, e.g. `{"$timestamp": {"t": 1, "i": 2}}`.
 */
export function bsonToJson(value: unknown): JsonValue {
  if (value === null || value === undefined) return null;
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value;
    case 'number':
      return Number.isFinite(value) ? value : String(value);
    case 'bigint':
      return value.toString();
  }
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString();
  if (Array.isArray(value)) return value.map(bsonToJson);
  const bsonType = (value as { _bsontype?: string })._bsontype;
  switch (bsonType) {
    case 'Int32':
    case 'Double': {
      const number = (value as { valueOf(): number }).valueOf();
      return Number.isFinite(number) ? number : String(number);
    }
    case 'Long':
    case 'Decimal128':
      return String(value);
    case 'ObjectId':
      return (value as { toHexString(): string }).toHexString();
    case 'Binary': {
      const binary = value as Binary;
      if (binary.sub_type === Binary.SUBTYPE_UUID && binary.position === 16)
        return binary.toUUID().toString();
      return binary.toString('base64');
    }
    case undefined:
      if (isPlainDocument(value)) return bsonDocumentToJson(value);
      return String(value);
    default:
      return BSON.EJSON.serialize({ value }, { relaxed: false }).value as JsonValue;
  }
}

function bsonDocumentToJson(document: Record<string, unknown>): Row {
  const out: Row = {};
  for (const key of Object.keys(document)) {
    const converted = bsonToJson(document[key]);
    // A stored "__proto__" field is data: assigning it would replace the row's prototype.
    if (key === '__proto__')
      Object.defineProperty(out, key, {
        value: converted,
        enumerable: true,
        writable: true,
        configurable: true,
      });
    else out[key] = converted;
  }
  return out;
}

/** A document from the driver as a JSON-safe row, fields in the document's order. */
export function documentToRow(document: Document): Row {
  return bsonDocumentToJson(document);
}
