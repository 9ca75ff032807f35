import type { FieldType } from '@connect/core';
import type { FieldDescriptor } from '../connector';

/** A column as information_schema describes it. */
export interface MysqlColumn {
  name: string;
  dataType: string;
  columnType: string;
  nullable: boolean;
  /** MariaDB stores JSON as LONGTEXT with a json_valid() check; MySQL has a JSON type. */
  isJson: boolean;
}

const integerTypes = new Set(['tinyint', 'smallint', 'mediumint', 'int', 'integer', 'bigint', 'year']);
const decimalTypes = new Set(['decimal', 'numeric', 'float', 'double', 'real']);
const textTypes = new Set(['char', 'varchar', 'tinytext', 'text', 'mediumtext', 'longtext', 'set']);

/** `enum('a','it''s')` to `['a', "it's"]`. */
export function parseEnumValues(columnType: string): string[] {
  const body = /^enum\((.*)\)$/is.exec(columnType)?.[1] ?? '';
  return [...body.matchAll(/'((?:[^'\\]|''|\\.)*)'/g)].map((match) =>
    match[1]!.replaceAll("''", "'").replace(/\\(.)/g, '$1'),
  );
}

/** Maps an information_schema column to a filter field; JSON arrays are recognised later from a sample. */
export function mysqlField(column: MysqlColumn): FieldDescriptor {
  const base = { name: column.name, nativeType: column.columnType, nullable: column.nullable };
  const dataType = column.dataType.toLowerCase();
  if (column.isJson || dataType === 'json') return { ...base, type: 'json', filterable: true };
  if (dataType === 'tinyint' && /^tinyint\(1\)/i.test(column.columnType))
    return { ...base, type: 'boolean', filterable: true };
  if (integerTypes.has(dataType)) return { ...base, type: 'number', integer: true, filterable: true };
  if (decimalTypes.has(dataType)) return { ...base, type: 'number', filterable: true };
  if (textTypes.has(dataType)) return { ...base, type: 'string', filterable: true };
  if (dataType === 'enum')
    return { ...base, type: 'enum', enumValues: parseEnumValues(column.columnType), filterable: true };
  if (dataType === 'date') return { ...base, type: 'date', filterable: true };
  if (dataType === 'datetime' || dataType === 'timestamp')
    return { ...base, type: 'datetime', filterable: true };
  if (dataType === 'uuid') return { ...base, type: 'id', format: 'uuid', filterable: true };
  return { ...base, type: 'string', filterable: false };
}

/** mysql2 column type codes of raw-query result columns, for the preview's column types. */
const resultTypes: Record<number, FieldType> = {
  0: 'number',
  2: 'number',
  3: 'number',
  4: 'number',
  5: 'number',
  8: 'number',
  9: 'number',
  13: 'number',
  246: 'number',
  7: 'datetime',
  12: 'datetime',
  10: 'date',
  14: 'date',
  15: 'string',
  253: 'string',
  254: 'string',
  245: 'json',
};

export function mysqlResultType(
  columnType: number | undefined,
  length: number | undefined,
): FieldType | null {
  if (columnType === 1) return length === 1 ? 'boolean' : 'number';
  return columnType === undefined ? null : (resultTypes[columnType] ?? null);
}
