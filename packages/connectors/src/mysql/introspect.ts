import type mysql from 'mysql2/promise';
import type { FieldDescriptor, SourceDescription, SourceSummary } from '../connector';
import { ConnectorError } from '../errors/connector-error';
import { formatSourceId, sourceLabel, type SourceRef } from '../source-ref';
import { quoteMysqlIdentifier } from './compile-filter';
import type { MysqlFlavor } from './connect';
import { mysqlField, type MysqlColumn } from './field-types';

/** Rows sampled to tell JSON arrays from other JSON. */
const jsonSampleRows = 200;

/** Tables and views of the connection's database, with InnoDB's row estimate. */
export async function listMysqlSources(
  connection: mysql.PoolConnection,
  database: string,
): Promise<SourceSummary[]> {
  const [rows] = await connection.execute<mysql.RowDataPacket[]>(
    `SELECT TABLE_NAME AS name, TABLE_TYPE AS type, TABLE_ROWS AS estimated
       FROM information_schema.TABLES
      WHERE TABLE_SCHEMA = ? AND TABLE_TYPE IN ('BASE TABLE', 'VIEW', 'SYSTEM VERSIONED')
      ORDER BY TABLE_NAME
      LIMIT 10000`,
    [database],
  );
  return rows.map((row) => {
    const ref = { schema: database, name: String(row.name) };
    const view = row.type === 'VIEW';
    return {
      ref,
      id: formatSourceId(ref),
      type: view ? 'view' : 'table',
      estimatedRows: view || row.estimated === null ? null : Number(row.estimated),
    };
  });
}

/** JSON columns whose sampled values are all arrays become array fields. */
async function recogniseArrays(
  connection: mysql.PoolConnection,
  ref: SourceRef,
  database: string,
  fields: FieldDescriptor[],
) {
  const json = fields.filter((field) => field.type === 'json');
  if (json.length === 0) return;
  const probes = json.flatMap((field, index) => {
    const column = quoteMysqlIdentifier(field.name);
    return [`JSON_TYPE(${column}) AS t${index}`, `JSON_TYPE(JSON_EXTRACT(${column}, '$[0]')) AS e${index}`];
  });
  const [rows] = await connection.query<mysql.RowDataPacket[]>(
    `SELECT ${probes.join(', ')} FROM ${quoteMysqlIdentifier(ref.schema ?? database)}.${quoteMysqlIdentifier(ref.name)} LIMIT ${jsonSampleRows}`,
  );
  json.forEach((field, index) => {
    const types = rows.map((row) => row[`t${index}`] as string | null).filter((type) => type !== null);
    if (types.length === 0 || types.some((type) => type !== 'ARRAY')) return;
    const elements = rows.map((row) => row[`e${index}`] as string | null).filter((type) => type !== null);
    field.type = 'array';
    field.elementType =
      elements.length > 0 &&
      elements.every((type) => ['INTEGER', 'DOUBLE', 'DECIMAL', 'UNSIGNED INTEGER'].includes(type))
        ? 'number'
        : 'string';
  });
}

/** Columns, primary key and single-column unique keys of one table or view. */
export async function describeMysqlSource(
  connection: mysql.PoolConnection,
  ref: SourceRef,
  database: string,
  flavor: MysqlFlavor,
): Promise<SourceDescription> {
  const schema = ref.schema ?? database;
  const [tables] = await connection.execute<mysql.RowDataPacket[]>(
    'SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ?',
    [schema, ref.name],
  );
  if (tables.length === 0)
    throw new ConnectorError(
      'source_not_found',
      `There is no table or view ${sourceLabel(ref)} that this user can read. Refresh the list of tables.`,
    );
  const [columns] = await connection.execute<mysql.RowDataPacket[]>(
    `SELECT COLUMN_NAME AS name, DATA_TYPE AS dataType, COLUMN_TYPE AS columnType, IS_NULLABLE = 'YES' AS nullable
       FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? ORDER BY ORDINAL_POSITION`,
    [schema, ref.name],
  );
  const jsonColumns = new Set<string>();
  if (flavor === 'mariadb') {
    const [checks] = await connection.execute<mysql.RowDataPacket[]>(
      'SELECT CHECK_CLAUSE AS clause FROM information_schema.CHECK_CONSTRAINTS WHERE CONSTRAINT_SCHEMA = ? AND TABLE_NAME = ?',
      [schema, ref.name],
    );
    for (const check of checks) {
      const column = /^json_valid\(`((?:[^`]|``)+)`\)$/.exec(String(check.clause))?.[1];
      if (column) jsonColumns.add(column.replaceAll('``', '`'));
    }
  }
  const fields = columns.map((column) =>
    mysqlField({
      name: String(column.name),
      dataType: String(column.dataType),
      columnType: String(column.columnType),
      nullable: Boolean(Number(column.nullable)),
      isJson: jsonColumns.has(String(column.name)),
    } satisfies MysqlColumn),
  );
  await recogniseArrays(connection, ref, database, fields);
  const [indexes] = await connection.execute<mysql.RowDataPacket[]>(
    `SELECT INDEX_NAME AS indexName, COLUMN_NAME AS name, NON_UNIQUE AS nonUnique
       FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? ORDER BY INDEX_NAME, SEQ_IN_INDEX`,
    [schema, ref.name],
  );
  const byIndex = new Map<string, string[]>();
  for (const index of indexes) {
    if (Number(index.nonUnique) !== 0) continue;
    byIndex.set(String(index.indexName), [
      ...(byIndex.get(String(index.indexName)) ?? []),
      String(index.name),
    ]);
  }
  const uniqueFields = [...byIndex.entries()]
    .filter(([name, names]) => name !== 'PRIMARY' && names.length === 1)
    .map(([, names]) => names[0]!);
  return { ref: { schema, name: ref.name }, fields, primaryKey: byIndex.get('PRIMARY') ?? [], uniqueFields };
}
