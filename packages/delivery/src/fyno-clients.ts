import { createHash } from 'node:crypto';
import { AppError, type FynoDefaults } from '@connect/core';
import { createFynoClient, type FynoClient } from '@connect/fyno';
import type { Store } from '@connect/store';

/**
 * Fyno clients per workspace credentials, reused across batches so their
 * keep-alive connections are too. A changed key or base URL gets a new client.
 */
export class FynoClientPool {
  private readonly clients = new Map<string, FynoClient>();
  /** Credentials read from the store, kept briefly so a run does not read them for every batch. */
  private readonly recent = new Map<string, { key: string; at: number }>();

  /**
   * @param credentialsTtlMs how long credentials read from the store are reused. The
   *   worker reuses them for a few seconds (a changed key applies from a batch a little
   *   later); the web app reads them every time, so a test right after a change uses it.
   */
  constructor(
    private readonly store: Store,
    private readonly defaults: FynoDefaults,
    private readonly credentialsTtlMs = 0,
  ) {}

  async forWorkspace(workspaceId: string): Promise<FynoClient> {
    const cached = this.recent.get(workspaceId);
    if (cached && Date.now() - cached.at < this.credentialsTtlMs) {
      const client = this.clients.get(cached.key);
      if (client) return client;
    }
    const credentials = await this.store.settings.fynoCredentials(workspaceId, this.defaults);
    if (!credentials.workspaceId || !credentials.apiKey) {
      throw new AppError(
        'invalid_input',
        'Fyno is not set up: add the workspace ID and API key under Settings → Fyno Cloud.',
      );
    }
    const key = createHash('sha256').update(JSON.stringify(credentials)).digest('hex');
    let client = this.clients.get(key);
    if (!client) {
      client = createFynoClient({
        workspaceId: credentials.workspaceId,
        apiKey: credentials.apiKey,
        version: credentials.version,
        apiBase: credentials.apiBase,
      });
      this.clients.set(key, client);
    }
    this.recent.set(workspaceId, { key, at: Date.now() });
    return client;
  }

  async close(): Promise<void> {
    await Promise.all([...this.clients.values()].map((client) => client.close()));
    this.clients.clear();
  }
}
