import type pg from 'pg';
import type { SourceDescription, SourceSummary, SourceType } from '../connector';
import { ConnectorError } from '../errors/connector-error';
import { formatSourceId, sourceLabel, type SourceRef } from '../source-ref';
import { postgresField, type PostgresColumn } from './field-types';

const sourceTypes: Record<string, SourceType> = {
  r: 'table',
  p: 'table',
  v: 'view',
  m: 'materialized_view',
  f: 'foreign_table',
};

// Partitions are listed through their parent; temp and toast schemas are internal.
const visibleRelations = `
  c.relkind IN ('r', 'p', 'v', 'm', 'f')
  AND NOT c.relispartition
  AND n.nspname NOT IN ('pg_catalog', 'information_schema')
  AND n.nspname NOT LIKE 'pg\\_toast%'
  AND n.nspname NOT LIKE 'pg\\_temp\\_%'
  AND has_schema_privilege(n.oid, 'USAGE')
  AND has_table_privilege(c.oid, 'SELECT')`;

/** Tables, views, materialized views and foreign tables this user may read, with the planner's row estimate. */
export async function listPostgresSources(client: pg.ClientBase): Promise<SourceSummary[]> {
  const result = await client.query<{ schema: string; name: string; kind: string; estimated: string | null }>(
    `SELECT n.nspname AS schema, c.relname AS name, c.relkind AS kind,
            CASE WHEN c.relkind IN ('r', 'm', 'f') AND c.reltuples >= 0 THEN c.reltuples::bigint END AS estimated
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE ${visibleRelations}
      ORDER BY n.nspname, c.relname
      LIMIT 10000`,
  );
  return result.rows.map((row) => {
    const ref = { schema: row.schema, name: row.name };
    return {
      ref,
      id: formatSourceId(ref),
      type: sourceTypes[row.kind] ?? 'table',
      estimatedRows: row.estimated === null ? null : Number(row.estimated),
    };
  });
}

/** Columns with their filter types, primary key and single-column unique keys of one source. */
export async function describePostgresSource(
  client: pg.ClientBase,
  ref: SourceRef,
): Promise<SourceDescription> {
  const relation = await client.query<{ oid: number }>(
    `SELECT c.oid FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = $1 AND c.relname = $2 AND ${visibleRelations}`,
    [ref.schema ?? 'public', ref.name],
  );
  const oid = relation.rows[0]?.oid;
  if (oid === undefined)
    throw new ConnectorError(
      'source_not_found',
      `There is no table or view ${sourceLabel(ref)} that this user can read. Refresh the list of tables.`,
    );
  const columns = await client.query<PostgresColumn>(
    `SELECT a.attname AS name,
            format_type(a.atttypid, a.atttypmod) AS "nativeType",
            NOT a.attnotnull AS nullable,
            t.typname AS "typeName",
            t.typtype = 'e' AS "isEnum",
            CASE WHEN t.typtype = 'e' THEN
              (SELECT array_agg(e.enumlabel::text ORDER BY e.enumsortorder) FROM pg_enum e WHERE e.enumtypid = t.oid)
            END AS "enumValues",
            CASE WHEN t.typcategory = 'A' THEN et.typname END AS "elementTypeName",
            COALESCE(t.typcategory = 'A' AND et.typtype = 'e', false) AS "elementIsEnum"
       FROM pg_attribute a
       JOIN pg_type declared ON declared.oid = a.atttypid
       -- a domain behaves as its base type
       JOIN pg_type t ON t.oid = CASE WHEN declared.typtype = 'd' THEN declared.typbasetype ELSE declared.oid END
       LEFT JOIN pg_type et ON et.oid = t.typelem
      WHERE a.attrelid = $1 AND a.attnum > 0 AND NOT a.attisdropped
      ORDER BY a.attnum`,
    [oid],
  );
  const keys = await client.query<{ name: string; primary: boolean }>(
    `SELECT a.attname AS name, i.indisprimary AS primary
       FROM pg_index i
       JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, position) ON true
       JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
      WHERE i.indrelid = $1 AND i.indisunique AND i.indisvalid AND i.indpred IS NULL AND i.indexprs IS NULL
        AND k.position <= i.indnkeyatts
        AND (i.indisprimary OR i.indnkeyatts = 1)
      ORDER BY i.indisprimary DESC, k.position`,
    [oid],
  );
  return {
    ref: { schema: ref.schema ?? 'public', name: ref.name },
    fields: columns.rows.map(postgresField),
    primaryKey: keys.rows.filter((key) => key.primary).map((key) => key.name),
    uniqueFields: [...new Set(keys.rows.filter((key) => !key.primary).map((key) => key.name))],
  };
}
