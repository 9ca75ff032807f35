import type { FieldDescriptor } from '../connector';

/** A column as INFORMATION_SCHEMA.COLUMNS describes it. */
export interface SnowflakeColumn {
  name: string;
  /** DATA_TYPE: NUMBER, FLOAT, TEXT, BOOLEAN, DATE, TIMESTAMP_NTZ, VARIANT, ARRAY... */
  dataType: string;
  nullable: boolean;
  maxLength: number | null;
  precision: number | null;
  scale: number | null;
}

/** Snowflake's default (and maximum) VARCHAR length: a VARCHAR declared without one. */
const defaultTextLength = 16_777_216;

/** The type as Snowflake's DDL writes it, for display: NUMBER(38,0), VARCHAR(200), TIMESTAMP_NTZ. */
export function nativeTypeOf(column: SnowflakeColumn): string {
  const type = column.dataType.toUpperCase();
  if (type === 'NUMBER' && column.precision !== null)
    return `NUMBER(${column.precision},${column.scale ?? 0})`;
  if (type === 'TEXT')
    return column.maxLength === null || column.maxLength >= defaultTextLength
      ? 'VARCHAR'
      : `VARCHAR(${column.maxLength})`;
  return type;
}

/**
 * Maps a catalog column to a filter field. Text that holds UUIDs and the element type
 * of arrays are settled later from a sample ({@link refineFromSample}). Snowflake has
 * no enum type: text is always `string`.
 */
export function snowflakeField(column: SnowflakeColumn): FieldDescriptor {
  const base = { name: column.name, nativeType: nativeTypeOf(column), nullable: column.nullable };
  switch (column.dataType.toUpperCase()) {
    case 'NUMBER':
    case 'DECIMAL':
    case 'NUMERIC':
      return column.scale === 0 || column.scale === null
        ? { ...base, type: 'number', integer: true, filterable: true }
        : { ...base, type: 'number', filterable: true };
    case 'FLOAT':
    case 'DOUBLE':
    case 'REAL':
      return { ...base, type: 'number', filterable: true };
    case 'TEXT':
    case 'VARCHAR':
    case 'STRING':
    case 'CHAR':
      return { ...base, type: 'string', filterable: true };
    case 'BOOLEAN':
      return { ...base, type: 'boolean', filterable: true };
    case 'DATE':
      return { ...base, type: 'date', filterable: true };
    case 'TIMESTAMP_NTZ':
    case 'TIMESTAMP_LTZ':
    case 'TIMESTAMP_TZ':
      return { ...base, type: 'datetime', filterable: true };
    case 'VARIANT':
    case 'OBJECT':
    case 'MAP':
      return { ...base, type: 'json', filterable: true };
    case 'ARRAY':
      return { ...base, type: 'array', elementType: 'string', filterable: true };
    default:
      // TIME, BINARY, GEOGRAPHY, GEOMETRY, VECTOR...: shown in previews, not filtered on.
      return { ...base, type: 'string', filterable: false };
  }
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Settles what the catalog cannot say, from up to a few hundred sampled rows: a text
 * column whose sampled values are all UUIDs is an id with UUID format (so a filter
 * checks the value and matches it in any case), and an array whose sampled elements
 * are all numbers has number elements.
 */
export function refineFromSample(fields: FieldDescriptor[], sample: Record<string, unknown>[]): void {
  for (const field of fields) {
    if (!field.filterable) continue;
    const values = sample
      .map((row) => row[field.name])
      .filter((value) => value !== null && value !== undefined);
    if (values.length === 0) continue;
    if (
      field.type === 'string' &&
      values.every((value) => typeof value === 'string' && uuidPattern.test(value))
    ) {
      field.type = 'id';
      field.format = 'uuid';
    } else if (field.type === 'array') {
      const elements = values.flatMap((value) => (Array.isArray(value) ? value : []));
      if (elements.length > 0 && elements.every((element) => typeof element === 'number'))
        field.elementType = 'number';
    }
  }
}
