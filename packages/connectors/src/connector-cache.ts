import { createHash } from 'node:crypto';
import type { Connector } from './connector';
import { openConnector, type OpenConnectorOptions } from './registry';

/** A stored connection, as the cache needs it. */
export interface CachedConnection {
  id: string;
  kind: string;
  config: unknown;
}

export interface ConnectorCacheOptions extends OpenConnectorOptions {
  /** A connector unused for this long is closed (its pool with it). Default 5 minutes. */
  idleMs?: number;
}

interface Entry {
  fingerprint: string;
  connector: Connector;
  leases: number;
  retired: boolean;
  idleTimer: NodeJS.Timeout | undefined;
}

/** A digest of kind and config: a changed config must never reuse the old pool, and no secret is kept in the key. */
function fingerprint(connection: CachedConnection): string {
  return createHash('sha256')
    .update(JSON.stringify([connection.kind, connection.config]))
    .digest('hex');
}

/**
 * One connector (and pool) per connection id, shared by the requests for that
 * connection. A connector is closed after `idleMs` without use, and as soon as it is
 * free once the connection's config changes or the connection is removed; calls in
 * progress always finish on the connector they started with.
 */
export class ConnectorCache {
  private readonly entries = new Map<string, Entry>();
  private readonly idleMs: number;

  constructor(private readonly options: ConnectorCacheOptions = {}) {
    this.idleMs = options.idleMs ?? 5 * 60_000;
  }

  /** Runs `work` with the connection's connector (created on first use or after a config change). */
  async use<T>(connection: CachedConnection, work: (connector: Connector) => Promise<T>): Promise<T> {
    const entry = this.acquire(connection);
    try {
      return await work(entry.connector);
    } finally {
      this.release(connection.id, entry);
    }
  }

  /**
   * Like {@link use} for streams: the connector stays leased until the iteration
   * ends, however it ends.
   */
  async *stream<T>(
    connection: CachedConnection,
    work: (connector: Connector) => AsyncIterable<T>,
  ): AsyncGenerator<T> {
    const entry = this.acquire(connection);
    try {
      yield* work(entry.connector);
    } finally {
      this.release(connection.id, entry);
    }
  }

  /** Closes the connection's connector (when free): call when a connection is deleted. */
  async forget(connectionId: string): Promise<void> {
    const entry = this.entries.get(connectionId);
    if (!entry) return;
    this.entries.delete(connectionId);
    await this.retire(entry);
  }

  /** Closes every connector: call on shutdown. */
  async close(): Promise<void> {
    const entries = [...this.entries.values()];
    this.entries.clear();
    await Promise.all(
      entries.map((entry) => {
        clearTimeout(entry.idleTimer);
        return entry.connector.close().catch(() => {});
      }),
    );
  }

  /** How many connectors are open (for tests and health pages). */
  get size(): number {
    return this.entries.size;
  }

  private acquire(connection: CachedConnection): Entry {
    const print = fingerprint(connection);
    let entry = this.entries.get(connection.id);
    if (entry && entry.fingerprint !== print) {
      void this.retire(entry);
      entry = undefined;
    }
    if (!entry) {
      entry = {
        fingerprint: print,
        connector: openConnector(connection.kind, connection.config, this.options),
        leases: 0,
        retired: false,
        idleTimer: undefined,
      };
      this.entries.set(connection.id, entry);
    }
    clearTimeout(entry.idleTimer);
    entry.idleTimer = undefined;
    entry.leases += 1;
    return entry;
  }

  private release(connectionId: string, entry: Entry) {
    entry.leases -= 1;
    if (entry.leases > 0) return;
    if (entry.retired) {
      void entry.connector.close().catch(() => {});
      return;
    }
    entry.idleTimer = setTimeout(() => {
      if (entry.leases > 0 || this.entries.get(connectionId) !== entry) return;
      this.entries.delete(connectionId);
      void entry.connector.close().catch(() => {});
    }, this.idleMs);
    entry.idleTimer.unref();
  }

  /** Stops handing the entry out; closes it now if free, else when its last lease ends. */
  private async retire(entry: Entry) {
    entry.retired = true;
    clearTimeout(entry.idleTimer);
    if (entry.leases === 0) await entry.connector.close().catch(() => {});
  }
}
