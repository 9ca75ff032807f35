import type pg from 'pg';
import {
  encodeBinary,
  encodeBoolean,
  encodeDate,
  encodeJson,
  encodeTime,
  encodeTimestampLtz,
  encodeTimestampNtz,
  encodeTimestampTz,
  identity,
  type ValueEncoder,
} from './encode-value';

/** One entry of `rowtype` as Snowflake sends it. */
export interface RowType {
  name: string;
  database: string;
  schema: string;
  table: string;
  type: string;
  nullable: boolean;
  precision: number | null;
  scale: number | null;
  length: number | null;
  byteLength: number | null;
  collation: null;
}

export interface ResultColumn {
  rowType: RowType;
  encode: ValueEncoder;
  /** NUMBER without a declared scale: the scale is taken from the values (see result-writer). */
  inferScale: boolean;
}

/** Where a result column comes from, when it is a plain table column. */
export interface TableColumnInfo {
  schema: string;
  table: string;
  notNull: boolean;
  /** The `sf_internal` domain name (variant, object, array, timestamp_tz...) or null. */
  domain: string | null;
}

const MAX_TEXT = 16_777_216;
const MAX_BINARY = 8_388_608;

const OID = {
  bool: 16,
  bytea: 17,
  char: 18,
  name: 19,
  int8: 20,
  int2: 21,
  int4: 23,
  text: 25,
  json: 114,
  float4: 700,
  float8: 701,
  bpchar: 1042,
  varchar: 1043,
  date: 1082,
  time: 1083,
  timestamp: 1114,
  timestamptz: 1184,
  timetz: 1266,
  numeric: 1700,
  uuid: 2950,
  jsonb: 3802,
} as const;

/**
 * The Snowflake column for a PostgreSQL result field. PostgreSQL reports a domain column with its
 * base type, so plain table columns are looked up (`source`) to tell OBJECT from VARIANT and
 * TIMESTAMP_TZ from TIMESTAMP_LTZ; computed columns are typed from the base type.
 */
export function resultColumn(
  field: pg.FieldDef,
  name: string,
  database: string,
  source: TableColumnInfo | undefined,
): ResultColumn {
  const base: Omit<RowType, 'type'> = {
    name,
    database: source ? database : '',
    schema: source?.schema ?? '',
    table: source?.table ?? '',
    nullable: !source?.notNull,
    precision: null,
    scale: null,
    length: null,
    byteLength: null,
    collation: null,
  };
  const column = (type: string, encode: ValueEncoder, extra: Partial<RowType> = {}, inferScale = false) => ({
    rowType: { ...base, type, ...extra },
    encode,
    inferScale,
  });
  const temporal = { precision: 0, scale: 9 };

  switch (source?.domain) {
    case 'variant':
    case 'object':
    case 'array':
      return column(source.domain, encodeJson, { length: MAX_TEXT, byteLength: MAX_TEXT });
    case 'timestamp_ntz':
      return column('timestamp_ntz', encodeTimestampNtz, temporal);
    case 'timestamp_ltz':
      return column('timestamp_ltz', encodeTimestampLtz, temporal);
    case 'timestamp_tz':
      return column('timestamp_tz', encodeTimestampTz, temporal);
  }

  const modifier = field.dataTypeModifier;
  switch (field.dataTypeID) {
    case OID.bool:
      return column('boolean', encodeBoolean);
    case OID.int2:
    case OID.int4:
      return column('fixed', identity, { precision: 38, scale: 0 });
    case OID.int8:
      return column('fixed', identity, { precision: 18, scale: 0 });
    case OID.numeric:
      if (modifier >= 4) {
        return column('fixed', identity, {
          precision: ((modifier - 4) >> 16) & 0xffff,
          scale: (modifier - 4) & 0xffff,
        });
      }
      return column('fixed', identity, { precision: 38, scale: 0 }, true);
    case OID.float4:
    case OID.float8:
      return column('real', identity);
    case OID.date:
      return column('date', encodeDate);
    case OID.time:
    case OID.timetz:
      return column('time', encodeTime, temporal);
    case OID.timestamp:
      return column('timestamp_ntz', encodeTimestampNtz, temporal);
    case OID.timestamptz:
      return column('timestamp_ltz', encodeTimestampLtz, temporal);
    case OID.json:
    case OID.jsonb:
      return column('variant', encodeJson, { length: MAX_TEXT, byteLength: MAX_TEXT });
    case OID.bytea:
      return column('binary', encodeBinary, { length: MAX_BINARY, byteLength: MAX_BINARY });
    case OID.varchar:
    case OID.bpchar: {
      const length = modifier > 4 ? modifier - 4 : MAX_TEXT;
      return column('text', identity, { length, byteLength: Math.min(length * 4, MAX_TEXT) });
    }
    case OID.uuid:
      return column('text', identity, { length: 36, byteLength: 144 });
    default:
      return column('text', identity, { length: MAX_TEXT, byteLength: MAX_TEXT });
  }
}

/** Fraction digits of a NUMBER value as PostgreSQL prints it. */
export function fractionDigits(text: string): number {
  const dot = text.indexOf('.');
  return dot < 0 ? 0 : text.length - dot - 1;
}
