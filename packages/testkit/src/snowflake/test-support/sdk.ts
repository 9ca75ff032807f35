import snowflake from 'snowflake-sdk';

// The test server speaks plain HTTP on 127.0.0.1: no certificate to check.
snowflake.configure({ disableOCSPChecks: true, logLevel: 'OFF' });

export type SdkConnection = snowflake.Connection;
export type SdkError = Error & { code?: string | number; sqlState?: string; data?: Record<string, unknown> };

/** Where the SDK connects: a test server, in process or in a child process. */
export interface ServerAddress {
  accessUrl: string;
  account: string;
}

/**
 * Connects with the real snowflake-sdk. `connectAsync()` resolves even when the login fails, so
 * this wraps `connect(callback)`, which reports the error.
 */
export function connect(
  server: ServerAddress,
  options: Partial<snowflake.ConnectionOptions> & { username: string },
): Promise<SdkConnection> {
  const connection = snowflake.createConnection({
    accessUrl: server.accessUrl,
    account: server.account,
    ...options,
  } as snowflake.ConnectionOptions);
  return new Promise((resolve, reject) => {
    connection.connect((error, conn) => (error ? reject(error as SdkError) : resolve(conn)));
  });
}

/** The error a login fails with (throws if it succeeds). */
export async function loginError(
  server: ServerAddress,
  options: Partial<snowflake.ConnectionOptions> & { username: string },
): Promise<SdkError> {
  try {
    const connection = await connect(server, options);
    await destroy(connection);
  } catch (error) {
    return error as SdkError;
  }
  throw new Error('expected the login to fail');
}

export interface ExecuteOptions {
  binds?: unknown[];
  parameters?: Record<string, unknown>;
}

/** Runs a statement and collects its rows (objects keyed by column name). */
export function query<Row = Record<string, unknown>>(
  connection: SdkConnection,
  sqlText: string,
  options: ExecuteOptions = {},
): Promise<{ rows: Row[]; statement: snowflake.RowStatement }> {
  return new Promise((resolve, reject) => {
    connection.execute({
      sqlText,
      binds: options.binds as snowflake.Binds | undefined,
      parameters: options.parameters,
      complete: (error, statement, rows) =>
        error
          ? reject(error as SdkError)
          : resolve({ rows: (rows ?? []) as Row[], statement: statement as snowflake.RowStatement }),
    });
  });
}

/** The error a statement fails with (throws if it succeeds). */
export async function queryError(connection: SdkConnection, sqlText: string, options: ExecuteOptions = {}) {
  try {
    await query(connection, sqlText, options);
  } catch (error) {
    return error as SdkError;
  }
  throw new Error(`expected ${sqlText} to fail`);
}

export function destroy(connection: SdkConnection): Promise<void> {
  return new Promise((resolve, reject) => {
    connection.destroy((error) => (error ? reject(error) : resolve()));
  });
}
