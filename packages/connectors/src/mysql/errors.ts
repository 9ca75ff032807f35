import { ConnectorError, isConnectorError, redact } from '../errors/connector-error';
import { connectTimeoutError, mapNetworkError, type Endpoint } from '../errors/network-errors';
import { queryErrors } from '../errors/query-messages';

export interface MysqlErrorContext {
  endpoint: Endpoint;
  timeoutMs?: number;
  secrets: readonly (string | undefined)[];
}

interface MysqlErrorFields {
  errno?: number;
  code?: string;
  message: string;
}

/** MySQL and MariaDB error numbers we turn into messages (server errors are shared by both). */
const errors = {
  dbAccessDenied: 1044,
  accessDenied: 1045,
  badDatabase: 1049,
  tooManyConnections: 1040,
  hostNotAllowed: 1130,
  interrupted: 1317,
  accessDeniedNoPassword: 1698,
  readOnlyTransaction: 1792,
  mariadbStatementTimeout: 1969,
  mysqlQueryTimeout: 3024,
  secureTransportRequired: 3159,
  tableAccessDenied: 1142,
  columnAccessDenied: 1143,
  /** MariaDB: KILL [CONNECTION] from another session. */
  connectionKilled: 1927,
} as const;

/**
 * Turns whatever `mysql2` threw into a ConnectorError a user can act on; unknown
 * errors are returned unchanged.
 */
export function mapMysqlError(error: unknown, context: MysqlErrorContext): unknown {
  if (isConnectorError(error) || !(error instanceof Error)) return error;
  const fields = error as Error & { errno?: number; code?: string; sqlMessage?: string };
  const mapped = mapKnown(
    { errno: fields.errno, code: fields.code, message: fields.sqlMessage ?? fields.message },
    error,
    context,
  );
  if (!mapped) return error;
  return new ConnectorError(mapped.reason, redact(mapped.message, context.secrets), { cause: error });
}

function mapKnown(
  fields: MysqlErrorFields,
  error: unknown,
  context: MysqlErrorContext,
): ConnectorError | undefined {
  const { endpoint } = context;
  const { errno, code, message } = fields;
  const user = endpoint.user ? `"${endpoint.user}"` : 'this user';
  if (code === 'HANDSHAKE_NO_SSL_SUPPORT')
    return new ConnectorError(
      'tls_unavailable',
      'The server does not offer encrypted (TLS) connections, but the ssl-mode in the connection string requires one. Use ssl-mode=PREFERRED or DISABLED, or enable TLS on the server.',
    );
  const network = mapNetworkError(error, endpoint, 'the database server');
  if (network) return network;
  if (code === 'ETIMEDOUT' || message === 'connect ETIMEDOUT') return connectTimeoutError(endpoint);
  switch (errno) {
    case errors.accessDenied:
    case errors.accessDeniedNoPassword:
      return new ConnectorError(
        'auth_failed',
        `The server rejected user ${user} with this password. Check the password and the user name (and that the user may connect from this machine).`,
      );
    case errors.hostNotAllowed:
      return new ConnectorError(
        'auth_failed',
        `The server does not let ${user} connect from this machine. Ask the database administrator to allow this host.`,
      );
    case errors.dbAccessDenied:
      return new ConnectorError(
        'permission_denied',
        `User ${user} may not use database "${endpoint.database}". Grant it access, or choose another database.`,
      );
    case errors.badDatabase:
      return new ConnectorError(
        'unknown_database',
        `There is no database "${endpoint.database}" at ${endpoint.host}:${endpoint.port}. Check the name after the host in the connection string.`,
      );
    case errors.secureTransportRequired:
      return tlsRequired();
    case errors.mariadbStatementTimeout:
    case errors.mysqlQueryTimeout:
      return queryErrors.timeout(context.timeoutMs ?? 0);
    case errors.interrupted:
      return new ConnectorError(
        'query_failed',
        'The query was stopped on the server (by an administrator or another session).',
      );
    case errors.readOnlyTransaction:
      return queryErrors.writes(message);
    case errors.tableAccessDenied:
    case errors.columnAccessDenied:
      return queryErrors.permission(endpoint.user, message);
    case errors.connectionKilled:
      return new ConnectorError(
        'unavailable',
        `The database ended the connection (${message}): an administrator or another session stopped it. Try again.`,
      );
    case errors.tooManyConnections:
      return new ConnectorError(
        'unavailable',
        `The server has no free connections right now (${message}). Try again shortly.`,
      );
  }
  if (/insecure transport/i.test(message)) return tlsRequired();
  if (code === 'PROTOCOL_CONNECTION_LOST' || code === 'ER_SERVER_SHUTDOWN')
    return new ConnectorError(
      'unavailable',
      `The connection to ${endpoint.host}:${endpoint.port} was lost. Try again.`,
    );
  if (typeof errno === 'number' && errno >= 1000 && errno < 5000) return queryErrors.failed(message);
  return undefined;
}

function tlsRequired(): ConnectorError {
  return new ConnectorError(
    'tls_required',
    'The server only accepts encrypted connections. Add ?ssl-mode=REQUIRED to the connection string.',
  );
}
