import type { SourceDescription, SourceSummary, SourceType } from '../connector';
import { ConnectorError } from '../errors/connector-error';
import { formatSourceId, sourceLabel, type SourceRef } from '../source-ref';
import { quoteSnowflakeIdentifier } from './compile-filter';
import type { OpenedSession } from './connect';
import { executeStatement } from './execute';
import { refineFromSample, snowflakeField, type SnowflakeColumn } from './field-types';
import { resultShape, toRow } from './rows';

/** Rows sampled to recognise UUID text and number arrays. */
const sampleRows = 200;

interface RunOptions {
  signal?: AbortSignal;
  timeoutMs: number;
}

const sourceTypes: Record<string, SourceType> = {
  'BASE TABLE': 'table',
  'TEMPORARY TABLE': 'table',
  'EVENT TABLE': 'table',
  VIEW: 'view',
  'MATERIALIZED VIEW': 'materialized_view',
  'EXTERNAL TABLE': 'foreign_table',
};

/** Runs a statement and returns its rows as objects keyed by column name. */
async function rowsOf(
  session: OpenedSession,
  sqlText: string,
  binds: unknown[],
  options: RunOptions,
): Promise<Record<string, unknown>[]> {
  const result = await executeStatement(session.connection, { sqlText, binds, ...options });
  const shape = resultShape(result.columns);
  return result.rows.map((values) => toRow(values, shape));
}

/**
 * Tables and views of the session's database that its role can see (Snowflake's
 * INFORMATION_SCHEMA shows only those), in one schema when the config names one.
 * Tables carry their exact row count, which Snowflake keeps as metadata.
 */
export async function listSnowflakeSources(
  session: OpenedSession,
  schema: string | undefined,
  options: RunOptions,
): Promise<SourceSummary[]> {
  const rows = await rowsOf(
    session,
    `SELECT TABLE_SCHEMA AS "schema", TABLE_NAME AS "name", TABLE_TYPE AS "type", ROW_COUNT AS "rows"
       FROM INFORMATION_SCHEMA.TABLES
      WHERE TABLE_SCHEMA <> 'INFORMATION_SCHEMA'${schema ? ' AND TABLE_SCHEMA = CURRENT_SCHEMA()' : ''}
      ORDER BY TABLE_SCHEMA, TABLE_NAME
      LIMIT 10000`,
    [],
    options,
  );
  return rows.map((row) => {
    const ref = { schema: String(row.schema), name: String(row.name) };
    const type = sourceTypes[String(row.type)] ?? 'table';
    return {
      ref,
      id: formatSourceId(ref),
      type,
      estimatedRows: type === 'table' && row.rows !== null ? Number(row.rows) : null,
    };
  });
}

/**
 * The columns of one table or view. Snowflake's catalog lists no primary or unique
 * keys (they are informational there and only SHOW commands reveal them), so none
 * are reported; the SQL template then orders keyless sources by every column.
 */
export async function describeSnowflakeSource(
  session: OpenedSession,
  ref: SourceRef,
  options: RunOptions,
): Promise<SourceDescription> {
  const schema = ref.schema ?? session.schema ?? 'PUBLIC';
  const columns = await rowsOf(
    session,
    `SELECT COLUMN_NAME AS "name", DATA_TYPE AS "dataType", IS_NULLABLE AS "nullable",
            CHARACTER_MAXIMUM_LENGTH AS "maxLength", NUMERIC_PRECISION AS "precision", NUMERIC_SCALE AS "scale"
       FROM INFORMATION_SCHEMA.COLUMNS
      WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ?
      ORDER BY ORDINAL_POSITION`,
    [schema, ref.name],
    options,
  );
  if (columns.length === 0)
    throw new ConnectorError(
      'source_not_found',
      `There is no table or view ${sourceLabel({ schema, name: ref.name })} that this role can read. Refresh the list of tables.`,
    );
  const fields = columns.map((column) =>
    snowflakeField({
      name: String(column.name),
      dataType: String(column.dataType),
      nullable: column.nullable === 'YES',
      maxLength: column.maxLength === null ? null : Number(column.maxLength),
      precision: column.precision === null ? null : Number(column.precision),
      scale: column.scale === null ? null : Number(column.scale),
    } satisfies SnowflakeColumn),
  );
  const sampled = fields.filter(
    (field) => field.filterable && (field.type === 'string' || field.type === 'array'),
  );
  if (sampled.length > 0) {
    const sample = await rowsOf(
      session,
      `SELECT ${sampled.map((field) => quoteSnowflakeIdentifier(field.name)).join(', ')}
         FROM ${quoteSnowflakeIdentifier(schema)}.${quoteSnowflakeIdentifier(ref.name)} LIMIT ${sampleRows}`,
      [],
      options,
    );
    refineFromSample(fields, sample);
  }
  return { ref: { schema, name: ref.name }, fields, primaryKey: [], uniqueFields: [] };
}
