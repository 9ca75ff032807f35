import type snowflake from 'snowflake-sdk';

export interface StatementOptions {
  sqlText: string;
  binds?: readonly unknown[];
  timeoutMs: number;
  signal?: AbortSignal;
}

/** What one executed statement gives back: its columns and, unless streamed, its rows. */
export interface ExecutedStatement {
  statement: snowflake.RowStatement;
  columns: snowflake.Column[];
  /** Rows as arrays in column order; numbers as the text Snowflake sent. Empty when streamed. */
  rows: unknown[][];
}

/**
 * Per-statement parameters: Snowflake's own time limit (whole seconds, so a limit
 * under a second becomes one second) and exactly one statement, so text that hides
 * a second statement fails on the server even if our own check missed it.
 */
export function statementParameters(timeoutMs: number): Record<string, number> {
  return {
    STATEMENT_TIMEOUT_IN_SECONDS: Math.max(1, Math.ceil(timeoutMs / 1000)),
    MULTI_STATEMENT_COUNT: 1,
  };
}

/**
 * Runs one statement. Rows come as arrays (`rowMode: 'array'`: no object per row
 * built by the SDK and then copied by us) with numbers as text (`fetchAsString`),
 * so big integers and decimals keep every digit. With `stream`, it resolves as soon
 * as the statement has run, and the rows are read with `statement.streamRows()`.
 *
 * Aborting `signal` cancels the statement on Snowflake and rejects at once with the
 * signal's reason.
 */
export function executeStatement(
  connection: snowflake.Connection,
  options: StatementOptions & { stream?: boolean },
): Promise<ExecutedStatement> {
  const { signal } = options;
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    let settled = false;
    const onAbort = () => {
      if (settled) return;
      settled = true;
      // Best effort: the statement's time limit ends it if the cancel request fails.
      statement.cancel(() => {});
      reject(signal!.reason);
    };
    const statement = connection.execute({
      sqlText: options.sqlText,
      binds: options.binds as snowflake.Binds | undefined,
      parameters: statementParameters(options.timeoutMs),
      rowMode: 'array',
      fetchAsString: ['Number'],
      streamResult: options.stream ?? false,
      complete: (error, executed, rows) => {
        signal?.removeEventListener('abort', onAbort);
        if (settled) return;
        settled = true;
        if (error) return reject(error);
        const row = executed as snowflake.RowStatement;
        resolve({ statement: row, columns: row.getColumns() ?? [], rows: (rows ?? []) as unknown[][] });
      },
    }) as snowflake.RowStatement;
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
