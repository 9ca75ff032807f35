import { type ConnectionTestResult, openConnector } from '@connect/connectors';

/**
 * Opens a fresh connector for a config and proves it works, then closes it. A fresh
 * one, not the shared pool: a pool that is already connected could hide a password
 * that no longer works. Rejects with the connector's error (an `AppError` whose
 * message the user can act on) when the database refuses.
 */
export async function testConnection(
  kind: string,
  config: Record<string, unknown>,
  signal?: AbortSignal,
): Promise<ConnectionTestResult> {
  const connector = openConnector(kind, config, { maxConnections: 1 });
  try {
    return await connector.test({ signal });
  } finally {
    await connector.close().catch(() => {});
  }
}
