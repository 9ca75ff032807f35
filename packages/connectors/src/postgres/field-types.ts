import type { FieldType } from '@connect/core';
import type { FieldDescriptor } from '../connector';

const integerTypes = new Set(['int2', 'int4', 'int8', 'oid']);
const decimalTypes = new Set(['float4', 'float8', 'numeric']);
const textTypes = new Set(['text', 'varchar', 'bpchar', 'name', 'citext']);
const datetimeTypes = new Set(['timestamp', 'timestamptz']);

/** A column as the catalog describes it (after resolving domains to their base type). */
export interface PostgresColumn {
  name: string;
  nativeType: string;
  nullable: boolean;
  typeName: string;
  isEnum: boolean;
  enumValues: string[] | null;
  /** For arrays: the element type's name and whether it is an enum. */
  elementTypeName: string | null;
  elementIsEnum: boolean;
}

function scalarType(
  typeName: string,
  isEnum: boolean,
): Pick<FieldDescriptor, 'type' | 'integer' | 'format'> | undefined {
  if (isEnum) return { type: 'enum' };
  if (integerTypes.has(typeName)) return { type: 'number', integer: true };
  if (decimalTypes.has(typeName)) return { type: 'number' };
  if (textTypes.has(typeName)) return { type: 'string' };
  if (typeName === 'bool') return { type: 'boolean' };
  if (typeName === 'date') return { type: 'date' };
  if (datetimeTypes.has(typeName)) return { type: 'datetime' };
  if (typeName === 'uuid') return { type: 'id', format: 'uuid' };
  if (typeName === 'json' || typeName === 'jsonb') return { type: 'json' };
  return undefined;
}

/** Maps a catalog column to a filter field; types no operator fits are kept, marked not filterable. */
export function postgresField(column: PostgresColumn): FieldDescriptor {
  const base = { name: column.name, nativeType: column.nativeType, nullable: column.nullable };
  if (column.elementTypeName !== null) {
    const element = scalarType(column.elementTypeName, column.elementIsEnum);
    const elementType =
      element?.type === 'number'
        ? 'number'
        : element && element.type !== 'json' && element.type !== 'boolean'
          ? 'string'
          : undefined;
    return elementType
      ? { ...base, type: 'array', elementType, filterable: true }
      : { ...base, type: 'array', filterable: false };
  }
  const scalar = scalarType(column.typeName, column.isEnum);
  if (!scalar) return { ...base, type: 'string', filterable: false };
  const field: FieldDescriptor = { ...base, ...scalar, filterable: true };
  if (column.isEnum && column.enumValues) field.enumValues = column.enumValues;
  return field;
}

/** Built-in type OIDs of raw-query result columns, for the preview's column types. */
const resultTypes: Record<number, FieldType> = {
  16: 'boolean',
  20: 'number',
  21: 'number',
  23: 'number',
  26: 'number',
  700: 'number',
  701: 'number',
  1700: 'number',
  25: 'string',
  1042: 'string',
  1043: 'string',
  19: 'string',
  1082: 'date',
  1114: 'datetime',
  1184: 'datetime',
  2950: 'id',
  114: 'json',
  3802: 'json',
  1000: 'array',
  1005: 'array',
  1007: 'array',
  1016: 'array',
  1009: 'array',
  1015: 'array',
  1021: 'array',
  1022: 'array',
  1231: 'array',
  2951: 'array',
};

export function postgresResultType(dataTypeId: number): FieldType | null {
  return resultTypes[dataTypeId] ?? null;
}
