import { AppError, type AppErrorCode, type AppErrorOptions } from '@connect/core';

/**
 * Why a connector operation failed, as data: the web app chooses what to highlight
 * (the password field, the host field) and tests assert the reason, not the wording.
 */
export const connectorErrorReasons = {
  /** The server refused the user name or password. */
  auth_failed: 'invalid_input',
  /** The database named in the connection string does not exist. */
  unknown_database: 'invalid_input',
  /** Snowflake: no account answers to the account identifier. */
  unknown_account: 'invalid_input',
  /** Snowflake: the warehouse does not exist, or the role may not use it. */
  unknown_warehouse: 'invalid_input',
  /** Nothing answered at the host and port: wrong address, firewall, server down. */
  host_unreachable: 'unavailable',
  /** The server accepts only encrypted connections and the config asked for none. */
  tls_required: 'invalid_input',
  /** The config asked for TLS and the server does not offer it. */
  tls_unavailable: 'invalid_input',
  /** TLS was negotiated but the server's certificate could not be verified. */
  tls_failed: 'invalid_input',
  /** The database user lacks a privilege the operation needs. */
  permission_denied: 'forbidden',
  /** The table, view or collection does not exist (or is not visible to this user). */
  source_not_found: 'not_found',
  /** A filter names an unknown field, an operator its type does not have, or a value of the wrong type. */
  invalid_filter: 'invalid_input',
  /** A raw query tries to write, or is not exactly one read statement. */
  query_rejected: 'invalid_input',
  /** The database refused the query (syntax error, unknown column, bad value). */
  query_failed: 'invalid_input',
  /** The query ran longer than its time limit and was stopped on the server. */
  timeout: 'unavailable',
  /** The server is up but cannot serve us right now (too many connections, starting up). */
  unavailable: 'unavailable',
} as const satisfies Record<string, AppErrorCode>;

export type ConnectorErrorReason = keyof typeof connectorErrorReasons;

/** An {@link AppError} with a machine-readable reason; its message is shown to the user as-is. */
export class ConnectorError extends AppError {
  readonly reason: ConnectorErrorReason;

  constructor(reason: ConnectorErrorReason, message: string, options: AppErrorOptions = {}) {
    super(connectorErrorReasons[reason], message, options);
    this.name = 'ConnectorError';
    this.reason = reason;
  }
}

export function isConnectorError(error: unknown): error is ConnectorError {
  return error instanceof ConnectorError;
}

/**
 * Removes every occurrence of the secrets from a message. Connectors build their own
 * messages without secrets; this guards against a driver echoing one back.
 */
export function redact(message: string, secrets: readonly (string | undefined)[]): string {
  let out = message;
  for (const secret of secrets) if (secret && secret.length >= 3) out = out.split(secret).join('***');
  return out;
}
