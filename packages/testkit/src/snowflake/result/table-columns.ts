import type pg from 'pg';
import type { TableColumnInfo } from './column-types';

/**
 * Finds the table column behind each result field (PostgreSQL sends its table oid and column
 * number), for the declared domain and NOT NULL. Cached: a table's oid changes if it is recreated.
 */
export class TableColumns {
  private readonly cache = new Map<string, TableColumnInfo | null>();

  constructor(private readonly pool: pg.Pool) {}

  async lookup(fields: pg.FieldDef[]): Promise<(TableColumnInfo | undefined)[]> {
    const key = (field: pg.FieldDef) => `${field.tableID}:${field.columnID}`;
    const missing = fields.filter((field) => field.tableID !== 0 && !this.cache.has(key(field)));
    if (missing.length > 0) {
      const result = await this.pool.query<{
        relid: number;
        attnum: number;
        schema: string;
        table: string;
        not_null: boolean;
        domain: string | null;
      }>(
        `SELECT a.attrelid::int AS relid, a.attnum::int AS attnum, n.nspname AS schema, c.relname AS table,
                a.attnotnull AS not_null, CASE WHEN tn.nspname = 'sf_internal' THEN t.typname END AS domain
         FROM unnest($1::oid[], $2::int2[]) AS k(relid, num)
         JOIN pg_attribute a ON a.attrelid = k.relid AND a.attnum = k.num
         JOIN pg_class c ON c.oid = a.attrelid
         JOIN pg_namespace n ON n.oid = c.relnamespace
         JOIN pg_type t ON t.oid = a.atttypid
         JOIN pg_namespace tn ON tn.oid = t.typnamespace`,
        [missing.map((field) => field.tableID), missing.map((field) => field.columnID)],
      );
      for (const field of missing) this.cache.set(key(field), null);
      for (const row of result.rows) {
        this.cache.set(`${row.relid}:${row.attnum}`, {
          schema: row.schema,
          table: row.table,
          notNull: row.not_null,
          domain: row.domain,
        });
      }
    }
    return fields.map((field) =>
      field.tableID === 0 ? undefined : (this.cache.get(key(field)) ?? undefined),
    );
  }
}
