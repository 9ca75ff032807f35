import pg from 'pg';
import Cursor from 'pg-cursor';

/** Every value as PostgreSQL's text output, so the encoders see exact digits and microseconds. */
const RAW_TEXT: pg.CustomTypesConfig = {
  getTypeParser: () => (value: string) => value,
} as pg.CustomTypesConfig;

const BATCH_ROWS = 5_000;

export interface PostgresStatement {
  text: string;
  params: (string | null)[];
  /** A SELECT-like statement read through a cursor, or a command whose row count matters. */
  returnsRows: boolean;
  timeZone: string;
  /** PostgreSQL search_path: the session's schema, or nothing when it has none. */
  searchPath: string;
  timeoutMs: number;
}

export interface RowSink {
  /** Called once with the result's fields, before any row. */
  fields(fields: pg.FieldDef[]): Promise<void>;
  rows(rows: string[][]): Promise<void>;
}

export interface StatementOutcome {
  rowCount: number | null;
  timedOut: boolean;
}

/** Cancels a running statement from outside (abort-request, session close). */
export interface CancelHandle {
  cancel(): void;
}

/**
 * Runs one translated statement on its own pooled connection with the session's time zone,
 * search path and timeout. Rows stream through a cursor in batches; the timeout (and an abort)
 * cancel the backend, which PostgreSQL reports as 57014.
 */
export async function runOnPostgres(
  pool: pg.Pool,
  connectionString: string,
  statement: PostgresStatement,
  sink: RowSink,
  register: (handle: CancelHandle) => void,
): Promise<StatementOutcome> {
  const client = await pool.connect();
  let timedOut = false;
  let broken = false;
  const cancel = () => {
    // pg sets processID from BackendKeyData; its types do not declare it.
    void cancelBackend(connectionString, (client as { processID?: number }).processID).catch(() => {});
  };
  register({ cancel });
  const timer =
    statement.timeoutMs > 0
      ? setTimeout(() => {
          timedOut = true;
          cancel();
        }, statement.timeoutMs)
      : undefined;
  try {
    await client.query(
      `SELECT set_config('TimeZone', $1, false), set_config('search_path', $2, false),
              set_config('statement_timeout', $3, false), set_config('DateStyle', 'ISO, YMD', false),
              set_config('IntervalStyle', 'postgres', false), set_config('extra_float_digits', '1', false)`,
      [
        statement.timeZone,
        statement.searchPath,
        String(statement.timeoutMs > 0 ? statement.timeoutMs + 1000 : 0),
      ],
    );
    if (!statement.returnsRows) {
      const result = await client.query({ text: statement.text, values: statement.params, types: RAW_TEXT });
      return { rowCount: result.rowCount, timedOut };
    }
    const cursor = client.query(
      new Cursor(statement.text, statement.params, { rowMode: 'array', types: RAW_TEXT }),
    );
    try {
      let first = true;
      for (;;) {
        const { rows, fields } = await readBatch(cursor);
        if (first) {
          await sink.fields(fields);
          first = false;
        }
        if (rows.length === 0) break;
        await sink.rows(rows);
      }
    } finally {
      await cursor.close().catch(() => {
        broken = true;
      });
    }
    return { rowCount: null, timedOut };
  } catch (error) {
    if (timedOut && error instanceof Error) Object.assign(error, { timedOut: true });
    broken ||= !(error instanceof pg.DatabaseError);
    throw error;
  } finally {
    if (timer) clearTimeout(timer);
    client.release(broken);
  }
}

function readBatch(cursor: Cursor): Promise<{ rows: string[][]; fields: pg.FieldDef[] }> {
  return new Promise((resolve, reject) => {
    cursor.read(BATCH_ROWS, (error, rows, result) => {
      if (error) reject(error);
      // A drained cursor answers without a result object.
      else resolve({ rows: rows as unknown as string[][], fields: result?.fields ?? [] });
    });
  });
}

async function cancelBackend(connectionString: string, pid: number | undefined) {
  if (!pid) return;
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    await client.query('SELECT pg_cancel_backend($1)', [pid]);
  } finally {
    await client.end();
  }
}
