import { type ConnectionTestResult, type Connector, openConnector } from '@connect/connectors';
import type { CredentialReport } from '@connect/core';

/** A passed test, and what the user may do beyond reading. */
export interface TestedConnection extends ConnectionTestResult {
  credentials: CredentialReport;
}

/**
 * Opens a fresh connector for a config and proves it works, then checks what its
 * user may do beyond reading, and closes it. A fresh one, not the shared pool: a
 * pool that is already connected could hide a password that no longer works.
 * Rejects with the connector's error (an `AppError` whose message the user can act
 * on) when the database refuses; a privilege check that cannot run never fails the
 * test (it is reported as an "unknown" warning).
 */
export async function testConnection(
  kind: string,
  config: Record<string, unknown>,
  signal?: AbortSignal,
): Promise<TestedConnection> {
  const connector = openConnector(kind, config, { maxConnections: 1 });
  try {
    const tested = await connector.test({ signal });
    return { ...tested, credentials: await checkCredentials(connector, signal) };
  } finally {
    await connector.close().catch(() => {});
  }
}

/** `inspectPrivileges` reports its own failures; this guards the save against a bug in it all the same. */
async function checkCredentials(connector: Connector, signal?: AbortSignal): Promise<CredentialReport> {
  try {
    return await connector.inspectPrivileges({ signal });
  } catch (error) {
    if (signal?.aborted) throw error;
    return {
      warnings: [
        {
          code: 'unknown',
          message:
            'Connect could not check what this user may do. If it may do more than read, consider a read-only user.',
        },
      ],
      advice: null,
      checkedAt: new Date().toISOString(),
    };
  }
}
