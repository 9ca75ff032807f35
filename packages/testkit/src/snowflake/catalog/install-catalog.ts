import type pg from 'pg';
import { pgString } from '../sql/pg-literal';

/**
 * Prepares a PostgreSQL database to stand in for one Snowflake database:
 *
 * - `sf_internal` holds the domains that carry Snowflake type names (VARIANT, OBJECT, ARRAY and
 *   the three TIMESTAMP flavours) and the helper functions the SQL translator calls.
 * - `"INFORMATION_SCHEMA"` (upper case, so it never collides with PostgreSQL's own
 *   `information_schema`) holds TABLES, COLUMNS, SCHEMATA and DATABASES views with Snowflake's
 *   column names and type names, so `SELECT ... FROM INFORMATION_SCHEMA.COLUMNS` works as is.
 *
 * Idempotent: safe to run on every server start.
 */
export async function installSnowflakeCatalog(
  client: pg.ClientBase,
  options: { database: string; owner: string },
): Promise<void> {
  await client.query(`
    DO $$ BEGIN
      CREATE SCHEMA IF NOT EXISTS sf_internal;
      CREATE DOMAIN sf_internal.variant AS jsonb;
      CREATE DOMAIN sf_internal.object AS jsonb CHECK (jsonb_typeof(VALUE) = 'object');
      CREATE DOMAIN sf_internal."array" AS jsonb CHECK (jsonb_typeof(VALUE) = 'array');
      CREATE DOMAIN sf_internal.timestamp_ntz AS timestamp;
      CREATE DOMAIN sf_internal.timestamp_ltz AS timestamptz;
      CREATE DOMAIN sf_internal.timestamp_tz AS timestamptz;
    EXCEPTION WHEN duplicate_object THEN NULL;
    END $$;
  `);
  await client.query(HELPER_FUNCTIONS);
  await client.query(`
    CREATE SCHEMA IF NOT EXISTS "INFORMATION_SCHEMA";
    DROP VIEW IF EXISTS "INFORMATION_SCHEMA"."TABLES", "INFORMATION_SCHEMA"."COLUMNS",
      "INFORMATION_SCHEMA"."SCHEMATA", "INFORMATION_SCHEMA"."DATABASES";
    ${catalogViews(options.database, options.owner)}
  `);
}

const HELPER_FUNCTIONS = `
  -- 'a'::VARIANT is the JSON string "a"; numbers and booleans keep their JSON type.
  CREATE OR REPLACE FUNCTION sf_internal.to_variant(text) RETURNS jsonb
    LANGUAGE sql IMMUTABLE AS $$ SELECT to_jsonb($1) $$;
  CREATE OR REPLACE FUNCTION sf_internal.to_variant(numeric) RETURNS jsonb
    LANGUAGE sql IMMUTABLE AS $$ SELECT to_jsonb($1) $$;
  CREATE OR REPLACE FUNCTION sf_internal.to_variant(double precision) RETURNS jsonb
    LANGUAGE sql IMMUTABLE AS $$ SELECT to_jsonb($1) $$;
  CREATE OR REPLACE FUNCTION sf_internal.to_variant(boolean) RETURNS jsonb
    LANGUAGE sql IMMUTABLE AS $$ SELECT to_jsonb($1) $$;
  CREATE OR REPLACE FUNCTION sf_internal.to_variant(date) RETURNS jsonb
    LANGUAGE sql IMMUTABLE AS $$ SELECT to_jsonb($1) $$;
  CREATE OR REPLACE FUNCTION sf_internal.to_variant(timestamp) RETURNS jsonb
    LANGUAGE sql IMMUTABLE AS $$ SELECT to_jsonb($1) $$;
  CREATE OR REPLACE FUNCTION sf_internal.to_variant(timestamptz) RETURNS jsonb
    LANGUAGE sql STABLE AS $$ SELECT to_jsonb($1) $$;
  CREATE OR REPLACE FUNCTION sf_internal.to_variant(jsonb) RETURNS jsonb
    LANGUAGE sql IMMUTABLE AS $$ SELECT $1 $$;

  CREATE OR REPLACE FUNCTION sf_internal.to_array(jsonb) RETURNS jsonb
    LANGUAGE sql IMMUTABLE AS $$
      SELECT CASE WHEN $1 IS NULL THEN NULL WHEN jsonb_typeof($1) = 'array' THEN $1
                  ELSE jsonb_build_array($1) END $$;
  CREATE OR REPLACE FUNCTION sf_internal.to_array(text) RETURNS jsonb
    LANGUAGE sql IMMUTABLE AS $$ SELECT jsonb_build_array($1) $$;

  -- variant::VARCHAR is the bare value ("a" -> a), other types their text form.
  CREATE OR REPLACE FUNCTION sf_internal.to_varchar(jsonb) RETURNS text
    LANGUAGE sql IMMUTABLE AS $$ SELECT $1 #>> '{}' $$;
  CREATE OR REPLACE FUNCTION sf_internal.to_varchar(text) RETURNS text
    LANGUAGE sql IMMUTABLE AS $$ SELECT $1 $$;
  CREATE OR REPLACE FUNCTION sf_internal.to_varchar(boolean) RETURNS text
    LANGUAGE sql IMMUTABLE AS $$ SELECT CASE WHEN $1 THEN 'true' WHEN NOT $1 THEN 'false' END $$;
  CREATE OR REPLACE FUNCTION sf_internal.to_varchar(anyelement) RETURNS text
    LANGUAGE sql STABLE AS $$ SELECT $1::text $$;

  -- ARRAY_SIZE is NULL for anything that is not an array.
  CREATE OR REPLACE FUNCTION sf_internal.array_size(jsonb) RETURNS integer
    LANGUAGE sql IMMUTABLE AS $$
      SELECT CASE WHEN jsonb_typeof($1) = 'array' THEN jsonb_array_length($1) END $$;

  CREATE OR REPLACE FUNCTION sf_internal.endswith(text, text) RETURNS boolean
    LANGUAGE sql IMMUTABLE AS $$ SELECT right($1, length($2)) = $2 $$;

  CREATE OR REPLACE FUNCTION sf_internal.date_unit(part text) RETURNS interval
    LANGUAGE sql IMMUTABLE AS $$
      SELECT CASE upper(part)
        WHEN 'YEAR' THEN interval '1 year' WHEN 'YEARS' THEN interval '1 year'
        WHEN 'Y' THEN interval '1 year' WHEN 'YY' THEN interval '1 year' WHEN 'YYYY' THEN interval '1 year'
        WHEN 'YR' THEN interval '1 year' WHEN 'YRS' THEN interval '1 year'
        WHEN 'QUARTER' THEN interval '3 months' WHEN 'QUARTERS' THEN interval '3 months'
        WHEN 'Q' THEN interval '3 months' WHEN 'QTR' THEN interval '3 months'
        WHEN 'MONTH' THEN interval '1 month' WHEN 'MONTHS' THEN interval '1 month'
        WHEN 'MM' THEN interval '1 month' WHEN 'MON' THEN interval '1 month' WHEN 'MONS' THEN interval '1 month'
        WHEN 'WEEK' THEN interval '7 days' WHEN 'WEEKS' THEN interval '7 days' WHEN 'W' THEN interval '7 days'
        WHEN 'WK' THEN interval '7 days' WHEN 'WEEKOFYEAR' THEN interval '7 days'
        WHEN 'DAY' THEN interval '1 day' WHEN 'DAYS' THEN interval '1 day' WHEN 'D' THEN interval '1 day'
        WHEN 'DD' THEN interval '1 day' WHEN 'DAYOFMONTH' THEN interval '1 day'
        WHEN 'HOUR' THEN interval '1 hour' WHEN 'HOURS' THEN interval '1 hour' WHEN 'H' THEN interval '1 hour'
        WHEN 'HH' THEN interval '1 hour' WHEN 'HR' THEN interval '1 hour' WHEN 'HRS' THEN interval '1 hour'
        WHEN 'MINUTE' THEN interval '1 minute' WHEN 'MINUTES' THEN interval '1 minute'
        WHEN 'M' THEN interval '1 minute' WHEN 'MI' THEN interval '1 minute' WHEN 'MIN' THEN interval '1 minute'
        WHEN 'MINS' THEN interval '1 minute'
        WHEN 'SECOND' THEN interval '1 second' WHEN 'SECONDS' THEN interval '1 second'
        WHEN 'S' THEN interval '1 second' WHEN 'SEC' THEN interval '1 second' WHEN 'SECS' THEN interval '1 second'
        WHEN 'MILLISECOND' THEN interval '1 millisecond' WHEN 'MILLISECONDS' THEN interval '1 millisecond'
        WHEN 'MS' THEN interval '1 millisecond' WHEN 'MSEC' THEN interval '1 millisecond'
        WHEN 'MICROSECOND' THEN interval '1 microsecond' WHEN 'MICROSECONDS' THEN interval '1 microsecond'
        WHEN 'US' THEN interval '1 microsecond' WHEN 'USEC' THEN interval '1 microsecond'
      END $$;

  CREATE OR REPLACE FUNCTION sf_internal.dateadd(part text, n numeric, value timestamp) RETURNS timestamp
    LANGUAGE sql IMMUTABLE AS $$ SELECT value + n * sf_internal.date_unit(part) $$;
  CREATE OR REPLACE FUNCTION sf_internal.dateadd(part text, n numeric, value timestamptz) RETURNS timestamptz
    LANGUAGE sql STABLE AS $$ SELECT value + n * sf_internal.date_unit(part) $$;
  -- DATEADD on a DATE with a date part stays a DATE.
  CREATE OR REPLACE FUNCTION sf_internal.dateadd(part text, n numeric, value date) RETURNS date
    LANGUAGE sql IMMUTABLE AS $$ SELECT (value + n * sf_internal.date_unit(part))::date $$;
  CREATE OR REPLACE FUNCTION sf_internal.dateadd(part text, n numeric, value text) RETURNS timestamp
    LANGUAGE sql IMMUTABLE AS $$ SELECT value::timestamp + n * sf_internal.date_unit(part) $$;

  -- PostgreSQL's name for a Snowflake date part ('MM' -> month).
  CREATE OR REPLACE FUNCTION sf_internal.part_name(part text) RETURNS text
    LANGUAGE sql IMMUTABLE AS $$
      SELECT CASE sf_internal.date_unit(part)
        WHEN interval '1 year' THEN 'year' WHEN interval '3 months' THEN 'quarter'
        WHEN interval '1 month' THEN 'month' WHEN interval '7 days' THEN 'week' WHEN interval '1 day' THEN 'day'
        WHEN interval '1 hour' THEN 'hour' WHEN interval '1 minute' THEN 'minute'
        WHEN interval '1 second' THEN 'second' WHEN interval '1 millisecond' THEN 'milliseconds'
        WHEN interval '1 microsecond' THEN 'microseconds' ELSE lower(part) END $$;

  -- DATE_TRUNC keeps its argument's type (a DATE stays a DATE).
  CREATE OR REPLACE FUNCTION sf_internal.date_trunc(part text, value date) RETURNS date
    LANGUAGE sql IMMUTABLE AS $$ SELECT date_trunc(sf_internal.part_name(part), value::timestamp)::date $$;
  CREATE OR REPLACE FUNCTION sf_internal.date_trunc(part text, value timestamp) RETURNS timestamp
    LANGUAGE sql IMMUTABLE AS $$ SELECT date_trunc(sf_internal.part_name(part), value) $$;
  CREATE OR REPLACE FUNCTION sf_internal.date_trunc(part text, value timestamptz) RETURNS timestamptz
    LANGUAGE sql STABLE AS $$ SELECT date_trunc(sf_internal.part_name(part), value) $$;
  CREATE OR REPLACE FUNCTION sf_internal.date_trunc(part text, value text) RETURNS timestamp
    LANGUAGE sql IMMUTABLE AS $$ SELECT date_trunc(sf_internal.part_name(part), value::timestamp) $$;

  -- A part shorter than a day turns a DATE into a TIMESTAMP_NTZ.
  CREATE OR REPLACE FUNCTION sf_internal.timeadd(part text, n numeric, value timestamp) RETURNS timestamp
    LANGUAGE sql IMMUTABLE AS $$ SELECT value + n * sf_internal.date_unit(part) $$;
  CREATE OR REPLACE FUNCTION sf_internal.timeadd(part text, n numeric, value timestamptz) RETURNS timestamptz
    LANGUAGE sql STABLE AS $$ SELECT value + n * sf_internal.date_unit(part) $$;
  CREATE OR REPLACE FUNCTION sf_internal.timeadd(part text, n numeric, value date) RETURNS timestamp
    LANGUAGE sql IMMUTABLE AS $$ SELECT value::timestamp + n * sf_internal.date_unit(part) $$;
  CREATE OR REPLACE FUNCTION sf_internal.timeadd(part text, n numeric, value text) RETURNS timestamp
    LANGUAGE sql IMMUTABLE AS $$ SELECT value::timestamp + n * sf_internal.date_unit(part) $$;
  CREATE OR REPLACE FUNCTION sf_internal.timeadd(part text, n numeric, value time) RETURNS time
    LANGUAGE sql IMMUTABLE AS $$ SELECT value + n * sf_internal.date_unit(part) $$;

  -- DATEDIFF counts the part boundaries crossed, as Snowflake does.
  CREATE OR REPLACE FUNCTION sf_internal.datediff(part text, a timestamp, b timestamp) RETURNS numeric
    LANGUAGE sql IMMUTABLE AS $$
      SELECT CASE
        WHEN sf_internal.date_unit(part) = interval '1 year' THEN extract(year FROM b) - extract(year FROM a)
        WHEN sf_internal.date_unit(part) = interval '3 months' THEN
          (extract(year FROM b) * 4 + extract(quarter FROM b)) - (extract(year FROM a) * 4 + extract(quarter FROM a))
        WHEN sf_internal.date_unit(part) = interval '1 month' THEN
          (extract(year FROM b) * 12 + extract(month FROM b)) - (extract(year FROM a) * 12 + extract(month FROM a))
        WHEN sf_internal.date_unit(part) = interval '7 days' THEN
          (date_trunc('week', b)::date - date_trunc('week', a)::date) / 7
        WHEN sf_internal.date_unit(part) = interval '1 day' THEN b::date - a::date
        WHEN sf_internal.date_unit(part) = interval '1 hour' THEN
          extract(epoch FROM date_trunc('hour', b) - date_trunc('hour', a)) / 3600
        WHEN sf_internal.date_unit(part) = interval '1 minute' THEN
          extract(epoch FROM date_trunc('minute', b) - date_trunc('minute', a)) / 60
        WHEN sf_internal.date_unit(part) = interval '1 second' THEN
          extract(epoch FROM date_trunc('second', b) - date_trunc('second', a))
        WHEN sf_internal.date_unit(part) = interval '1 millisecond' THEN
          extract(epoch FROM date_trunc('milliseconds', b) - date_trunc('milliseconds', a)) * 1000
        ELSE extract(epoch FROM b - a) * 1000000
      END::numeric(38,0) $$;
  CREATE OR REPLACE FUNCTION sf_internal.datediff(part text, a timestamptz, b timestamptz) RETURNS numeric
    LANGUAGE sql STABLE AS $$ SELECT sf_internal.datediff(part, a::timestamp, b::timestamp) $$;
  CREATE OR REPLACE FUNCTION sf_internal.datediff(part text, a date, b date) RETURNS numeric
    LANGUAGE sql IMMUTABLE AS $$ SELECT sf_internal.datediff(part, a::timestamp, b::timestamp) $$;

  -- SYSTEM$WAIT(n [, unit]) sleeps and says so.
  CREATE OR REPLACE FUNCTION sf_internal.system_wait(amount numeric, unit text) RETURNS text
    LANGUAGE plpgsql VOLATILE AS $$
    DECLARE seconds numeric := amount * CASE upper(unit)
      WHEN 'MILLISECONDS' THEN 0.001 WHEN 'MINUTES' THEN 60 WHEN 'HOURS' THEN 3600 ELSE 1 END;
    BEGIN
      PERFORM pg_sleep(seconds);
      RETURN 'waited ' || amount || ' ' || lower(unit);
    END $$;

  -- Snowflake keeps exact row counts as table metadata.
  CREATE OR REPLACE FUNCTION sf_internal.row_count(relation regclass) RETURNS bigint
    LANGUAGE plpgsql STABLE AS $$
    DECLARE result bigint;
    BEGIN
      EXECUTE format('SELECT count(*) FROM %s', relation) INTO result;
      RETURN result;
    END $$;

  -- The Snowflake type name of a column, from its PostgreSQL type (or sf_internal domain).
  CREATE OR REPLACE FUNCTION sf_internal.data_type(type_oid oid) RETURNS text
    LANGUAGE sql STABLE AS $$
      SELECT CASE
        WHEN n.nspname = 'sf_internal' THEN upper(t.typname)
        WHEN t.typname IN ('int2', 'int4', 'int8', 'numeric') THEN 'NUMBER'
        WHEN t.typname IN ('float4', 'float8') THEN 'FLOAT'
        WHEN t.typname IN ('text', 'varchar', 'bpchar', 'name', 'uuid') THEN 'TEXT'
        WHEN t.typname = 'bool' THEN 'BOOLEAN'
        WHEN t.typname = 'date' THEN 'DATE'
        WHEN t.typname IN ('time', 'timetz') THEN 'TIME'
        WHEN t.typname = 'timestamp' THEN 'TIMESTAMP_NTZ'
        WHEN t.typname = 'timestamptz' THEN 'TIMESTAMP_LTZ'
        WHEN t.typname IN ('json', 'jsonb') THEN 'VARIANT'
        WHEN t.typname = 'bytea' THEN 'BINARY'
        ELSE upper(format_type(t.oid, NULL))
      END
      FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace WHERE t.oid = type_oid $$;
`;

/** Schemas that belong to PostgreSQL or to this emulation, never to the Snowflake database. */
const HIDDEN_SCHEMAS = `('pg_catalog', 'information_schema', 'pg_toast', 'sf_internal', 'public')`;

function catalogViews(database: string, owner: string): string {
  const db = pgString(database);
  const role = pgString(owner);
  return `
    CREATE VIEW "INFORMATION_SCHEMA"."DATABASES" AS
      SELECT ${db}::text AS "DATABASE_NAME", ${role}::text AS "DATABASE_OWNER", 'NO'::text AS "IS_TRANSIENT",
             NULL::text AS "COMMENT", now() AS "CREATED", now() AS "LAST_ALTERED", 1::numeric(38,0) AS "RETENTION_TIME",
             'STANDARD'::text AS "TYPE";

    CREATE VIEW "INFORMATION_SCHEMA"."SCHEMATA" AS
      SELECT ${db}::text AS "CATALOG_NAME", n.nspname::text AS "SCHEMA_NAME",
             CASE WHEN n.nspname = 'INFORMATION_SCHEMA' THEN NULL ELSE ${role}::text END AS "SCHEMA_OWNER",
             'NO'::text AS "IS_TRANSIENT", 'NO'::text AS "IS_MANAGED_ACCESS", 1::numeric(38,0) AS "RETENTION_TIME",
             NULL::text AS "DEFAULT_CHARACTER_SET_CATALOG", NULL::text AS "DEFAULT_CHARACTER_SET_SCHEMA",
             NULL::text AS "DEFAULT_CHARACTER_SET_NAME", NULL::text AS "SQL_PATH",
             now() AS "CREATED", now() AS "LAST_ALTERED", obj_description(n.oid, 'pg_namespace') AS "COMMENT"
      FROM pg_namespace n
      WHERE n.nspname NOT IN ${HIDDEN_SCHEMAS} AND n.nspname NOT LIKE 'pg\\_%';

    CREATE VIEW "INFORMATION_SCHEMA"."TABLES" AS
      SELECT ${db}::text AS "TABLE_CATALOG", n.nspname::text AS "TABLE_SCHEMA", c.relname::text AS "TABLE_NAME",
             CASE WHEN n.nspname = 'INFORMATION_SCHEMA' THEN NULL ELSE ${role}::text END AS "TABLE_OWNER",
             CASE WHEN c.relkind IN ('v', 'm') THEN 'VIEW' ELSE 'BASE TABLE' END::text AS "TABLE_TYPE",
             CASE WHEN c.relkind IN ('v', 'm') THEN NULL ELSE 'NO' END::text AS "IS_TRANSIENT",
             NULL::text AS "CLUSTERING_KEY",
             CASE WHEN c.relkind IN ('r', 'p') THEN sf_internal.row_count(c.oid)::numeric(38,0) END AS "ROW_COUNT",
             CASE WHEN c.relkind IN ('r', 'p') THEN pg_total_relation_size(c.oid)::numeric(38,0) END AS "BYTES",
             CASE WHEN c.relkind IN ('r', 'p') THEN 1::numeric(38,0) END AS "RETENTION_TIME",
             now() AS "CREATED", now() AS "LAST_ALTERED", now() AS "LAST_DDL", NULL::text AS "LAST_DDL_BY",
             CASE WHEN c.relkind IN ('r', 'p') THEN 'NO' END::text AS "AUTO_CLUSTERING_ON",
             obj_description(c.oid, 'pg_class') AS "COMMENT",
             'NO'::text AS "IS_TEMPORARY", 'NO'::text AS "IS_ICEBERG", 'NO'::text AS "IS_DYNAMIC",
             'NO'::text AS "IS_IMMUTABLE", 'NO'::text AS "IS_HYBRID"
      FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE c.relkind IN ('r', 'p', 'v', 'm')
        AND n.nspname NOT IN ${HIDDEN_SCHEMAS} AND n.nspname NOT LIKE 'pg\\_%';

    CREATE VIEW "INFORMATION_SCHEMA"."COLUMNS" AS
      SELECT ${db}::text AS "TABLE_CATALOG", n.nspname::text AS "TABLE_SCHEMA", c.relname::text AS "TABLE_NAME",
             a.attname::text AS "COLUMN_NAME",
             row_number() OVER (PARTITION BY c.oid ORDER BY a.attnum)::numeric(38,0) AS "ORDINAL_POSITION",
             pg_get_expr(d.adbin, d.adrelid) AS "COLUMN_DEFAULT",
             CASE WHEN a.attnotnull THEN 'NO' ELSE 'YES' END::text AS "IS_NULLABLE",
             sf_internal.data_type(a.atttypid) AS "DATA_TYPE",
             CASE WHEN sf_internal.data_type(a.atttypid) = 'TEXT' THEN
               CASE WHEN b.typname IN ('varchar', 'bpchar') AND a.atttypmod > 4 THEN a.atttypmod - 4 ELSE 16777216 END
             END::numeric(38,0) AS "CHARACTER_MAXIMUM_LENGTH",
             CASE WHEN sf_internal.data_type(a.atttypid) = 'TEXT' THEN
               CASE WHEN b.typname IN ('varchar', 'bpchar') AND a.atttypmod > 4 THEN least((a.atttypmod - 4) * 4, 16777216)
                    ELSE 16777216 END
             END::numeric(38,0) AS "CHARACTER_OCTET_LENGTH",
             CASE WHEN b.typname = 'numeric' AND a.atttypmod > 4 THEN ((a.atttypmod - 4) >> 16) & 65535
                  WHEN b.typname IN ('numeric', 'int2', 'int4', 'int8') THEN 38 END::numeric(38,0) AS "NUMERIC_PRECISION",
             CASE WHEN b.typname IN ('numeric', 'int2', 'int4', 'int8') THEN 10 END::numeric(38,0) AS "NUMERIC_PRECISION_RADIX",
             CASE WHEN b.typname = 'numeric' AND a.atttypmod > 4 THEN (a.atttypmod - 4) & 65535
                  WHEN b.typname IN ('numeric', 'int2', 'int4', 'int8') THEN 0 END::numeric(38,0) AS "NUMERIC_SCALE",
             CASE WHEN b.typname IN ('time', 'timetz', 'timestamp', 'timestamptz') THEN 9 END::numeric(38,0)
               AS "DATETIME_PRECISION",
             NULL::text AS "INTERVAL_TYPE", NULL::numeric(38,0) AS "INTERVAL_PRECISION",
             NULL::text AS "CHARACTER_SET_CATALOG", NULL::text AS "CHARACTER_SET_SCHEMA",
             NULL::text AS "CHARACTER_SET_NAME", NULL::text AS "COLLATION_CATALOG", NULL::text AS "COLLATION_SCHEMA",
             NULL::text AS "COLLATION_NAME", NULL::text AS "DOMAIN_CATALOG", NULL::text AS "DOMAIN_SCHEMA",
             NULL::text AS "DOMAIN_NAME", NULL::text AS "UDT_CATALOG", NULL::text AS "UDT_SCHEMA", NULL::text AS "UDT_NAME",
             NULL::text AS "SCOPE_CATALOG", NULL::text AS "SCOPE_SCHEMA", NULL::text AS "SCOPE_NAME",
             NULL::numeric(38,0) AS "MAXIMUM_CARDINALITY", NULL::text AS "DTD_IDENTIFIER",
             'NO'::text AS "IS_SELF_REFERENCING",
             CASE WHEN a.attidentity <> '' THEN 'YES' ELSE 'NO' END::text AS "IS_IDENTITY",
             NULL::text AS "IDENTITY_GENERATION", NULL::text AS "IDENTITY_START", NULL::text AS "IDENTITY_INCREMENT",
             NULL::text AS "IDENTITY_MAXIMUM", NULL::text AS "IDENTITY_MINIMUM", NULL::text AS "IDENTITY_CYCLE",
             NULL::text AS "IDENTITY_ORDERED", NULL::text AS "SCHEMA_EVOLUTION_RECORD",
             col_description(c.oid, a.attnum) AS "COMMENT"
      FROM pg_attribute a
      JOIN pg_class c ON c.oid = a.attrelid
      JOIN pg_namespace n ON n.oid = c.relnamespace
      JOIN pg_type t ON t.oid = a.atttypid
      JOIN pg_type b ON b.oid = CASE WHEN t.typtype = 'd' THEN t.typbasetype ELSE t.oid END
      LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
      WHERE a.attnum > 0 AND NOT a.attisdropped AND c.relkind IN ('r', 'p', 'v', 'm')
        AND n.nspname NOT IN ${HIDDEN_SCHEMAS} AND n.nspname NOT LIKE 'pg\\_%';
  `;
}
