import type { CredentialReport } from '@connect/core';
import type { ConnectionView } from '@connect/store';

/** A connection as pages hand it to the browser: dates as ISO strings, never a secret. */
export interface ConnectionRow {
  id: string;
  kind: string;
  name: string;
  config: Record<string, unknown>;
  secretFieldsSet: string[];
  status: 'ok' | 'failing';
  lastTestedAt: string | null;
  lastError: string | null;
  serverVersion: string | null;
  /** What the database user may do beyond reading (no secrets in it); null before the first check. */
  credentialReport: CredentialReport | null;
  updatedAt: string;
}

export function toConnectionRow(connection: ConnectionView): ConnectionRow {
  return {
    id: connection.id,
    kind: connection.kind,
    name: connection.name,
    config: connection.config,
    secretFieldsSet: connection.secretFieldsSet,
    status: connection.status,
    lastTestedAt: connection.lastTestedAt ? new Date(connection.lastTestedAt).toISOString() : null,
    lastError: connection.lastError,
    serverVersion: connection.serverVersion,
    credentialReport: connection.credentialReport,
    updatedAt: new Date(connection.updatedAt).toISOString(),
  };
}
