import { AppError } from '@connect/core';
import {
  MongoError,
  MongoNetworkTimeoutError,
  MongoParseError,
  MongoServerError,
  MongoServerSelectionError,
} from 'mongodb';
import { ConnectorError, isConnectorError, redact } from '../errors/connector-error';
import {
  connectTimeoutError,
  mapNetworkError,
  systemErrorCode,
  type Endpoint,
} from '../errors/network-errors';
import { formatSeconds, queryErrors } from '../errors/query-messages';

export interface MongoErrorContext {
  session: {
    endpoint: Endpoint;
    authSource: string;
    tlsRequested: boolean;
    secrets: readonly (string | undefined)[];
  };
  /** The time limit the failed command ran under, for the timeout message. */
  timeoutMs?: number;
}

/** mongod's codes for a server that is going away or is not the one to ask. */
const unavailableCodes = new Set([
  6, // HostUnreachable
  7, // HostNotFound
  89, // NetworkTimeout
  91, // ShutdownInProgress
  189, // PrimarySteppedDown
  9001, // SocketException
  10107, // NotWritablePrimary
  11600, // InterruptedAtShutdown
  11602, // InterruptedDueToReplStateChange
  13435, // NotPrimaryNoSecondaryOk
  13436, // NotPrimaryOrSecondary
]);

/**
 * A server error's code as a number. Replies are decoded with the operation's BSON
 * options, so under `promoteValues: false` the code arrives as an Int32 wrapper.
 */
export function serverErrorCode(error: unknown): number | undefined {
  if (!(error instanceof MongoServerError)) return undefined;
  const code = Number(error.code);
  return Number.isInteger(code) ? code : undefined;
}

/** The errors below a driver error: its causes, and each server's last error for a failed selection. */
function causesOf(error: unknown): unknown[] {
  const found: unknown[] = [];
  let current: unknown = error;
  for (let depth = 0; current && depth < 5; depth += 1) {
    found.push(current);
    if (current instanceof MongoServerSelectionError)
      for (const server of current.reason?.servers.values() ?? []) if (server.error) found.push(server.error);
    current = (current as { cause?: unknown }).cause;
  }
  return found;
}

function mapServerError(error: MongoServerError, context: MongoErrorContext): ConnectorError {
  const { endpoint, authSource } = context.session;
  const message = error.errmsg ?? error.message;
  const code = serverErrorCode(error);
  switch (code) {
    case 18: // AuthenticationFailed
      return new ConnectorError(
        'auth_failed',
        `MongoDB rejected the user name or password for "${endpoint.user}" (authentication database "${authSource}"). Check the password, the user name, and authSource in the connection string.`,
      );
    case 13: // Unauthorized
      if (!endpoint.user)
        return new ConnectorError(
          'auth_failed',
          'This MongoDB server requires a login. Add the user name to the connection string (mongodb://user@host/...) and enter the password.',
        );
      return new ConnectorError(
        'permission_denied',
        `The MongoDB user "${endpoint.user}" may not do this (${message}). Give it the read role on database "${endpoint.database}", or connect as another user.`,
      );
    case 50: // MaxTimeMSExpired
      return queryErrors.timeout(context.timeoutMs ?? 0);
    case 11601: // Interrupted
    case 279: // ClientDisconnect
      return new ConnectorError(
        'query_failed',
        'The query was stopped on the server (by an administrator, or because the connection was lost). Try again.',
      );
    case 292: // QueryExceededMemoryLimitNoDiskUseAllowed
      return new ConnectorError(
        'query_failed',
        `The query needs more memory than MongoDB allows for one sort or group (${message}). Narrow it with a $match first.`,
      );
  }
  if (code !== undefined && unavailableCodes.has(code))
    return new ConnectorError(
      'unavailable',
      `MongoDB cannot serve the query right now (${message}). Try again shortly.`,
    );
  return queryErrors.failed(message);
}

function mapConnectionError(error: MongoError, context: MongoErrorContext): ConnectorError {
  const { endpoint, tlsRequested } = context.session;
  const causes = causesOf(error);
  const text = causes.map((cause) => (cause instanceof Error ? cause.message : '')).join(' | ');
  const code = causes.map(systemErrorCode).find((found) => found !== undefined);
  if (
    tlsRequested &&
    (code === 'ECONNRESET' || /secure TLS connection|SSL routines|wrong version number/.test(text))
  )
    return new ConnectorError(
      'tls_unavailable',
      'The server does not offer encrypted (TLS) connections, but the connection string asks for one (tls=true, or mongodb+srv://). Add tls=false to the connection string, or enable TLS on the server.',
    );
  for (const cause of causes) {
    const network = mapNetworkError(cause, endpoint, 'MongoDB');
    if (network) return network;
  }
  if (!tlsRequested && /connection .* closed/.test(text))
    return new ConnectorError(
      'unavailable',
      `The server at ${endpoint.host}:${endpoint.port} closed the connection. Try again; if it happens on every attempt and the server accepts only encrypted connections, add tls=true to the connection string.`,
    );
  if (error instanceof MongoServerSelectionError) {
    const timeout = connectTimeoutError(endpoint);
    // A server without TLS may leave a TLS handshake unanswered instead of closing the connection.
    if (!tlsRequested) return timeout;
    return new ConnectorError(
      timeout.reason,
      `${timeout.message} If the server does not use TLS, add tls=false to the connection string.`,
    );
  }
  if (error instanceof MongoNetworkTimeoutError)
    return new ConnectorError(
      'unavailable',
      `MongoDB at ${endpoint.host}:${endpoint.port} stopped answering for ${formatSeconds(endpoint.connectTimeoutMs)}. Try again.`,
    );
  return new ConnectorError(
    'unavailable',
    `The connection to MongoDB at ${endpoint.host}:${endpoint.port} failed (${error.message}). Try again.`,
  );
}

/**
 * Turns whatever the driver threw into a ConnectorError a user can act on. Errors
 * that are not the driver's (our bugs) are returned unchanged, so they surface as
 * internal errors with a stack.
 */
export function mapMongoError(error: unknown, context: MongoErrorContext): unknown {
  if (isConnectorError(error) || !(error instanceof MongoError)) return error;
  const { secrets } = context.session;
  if (error instanceof MongoParseError)
    return new AppError(
      'invalid_input',
      redact(`The connection string could not be used: ${error.message}`, secrets),
      { cause: error },
    );
  const mapped =
    error instanceof MongoServerError && serverErrorCode(error) !== undefined
      ? mapServerError(error, context)
      : error.name.startsWith('MongoNetwork') || error instanceof MongoServerSelectionError
        ? mapConnectionError(error, context)
        : undefined;
  if (!mapped) return error;
  return new ConnectorError(mapped.reason, redact(mapped.message, secrets), { cause: error });
}
