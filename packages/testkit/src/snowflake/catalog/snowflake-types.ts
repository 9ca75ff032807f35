/**
 * How Snowflake column types are stored in the backing PostgreSQL database. Types PostgreSQL has
 * no twin for are domains in the `sf_internal` schema (see install-catalog.ts), so the catalog
 * views and the result metadata can report the Snowflake name: a column declared OBJECT is a
 * `sf_internal.object` (jsonb), TIMESTAMP_TZ a `sf_internal.timestamp_tz` (timestamptz).
 */
export function snowflakeTypeToPostgres(type: string): string {
  const match = /^\s*([A-Za-z_][A-Za-z0-9_ ]*?)\s*(?:\(\s*([^)]*)\))?\s*$/.exec(type);
  if (!match) throw new Error(`Not a Snowflake column type: ${type}`);
  const name = match[1]!.toUpperCase().replace(/\s+/g, ' ');
  const args = (match[2] ?? '')
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);
  switch (name) {
    case 'NUMBER':
    case 'NUMERIC':
    case 'DECIMAL':
    case 'DEC':
      return `numeric(${args[0] ?? 38},${args[1] ?? 0})`;
    case 'INT':
    case 'INTEGER':
    case 'BIGINT':
    case 'SMALLINT':
    case 'TINYINT':
    case 'BYTEINT':
      // Snowflake's integer types are all NUMBER(38,0).
      return 'numeric(38,0)';
    case 'FLOAT':
    case 'FLOAT4':
    case 'FLOAT8':
    case 'DOUBLE':
    case 'DOUBLE PRECISION':
    case 'REAL':
      return 'double precision';
    case 'VARCHAR':
    case 'CHAR VARYING':
    case 'NVARCHAR':
    case 'NVARCHAR2':
    case 'CHAR':
    case 'CHARACTER':
    case 'NCHAR':
      return args[0] ? `varchar(${args[0]})` : 'text';
    case 'STRING':
    case 'TEXT':
      return 'text';
    case 'BOOLEAN':
      return 'boolean';
    case 'DATE':
      return 'date';
    case 'TIME':
      return 'time';
    case 'DATETIME':
    case 'TIMESTAMP':
    case 'TIMESTAMP_NTZ':
    case 'TIMESTAMPNTZ':
    case 'TIMESTAMP WITHOUT TIME ZONE':
      return 'sf_internal.timestamp_ntz';
    case 'TIMESTAMP_LTZ':
    case 'TIMESTAMPLTZ':
    case 'TIMESTAMP WITH LOCAL TIME ZONE':
      return 'sf_internal.timestamp_ltz';
    case 'TIMESTAMP_TZ':
    case 'TIMESTAMPTZ':
    case 'TIMESTAMP WITH TIME ZONE':
      return 'sf_internal.timestamp_tz';
    case 'VARIANT':
      return 'sf_internal.variant';
    case 'OBJECT':
      return 'sf_internal.object';
    case 'ARRAY':
      return 'sf_internal."array"';
    case 'BINARY':
    case 'VARBINARY':
      return 'bytea';
    default:
      throw new Error(`Snowflake type ${type} is not emulated by the test server`);
  }
}

/**
 * The PostgreSQL target of `expr::TYPE` / `CAST(expr AS TYPE)`. Casts to VARIANT and VARCHAR go
 * through functions because Snowflake's semantics differ from a PostgreSQL cast: `'a'::VARIANT`
 * is the JSON string "a" (not a JSON parse), and `variant::VARCHAR` is the bare string value.
 */
export function castTarget(
  type: string,
): { kind: 'cast'; pgType: string } | { kind: 'function'; name: string } {
  const name = type
    .replace(/\(.*\)$/, '')
    .trim()
    .toUpperCase();
  if (name === 'VARIANT') return { kind: 'function', name: 'sf_internal.to_variant' };
  if (['VARCHAR', 'STRING', 'TEXT', 'CHAR', 'CHARACTER', 'NCHAR', 'NVARCHAR'].includes(name)) {
    return { kind: 'function', name: 'sf_internal.to_varchar' };
  }
  const pgType = snowflakeTypeToPostgres(type);
  // Domains would add their CHECK to every cast; results report base types anyway.
  const base: Record<string, string> = {
    'sf_internal.timestamp_ntz': 'timestamp',
    'sf_internal.timestamp_ltz': 'timestamptz',
    'sf_internal.timestamp_tz': 'timestamptz',
    'sf_internal.variant': 'jsonb',
    'sf_internal.object': 'jsonb',
    'sf_internal."array"': 'jsonb',
  };
  return { kind: 'cast', pgType: base[pgType] ?? pgType };
}
