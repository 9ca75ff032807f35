import type { FieldType } from '@connect/core';
import type snowflake from 'snowflake-sdk';
import type { PreviewColumn } from '../connector';
import { toJsonSafe, type JsonValue, type Row } from '../rows/json-safe';

/** Integers of this many digits or fewer always fit a JavaScript number exactly (2^53 has 16). */
const exactDigits = 15;

type Convert = (value: unknown) => JsonValue;

/** How to read the columns of one result: names, filter types and value converters. */
export interface ResultShape {
  columns: PreviewColumn[];
  converters: Convert[];
}

/**
 * NUMBER columns arrive as text (`fetchAsString`). A value's JSON type follows its
 * column, never the value, as on the other kinds: integers of up to 15 digits are
 * numbers, wider integers and decimals stay exact strings (like PostgreSQL's bigint
 * and numeric), FLOAT is a number.
 */
function numberConverter(column: snowflake.Column): Convert {
  if (column.getType() === 'real')
    return (value) => {
      const number = Number(value);
      return Number.isFinite(number) ? number : String(value);
    };
  const precision = column.getPrecision() ?? 38;
  if (column.getScale() === 0 && precision <= exactDigits) return (value) => Number(value);
  return (value) => String(value);
}

const isoDay: Convert = (value) => (value as Date).toISOString().slice(0, 10);
const isoInstant: Convert = (value) => (value as Date).toISOString();

function converterFor(column: snowflake.Column): Convert {
  switch (column.getType()) {
    case 'fixed':
    case 'real':
      return numberConverter(column);
    case 'text':
      return (value) => value as string;
    case 'boolean':
      return (value) => value as boolean;
    case 'date':
      return isoDay;
    case 'timestamp_ntz': // the wall-clock reading, taken as UTC
    case 'timestamp_ltz':
    case 'timestamp_tz':
      return isoInstant;
    case 'time':
      return String;
    default:
      // VARIANT, OBJECT and ARRAY come parsed; BINARY as a Buffer (base64 below).
      return toJsonSafe;
  }
}

/** The filter type of a result column, for raw-query previews. */
export function resultType(column: snowflake.Column): FieldType | null {
  switch (column.getType()) {
    case 'fixed':
    case 'real':
      return 'number';
    case 'text':
      return 'string';
    case 'boolean':
      return 'boolean';
    case 'date':
      return 'date';
    case 'timestamp_ntz':
    case 'timestamp_ltz':
    case 'timestamp_tz':
      return 'datetime';
    case 'variant':
    case 'object':
      return 'json';
    case 'array':
      return 'array';
    default:
      return null;
  }
}

export function resultShape(columns: readonly snowflake.Column[]): ResultShape {
  return {
    columns: columns.map((column) => ({ name: column.getName(), type: resultType(column) })),
    converters: columns.map(converterFor),
  };
}

/** One result row (an array in column order) as a JSON-safe row. */
export function toRow(values: readonly unknown[], shape: ResultShape): Row {
  const row: Row = {};
  for (let index = 0; index < shape.columns.length; index += 1) {
    const value = values[index];
    row[shape.columns[index]!.name] =
      value === null || value === undefined ? null : shape.converters[index]!(value);
  }
  return row;
}
