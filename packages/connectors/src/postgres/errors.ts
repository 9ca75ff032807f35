import { ConnectorError, isConnectorError, redact } from '../errors/connector-error';
import { connectTimeoutError, mapNetworkError, type Endpoint } from '../errors/network-errors';
import { queryErrors } from '../errors/query-messages';

export interface PostgresErrorContext {
  endpoint: Endpoint;
  /** The time limit the failed statement ran under, for the timeout message. */
  timeoutMs?: number;
  secrets: readonly (string | undefined)[];
}

interface PgErrorFields {
  code?: string;
  message: string;
}

function asPgError(error: unknown): PgErrorFields | undefined {
  if (!(error instanceof Error)) return undefined;
  const code = (error as { code?: unknown }).code;
  return { code: typeof code === 'string' ? code : undefined, message: error.message };
}

/**
 * Turns whatever `pg` threw into a ConnectorError a user can act on. Unknown errors
 * (our bugs) are returned unchanged so they surface as internal errors with a stack.
 */
export function mapPostgresError(error: unknown, context: PostgresErrorContext): unknown {
  if (isConnectorError(error)) return error;
  const pgError = asPgError(error);
  if (!pgError) return error;
  const mapped = mapKnown(pgError, error, context);
  if (!mapped) return error;
  return new ConnectorError(mapped.reason, redact(mapped.message, context.secrets), { cause: error });
}

function mapKnown(
  pgError: PgErrorFields,
  error: unknown,
  context: PostgresErrorContext,
): ConnectorError | undefined {
  const { endpoint } = context;
  const { code, message } = pgError;
  const user = endpoint.user ? `"${endpoint.user}"` : 'this user';
  const network = mapNetworkError(error, endpoint, 'PostgreSQL');
  if (network) return network;
  if (message === 'timeout expired' || message.includes('due to connection timeout'))
    return connectTimeoutError(endpoint);
  if (message.includes('does not support SSL'))
    return new ConnectorError(
      'tls_unavailable',
      'The server does not offer encrypted (TLS) connections, but the sslmode in the connection string requires one. Use sslmode=prefer or sslmode=disable, or enable TLS on the server.',
    );
  switch (code) {
    case '28P01':
      return new ConnectorError(
        'auth_failed',
        `PostgreSQL rejected the password for user ${user}. Check the password and the user name.`,
      );
    case '28000':
      if (/no encryption|SSL off/i.test(message))
        return new ConnectorError(
          'tls_required',
          'The server only accepts encrypted connections. Add ?sslmode=require to the connection string.',
        );
      if (/role .* does not exist/.test(message))
        return new ConnectorError(
          'auth_failed',
          `PostgreSQL has no user ${user}. Check the user name in the connection string.`,
        );
      return new ConnectorError(
        'auth_failed',
        `PostgreSQL does not let user ${user} connect to database "${endpoint.database}" from this machine (${message}). Ask the database administrator to allow it in pg_hba.conf.`,
      );
    case '3D000':
      return new ConnectorError(
        'unknown_database',
        `There is no database "${endpoint.database}" at ${endpoint.host}:${endpoint.port}. Check the name after the host in the connection string.`,
      );
    case '57014':
      if (message.includes('statement timeout')) return queryErrors.timeout(context.timeoutMs ?? 0);
      return new ConnectorError(
        'query_failed',
        'The query was cancelled on the server (by an administrator or another session).',
      );
    case '25006':
      return queryErrors.writes(message);
    case '0A000':
      if (message.includes('data-modifying')) return queryErrors.writes(message);
      return queryErrors.failed(message);
    case '42601':
      // The extended protocol's refusal: the text holds more than one command.
      if (message.includes('multiple commands')) return queryErrors.oneStatement();
      return queryErrors.failed(message);
    case '42501':
      return queryErrors.permission(endpoint.user, message);
    case '55000':
      if (message.includes('not currently accepting connections'))
        return new ConnectorError(
          'unavailable',
          `PostgreSQL does not accept connections to database "${endpoint.database}" right now (${message}). Try again shortly.`,
        );
      return queryErrors.failed(message);
    case '53300':
    case '57P03':
      return new ConnectorError(
        'unavailable',
        `PostgreSQL cannot take a connection right now (${message}). Try again shortly.`,
      );
    case '57P01':
      if (message.includes('administrator command'))
        return new ConnectorError(
          'unavailable',
          `PostgreSQL ended the connection (${message}): an administrator or another session stopped it. Try again.`,
        );
      return new ConnectorError(
        'unavailable',
        `PostgreSQL is shutting down (${message}). Try again shortly.`,
      );
    case '57P02':
      return new ConnectorError(
        'unavailable',
        `PostgreSQL is shutting down (${message}). Try again shortly.`,
      );
  }
  if (code && /^(08|53|58|XX)/.test(code))
    return new ConnectorError(
      'unavailable',
      `PostgreSQL could not run the query (${message}). Try again shortly.`,
    );
  if (code && /^[0-9A-Z]{5}$/.test(code)) return queryErrors.failed(message);
  if (message.includes('Connection terminated'))
    return new ConnectorError(
      'unavailable',
      `The connection to ${endpoint.host}:${endpoint.port} was lost. Try again.`,
    );
  return undefined;
}
