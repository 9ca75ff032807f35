import { ConnectorError } from './connector-error';

/** Where a connector was trying to go, for messages. Never holds a secret. */
export interface Endpoint {
  host: string;
  port: number;
  user?: string;
  database?: string;
  connectTimeoutMs: number;
}

/** The system error code of a socket failure, including Node's AggregateError for dual-stack hosts. */
export function systemErrorCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string') return code;
  const inner = (error as { errors?: unknown[] }).errors?.[0];
  return inner === undefined ? undefined : systemErrorCode(inner);
}

const tlsVerificationCodes = new Set([
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'UNABLE_TO_GET_ISSUER_CERT',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

/**
 * Socket and TLS failures are the same whatever the database: maps them to
 * messages that say where we tried to go and what to check.
 */
export function mapNetworkError(
  error: unknown,
  endpoint: Endpoint,
  product: string,
): ConnectorError | undefined {
  const code = systemErrorCode(error);
  const where = `${endpoint.host}:${endpoint.port}`;
  const seconds = Math.round(endpoint.connectTimeoutMs / 100) / 10;
  switch (code) {
    case 'ECONNREFUSED':
      return new ConnectorError(
        'host_unreachable',
        `Nothing is accepting connections at ${where}. Check the host and port, and that ${product} is running and reachable from this machine.`,
      );
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
    case 'EAI_NONAME':
      return new ConnectorError(
        'host_unreachable',
        `The host name "${endpoint.host}" could not be found. Check its spelling; this machine's DNS does not know it.`,
      );
    case 'ETIMEDOUT':
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
    case 'EHOSTDOWN':
      return new ConnectorError(
        'host_unreachable',
        `No answer from ${where} within ${seconds} seconds. Check the host and port, and that a firewall allows connections from this machine.`,
      );
    case 'ECONNRESET':
    case 'EPIPE':
      return new ConnectorError('unavailable', `The connection to ${where} was cut off. Try again.`);
  }
  if (code && tlsVerificationCodes.has(code))
    return new ConnectorError(
      'tls_failed',
      `The server's TLS certificate could not be verified (${code.toLowerCase().replaceAll('_', ' ')}). Paste the certificate authority's certificate into the form, or choose a mode that encrypts without verifying.`,
    );
  return undefined;
}

/** The connect timeout message, for drivers that report it as a plain Error. */
export function connectTimeoutError(endpoint: Endpoint): ConnectorError {
  const seconds = Math.round(endpoint.connectTimeoutMs / 100) / 10;
  return new ConnectorError(
    'host_unreachable',
    `No answer from ${endpoint.host}:${endpoint.port} within ${seconds} seconds. Check the host and port, and that a firewall allows connections from this machine.`,
  );
}
