import { SnowflakeSqlError, lineAndPosition } from '../snowflake-errors';
import type { TranslatedStatement } from '../sql/translate';

export interface FailureContext {
  sql: string;
  statement: TranslatedStatement;
  /** The verb Snowflake names in "Cannot perform SELECT." */
  verb: string;
  sessionDatabase: string | null;
  sessionSchema: string | null;
  timedOut: boolean;
  timeoutSeconds: number;
}

interface PostgresError {
  code?: string;
  message: string;
  position?: string;
}

/** A PostgreSQL error, said the way Snowflake says the same thing. */
export function snowflakeErrorFor(error: PostgresError, context: FailureContext): SnowflakeSqlError {
  const offset = error.position ? context.statement.sourceOffset(Number(error.position)) : 0;
  const quoted = /"([^"]*)"/.exec(error.message)?.[1];
  switch (error.code) {
    case '57014':
      return context.timedOut || /statement timeout/.test(error.message)
        ? SnowflakeSqlError.timeout(context.timeoutSeconds)
        : SnowflakeSqlError.cancelled();
    case '42P01': {
      const name = quoted ?? 'UNKNOWN';
      if (context.sessionDatabase === null) return SnowflakeSqlError.noCurrent('database', context.verb);
      if (context.sessionSchema === null && !name.includes('.')) {
        return SnowflakeSqlError.noCurrent('schema', context.verb);
      }
      return SnowflakeSqlError.objectNotFound(name);
    }
    case '3F000':
      return SnowflakeSqlError.containerNotFound('Schema', quoted ?? 'UNKNOWN');
    case '0A000': {
      const database = /cross-database references are not implemented: "?([^".]+)/.exec(error.message)?.[1];
      if (database) return SnowflakeSqlError.containerNotFound('Database', database);
      break;
    }
    case '42703': {
      const raw = /column (.+) does not exist/.exec(error.message)?.[1] ?? 'UNKNOWN';
      const name = raw.replace(/"/g, '').split('.').pop()!;
      return SnowflakeSqlError.invalidIdentifier(
        context.sql,
        offset,
        /^[A-Z_][A-Z0-9_$]*$/.test(name) ? name : `"${name}"`,
      );
    }
    case '42601': {
      const near = /at or near "(.*)"$/.exec(error.message)?.[1];
      return SnowflakeSqlError.syntax(context.sql, offset, near ?? '<EOF>');
    }
    case '42883': {
      const fn = /^function ([^(]+)\(/.exec(error.message)?.[1];
      if (fn) return SnowflakeSqlError.unknownFunction(fn.replace(/"/g, '').toUpperCase());
      return invalidArgumentTypes(context.sql, offset, error.message);
    }
    case '42804':
    case '42846':
    case '42725':
      return invalidArgumentTypes(context.sql, offset, error.message);
    case '22P02':
    case '22007':
    case '22008':
      return unrecognisedValue(error.message);
    case '22012':
      return new SnowflakeSqlError('100051', '22012', 'Division by zero');
    case '22003':
      return new SnowflakeSqlError('100046', '22003', `Number out of representable range: ${error.message}`);
    case '23502':
      return new SnowflakeSqlError('100072', '22000', 'NULL result in a non-nullable column');
    case '42P07':
      return new SnowflakeSqlError(
        '002002',
        '42710',
        `SQL compilation error:\nObject '${quoted}' already exists.`,
      );
  }
  return new SnowflakeSqlError(
    '000603',
    'XX000',
    `SQL execution internal error:\nProcessing aborted due to error 300010:${error.message}`,
  );
}

function invalidArgumentTypes(sql: string, offset: number, detail: string): SnowflakeSqlError {
  const { line, position } = lineAndPosition(sql, offset);
  return new SnowflakeSqlError(
    '001044',
    '22023',
    `SQL compilation error: error line ${line} at position ${position}\nInvalid argument types: ${detail}`,
  );
}

/** "invalid input syntax for type X: "v"" as Snowflake's "X value 'v' is not recognized". */
function unrecognisedValue(message: string): SnowflakeSqlError {
  const match =
    /for type ([a-z ]+): "(.*)"$/.exec(message) ??
    /^date\/time field value out of range: "(.*)"$/.exec(message);
  const type = match && match.length === 3 ? match[1]! : 'timestamp';
  const value = match ? match[match.length - 1]! : '';
  if (type === 'date') return new SnowflakeSqlError('100040', '22007', `Date '${value}' is not recognized`);
  if (type.startsWith('timestamp')) {
    return new SnowflakeSqlError('100035', '22007', `Timestamp '${value}' is not recognized`);
  }
  if (type === 'boolean')
    return new SnowflakeSqlError('100037', '22018', `Boolean value '${value}' is not recognized`);
  if (type === 'json') return new SnowflakeSqlError('100069', '22P02', `Error parsing JSON: ${message}`);
  return new SnowflakeSqlError('100038', '22018', `Numeric value '${value}' is not recognized`);
}
