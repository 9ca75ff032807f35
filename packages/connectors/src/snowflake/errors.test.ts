import { describe, expect, it } from 'vitest';
import type { ConnectorError } from '../errors/connector-error';
import { mapSnowflakeError, type SnowflakeErrorContext } from './errors';

/**
 * Failures the test server cannot be made to produce (network policies, locked
 * users, an ended session, a server echoing a secret), in the shape snowflake-sdk
 * reports them. The ones it can produce are tested through it
 * (snowflake-connection.int.test.ts).
 */
const context: SnowflakeErrorContext = {
  endpoint: {
    host: 'myorg-acct.snowflakecomputing.com',
    port: 443,
    user: 'READER',
    database: 'ANALYTICS',
    connectTimeoutMs: 20_000,
  },
  config: {
    account: 'myorg-acct',
    username: 'READER',
    warehouse: 'COMPUTE_WH',
    database: 'ANALYTICS',
    schema: undefined,
    role: 'ANALYST',
  },
  keyPair: false,
  timeoutMs: 2_500,
  secrets: ['hunter22'],
};

function sdkError(name: string, code: string | number, message: string, extra: object = {}): Error {
  return Object.assign(new Error(message), { name, code, ...extra });
}

const mapped = (error: unknown) => mapSnowflakeError(error, context) as ConnectorError;

describe('mapSnowflakeError', () => {
  it('says the network policy blocks this machine, and which user', () => {
    expect(
      mapped(
        sdkError(
          'OperationFailedError',
          '390422',
          'IP 203.0.113.9 is not allowed to access Snowflake.  Contact your local security administrator or please create a case with Snowflake Support or reach us on our support line',
        ),
      ),
    ).toMatchObject({
      reason: 'permission_denied',
      message: expect.stringMatching(/^Snowflake's network policy does not let user "READER" connect/),
    });
  });

  it("passes on Snowflake's words for other sign-in refusals, without a secret it echoed", () => {
    const error = mapped(
      sdkError('OperationFailedError', '390102', 'User temporarily locked after attempts with hunter22.'),
    );
    expect(error.reason).toBe('auth_failed');
    expect(error.message).toBe(
      'Snowflake refused the sign-in of user "READER": User temporarily locked after attempts with ***.',
    );
  });

  it('maps a statement timeout to the shared message with the limit asked for', () => {
    expect(
      mapped(
        sdkError(
          'OperationFailedError',
          '000630',
          'Statement reached its statement or warehouse timeout of 3 second(s) and was canceled.',
          { sqlState: '57014' },
        ),
      ),
    ).toMatchObject({
      reason: 'timeout',
      message:
        'The query took longer than 2.5 seconds and was stopped on the database. Narrow the filter, or raise the time limit in the connection settings.',
    });
  });

  it('says a server error is worth retrying, and an ended session too', () => {
    expect(
      mapped(
        sdkError('RequestFailedError', 401002, 'Request to Snowflake failed.', {
          response: { statusCode: 503 },
        }),
      ),
    ).toMatchObject({
      reason: 'unavailable',
      message: 'Snowflake answered with an error (HTTP 503). Try again shortly.',
    });
    expect(mapped(sdkError('OperationFailedError', '390111', 'Session no longer exists.'))).toMatchObject({
      reason: 'unavailable',
    });
  });

  it('maps privileges and SQL errors, one line each', () => {
    expect(
      mapped(
        sdkError(
          'OperationFailedError',
          '003001',
          "SQL access control error:\nInsufficient privileges to operate on table 'USERS'",
          { sqlState: '42501' },
        ),
      ),
    ).toMatchObject({
      reason: 'permission_denied',
      message:
        'The database user "READER" may not read this (SQL access control error: Insufficient privileges to operate on table \'USERS\'). Grant it SELECT, or connect as another user.',
    });
    expect(
      mapped(
        sdkError('OperationFailedError', '100038', "Numeric value 'abc' is not recognized", {
          sqlState: '22018',
        }),
      ),
    ).toMatchObject({
      reason: 'query_failed',
      message: "The database rejected the query: Numeric value 'abc' is not recognized",
    });
  });

  it('leaves errors it does not know alone, so they surface as bugs', () => {
    const bug = new TypeError('x is not a function');
    expect(mapSnowflakeError(bug, context)).toBe(bug);
  });
});
