import { describe, expect, it } from 'vitest';
import type { ConnectorError } from '../errors/connector-error';
import { mapMysqlError } from './errors';

/**
 * Server errors this machine's MariaDB cannot be made to produce without changing it
 * for everyone (TLS enforcement, MySQL 8's own timeout error), in the shape mysql2
 * reports them.
 */
const context = {
  endpoint: { host: 'db.example.com', port: 3306, user: 'reader', database: 'app', connectTimeoutMs: 10_000 },
  timeoutMs: 2_500,
  secrets: ['hunter22'],
};

function serverError(errno: number, code: string, sqlMessage: string): Error {
  return Object.assign(new Error(sqlMessage), { errno, code, sqlMessage, sqlState: 'HY000' });
}

const mapped = (error: unknown) => mapMysqlError(error, context) as ConnectorError;

describe('mapMysqlError', () => {
  it('says TLS is required when the server refuses insecure transport (MySQL 3159, MariaDB by message)', () => {
    for (const error of [
      serverError(
        3159,
        'ER_SECURE_TRANSPORT_REQUIRED',
        'Connections using insecure transport are prohibited while --require_secure_transport=ON.',
      ),
      serverError(
        4188,
        'ER_UNKNOWN',
        'Connections using insecure transport are prohibited while --require_secure_transport=ON.',
      ),
    ]) {
      expect(mapped(error)).toMatchObject({
        reason: 'tls_required',
        message:
          'The server only accepts encrypted connections. Add ?ssl-mode=REQUIRED to the connection string.',
      });
    }
  });

  it("maps MySQL 8's and MariaDB's statement timeouts to the same message", () => {
    for (const error of [
      serverError(
        3024,
        'ER_QUERY_TIMEOUT',
        'Query execution was interrupted, maximum statement execution time exceeded',
      ),
      serverError(
        1969,
        'ER_STATEMENT_TIMEOUT',
        'Query execution was interrupted (max_statement_time exceeded)',
      ),
    ])
      expect(mapped(error)).toMatchObject({
        reason: 'timeout',
        message: expect.stringMatching(/longer than 2\.5 seconds/),
      });
  });

  it('never repeats a password a driver echoes back', () => {
    const error = mapped(serverError(1064, 'ER_PARSE_ERROR', "near 'hunter22' at line 1"));
    expect(error.reason).toBe('query_failed');
    expect(error.message).not.toContain('hunter22');
  });

  it('leaves errors that are not the database speaking (our bugs) as they are', () => {
    const bug = new TypeError('x is undefined');
    expect(mapMysqlError(bug, context)).toBe(bug);
  });
});
