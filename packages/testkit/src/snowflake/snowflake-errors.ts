/**
 * SQL errors in Snowflake's vocabulary. The reply shape (`code`, `message`, `success: false`, and
 * `data.errorCode` / `data.sqlState` / `data.queryId`) is what snowflake-sdk turns into an
 * OperationFailedError with `code` and `sqlState` (services/sf.js, `createOperationFailedError`);
 * the sample replies in the SDK's own test mock (test/unit/mock/mock_http_client.js: 001003 /
 * 42000 for a syntax error, 000604 / 57014 for a cancelled statement, 000605 / 01000 for aborting
 * a statement that is not running) fix the field names. Codes and texts below are the ones
 * Snowflake prints for the same situations.
 */
export class SnowflakeSqlError extends Error {
  constructor(
    readonly code: string,
    readonly sqlState: string,
    message: string,
  ) {
    super(message);
    this.name = 'SnowflakeSqlError';
  }

  /** 001003: the parser stopped at `offset`. */
  static syntax(sql: string, offset: number, unexpected: string): SnowflakeSqlError {
    const { line, position } = lineAndPosition(sql, offset);
    return new SnowflakeSqlError(
      '001003',
      '42000',
      `SQL compilation error:\nsyntax error line ${line} at position ${position} unexpected '${unexpected}'.`,
    );
  }

  /** 002003: a table or view that does not exist (or the role may not see). */
  static objectNotFound(name: string): SnowflakeSqlError {
    return new SnowflakeSqlError(
      '002003',
      '42S02',
      `SQL compilation error:\nObject '${name}' does not exist or not authorized.`,
    );
  }

  /** 002003 with 02000: a schema or database named in the statement does not exist. */
  static containerNotFound(kind: 'Schema' | 'Database', name: string): SnowflakeSqlError {
    return new SnowflakeSqlError(
      '002003',
      '02000',
      `SQL compilation error:\n${kind} '${name}' does not exist or not authorized.`,
    );
  }

  /** 000904: a column that does not exist. */
  static invalidIdentifier(sql: string, offset: number, name: string): SnowflakeSqlError {
    const { line, position } = lineAndPosition(sql, offset);
    return new SnowflakeSqlError(
      '000904',
      '42000',
      `SQL compilation error: error line ${line} at position ${position}\ninvalid identifier '${name}'`,
    );
  }

  /** 000008: more statements than MULTI_STATEMENT_COUNT allows. */
  static statementCount(actual: number, desired: number): SnowflakeSqlError {
    return new SnowflakeSqlError(
      '000008',
      '0A000',
      `Actual statement count ${actual} did not match the desired statement count ${desired}.`,
    );
  }

  /** 000630: STATEMENT_TIMEOUT_IN_SECONDS elapsed. */
  static timeout(seconds: number): SnowflakeSqlError {
    return new SnowflakeSqlError(
      '000630',
      '57014',
      `Statement reached its statement or warehouse timeout of ${seconds} second(s) and was canceled.`,
    );
  }

  /** 000604: the client aborted the statement. */
  static cancelled(): SnowflakeSqlError {
    return new SnowflakeSqlError('000604', '57014', 'SQL execution canceled');
  }

  /** 000606: the statement needs compute and the session has no warehouse. */
  static noWarehouse(): SnowflakeSqlError {
    // Two spaces after the first sentence, as Snowflake prints it.
    return new SnowflakeSqlError(
      '000606',
      '57P03',
      "No active warehouse selected in the current session.  Select an active warehouse with the 'use warehouse' command.",
    );
  }

  /** 090105 / 090106: an unqualified name and no current database / schema. */
  static noCurrent(kind: 'database' | 'schema', statement: string): SnowflakeSqlError {
    const code = kind === 'database' ? '090105' : '090106';
    const use = kind === 'database' ? 'USE DATABASE' : 'USE SCHEMA';
    return new SnowflakeSqlError(
      code,
      '22000',
      `Cannot perform ${statement}. This session does not have a current ${kind}. Call '${use}', or use a qualified name.`,
    );
  }

  /** 002043: USE of a warehouse, database, schema or role that does not exist. */
  static useTargetNotFound(): SnowflakeSqlError {
    return new SnowflakeSqlError(
      '002043',
      '02000',
      'SQL compilation error:\nObject does not exist, or operation cannot be performed.',
    );
  }

  /** 002140: a function Snowflake does not know. */
  static unknownFunction(name: string): SnowflakeSqlError {
    return new SnowflakeSqlError('002140', '42601', `SQL compilation error:\nUnknown function ${name}`);
  }

  /** Something this test server does not emulate; the message names it. */
  static unsupported(what: string): SnowflakeSqlError {
    return new SnowflakeSqlError(
      '000002',
      '0A000',
      `Unsupported feature '${what}' (not emulated by the Connect Snowflake test server).`,
    );
  }
}

/** Snowflake reports 1-based lines and 0-based positions within the line. */
export function lineAndPosition(sql: string, offset: number): { line: number; position: number } {
  const before = sql.slice(0, Math.max(0, Math.min(offset, sql.length)));
  const lines = before.split('\n');
  return { line: lines.length, position: lines[lines.length - 1]!.length };
}
