import {
  ConnectorError,
  isConnectorError,
  redact,
  type ConnectorErrorReason,
} from '../errors/connector-error';
import { mapNetworkError, type Endpoint } from '../errors/network-errors';
import { queryErrors } from '../errors/query-messages';
import type { SnowflakeConfig } from './config';

export interface SnowflakeErrorContext {
  endpoint: Endpoint;
  /** The names the user entered, for messages. */
  config: Pick<SnowflakeConfig, 'account' | 'username' | 'warehouse' | 'database' | 'schema' | 'role'>;
  /** How the user signs in: decides which field a rejected sign-in points at. */
  keyPair: boolean;
  /** The time limit the failed statement ran under, for the timeout message. */
  timeoutMs?: number;
  secrets: readonly (string | undefined)[];
}

/** What snowflake-sdk puts on its errors (login, network and SQL alike). */
interface SdkError extends Error {
  code?: string | number;
  sqlState?: string;
  response?: { statusCode?: number };
  cause?: unknown;
}

interface Mapped {
  reason: ConnectorErrorReason;
  message: string;
  /** The form field to highlight. */
  field?: string;
}

/** Error codes of snowflake-sdk itself (not of the server). */
const sdk = {
  networkError: '401001',
  requestFailed: '401002',
  notJson: '401003',
  terminated: '407002',
} as const;

/** Snowflake's codes for sign-in failures, and for statements. */
const codes = {
  wrongUserOrPassword: '390100',
  invalidJwt: '390144',
  roleNotGranted: '390189',
  defaultsNotFound: '390201',
  sessionGone: '390111',
  statementCount: '000008',
  cancelled: '000604',
  timeout: '000630',
  noWarehouse: '000606',
  noDatabase: '090105',
  noSchema: '090106',
  insufficientPrivileges: '003001',
} as const;

const quoted = (name: string | undefined) => (name ? `"${name}"` : 'this');

/**
 * Turns whatever snowflake-sdk reported into a ConnectorError a user can act on.
 * Unknown errors (our bugs) are returned unchanged so they surface as internal
 * errors with a stack.
 */
export function mapSnowflakeError(error: unknown, context: SnowflakeErrorContext): unknown {
  if (isConnectorError(error) || !(error instanceof Error)) return error;
  const mapped = mapKnown(error as SdkError, context);
  if (!mapped) return error;
  const field = mapped instanceof ConnectorError ? undefined : mapped.field;
  const message = redact(mapped.message, context.secrets);
  return new ConnectorError(mapped.reason, message, {
    cause: error,
    ...(field ? { fieldErrors: { [field]: message } } : {}),
  });
}

/** Snowflake's own words on one line (its compilation errors span several). */
function serverWords(message: string): string {
  return message.replace(/\s*\n\s*/g, ' ').trim();
}

function mapKnown(error: SdkError, context: SnowflakeErrorContext): Mapped | ConnectorError | undefined {
  const code = error.code === undefined ? '' : String(error.code);
  const { config, endpoint } = context;
  const where = `${endpoint.host}:${endpoint.port}`;
  switch (code) {
    case sdk.networkError:
      return (
        mapNetworkError(error.cause ?? error, endpoint, 'Snowflake') ?? {
          reason: 'host_unreachable',
          message: `Could not reach Snowflake at ${where} (${error.message}). Check the account identifier, and that this machine may connect to it.`,
          field: 'account',
        }
      );
    case sdk.requestFailed:
      if (error.response?.statusCode === 403)
        return {
          reason: 'unknown_account',
          message: `No Snowflake account "${config.account}" answers at ${endpoint.host}. Check the account identifier: it is the part before .snowflakecomputing.com in your Snowflake URL.`,
          field: 'account',
        };
      return {
        reason: 'unavailable',
        message: `Snowflake answered with an error${error.response?.statusCode ? ` (HTTP ${error.response.statusCode})` : ''}. Try again shortly.`,
      };
    case sdk.notJson:
      return {
        reason: 'host_unreachable',
        message: `The server at ${where} does not answer like Snowflake. Check the account identifier and the access URL.`,
        field: 'account',
      };
    case codes.wrongUserOrPassword:
      return context.keyPair
        ? {
            reason: 'auth_failed',
            message: `Snowflake rejected user "${config.username}" with this private key. Check the user name, and that the key's public half is set on the user.`,
            field: 'username',
          }
        : {
            reason: 'auth_failed',
            message: `Snowflake rejected user "${config.username}" with this password. Check the user name and the password.`,
            field: 'password',
          };
    case codes.invalidJwt:
      return {
        reason: 'auth_failed',
        message: `Snowflake rejected the key-pair sign-in of user "${config.username}": the public key set on the user (RSA_PUBLIC_KEY) does not match this private key, or the user name is wrong.`,
        field: 'privateKey',
      };
    case codes.roleNotGranted:
      return {
        reason: 'permission_denied',
        message: `The role ${quoted(config.role)} does not exist or is not granted to user "${config.username}". Grant it, or leave the role blank to use the user's default role.`,
        field: 'role',
      };
    case codes.defaultsNotFound:
      // "The requested warehouse|database|schema does not exist or not authorized."
      if (/\bdatabase\b/i.test(error.message)) return unknownDatabase(context);
      if (/\bschema\b/i.test(error.message)) return unknownSchema(context);
      return unknownWarehouse(context);
    case codes.noWarehouse:
      return unknownWarehouse(context);
    case codes.noDatabase:
      return unknownDatabase(context);
    case codes.noSchema:
      return unknownSchema(context);
    case codes.timeout:
      return queryErrors.timeout(context.timeoutMs ?? 0);
    case codes.cancelled:
      return {
        reason: 'query_failed',
        message:
          'The query was cancelled on Snowflake (by an administrator or another session). Run it again.',
      };
    case codes.statementCount:
      return {
        reason: 'query_rejected',
        message: 'Write one statement only; Snowflake found more than one.',
      };
    case codes.insufficientPrivileges:
      return queryErrors.permission(config.username, serverWords(error.message));
    case codes.sessionGone:
    case sdk.terminated:
      return { reason: 'unavailable', message: 'The Snowflake session ended. Try again.' };
  }
  if (/not allowed to access Snowflake/i.test(error.message))
    return {
      reason: 'permission_denied',
      message: `Snowflake's network policy does not let user "${config.username}" connect from this machine's address. Ask your Snowflake administrator to allow it.`,
    };
  // Other sign-in failures (locked or disabled user, MFA required...): Snowflake says which.
  if (/^39\d{4}$/.test(code))
    return {
      reason: 'auth_failed',
      message: `Snowflake refused the sign-in of user "${config.username}": ${serverWords(error.message)}`,
    };
  // Every other SQL error carries a SQL state or a six-digit Snowflake code (the SDK's own are 40xxxx).
  if (error.sqlState || (/^\d{6}$/.test(code) && !code.startsWith('40')))
    return queryErrors.failed(serverWords(error.message));
  return undefined;
}

export function unknownWarehouse(context: Pick<SnowflakeErrorContext, 'config'>): Mapped {
  const { config } = context;
  return {
    reason: 'unknown_warehouse',
    message: `There is no warehouse ${quoted(config.warehouse)} that ${config.role ? `role "${config.role}"` : `user "${config.username}"`} may use. Check the name (in double quotes if it was created with lower-case letters), or grant USAGE on it.`,
    field: 'warehouse',
  };
}

export function unknownDatabase(context: Pick<SnowflakeErrorContext, 'config'>): Mapped {
  const { config } = context;
  return {
    reason: 'unknown_database',
    message: `There is no database ${quoted(config.database)} that ${config.role ? `role "${config.role}"` : `user "${config.username}"`} may use. Check the name (in double quotes if it was created with lower-case letters), or grant USAGE on it.`,
    field: 'database',
  };
}

export function unknownSchema(context: Pick<SnowflakeErrorContext, 'config'>): Mapped {
  const { config } = context;
  return {
    reason: 'unknown_database',
    message: `There is no schema ${quoted(config.schema)} in database ${quoted(config.database)} that ${config.role ? `role "${config.role}"` : `user "${config.username}"`} may use. Check the name, or leave the schema blank.`,
    field: 'schema',
  };
}

/** A Mapped problem as the ConnectorError callers throw. */
export function connectorError(mapped: Mapped, secrets: readonly (string | undefined)[]): ConnectorError {
  const message = redact(mapped.message, secrets);
  return new ConnectorError(mapped.reason, message, {
    ...(mapped.field ? { fieldErrors: { [mapped.field]: message } } : {}),
  });
}
