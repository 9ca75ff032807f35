import { createPostgresCustomerDatabase, type CustomerDatabase } from '@connect/testkit';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConnectorCache } from './connector-cache';
import { eventually } from './contract/test-support/collect';

/**
 * The cache's promise to the web app: one pool per connection, closed when idle,
 * replaced when the connection's settings change. Judged where a database
 * administrator would look: the server's list of connections.
 */
describe('ConnectorCache', () => {
  let db: CustomerDatabase;
  let admin: pg.Client;
  const tag = `cache_${Math.random().toString(36).slice(2, 8)}`;

  beforeAll(async () => {
    db = await createPostgresCustomerDatabase();
    admin = new pg.Client({ connectionString: String(db.config.url) });
    await admin.connect();
  });

  afterAll(async () => {
    await admin?.end();
    await db?.drop();
  });

  /** A config whose connections carry `name` as application_name. */
  const configNamed = (name: string) => ({ url: `${String(db.config.url)}?application_name=${tag}_${name}` });
  const openConnections = async (name: string) =>
    Number(
      (
        await admin.query('SELECT count(*) AS n FROM pg_stat_activity WHERE application_name = $1', [
          `${tag}_${name}`,
        ])
      ).rows[0].n,
    );

  it('shares one pool between the calls for a connection and closes it once idle', async () => {
    const cache = new ConnectorCache({ idleMs: 300 });
    const connection = { id: 'c1', kind: 'postgres', config: configNamed('idle') };
    const seen = new Set<unknown>();
    await Promise.all(
      Array.from({ length: 6 }, () =>
        cache.use(connection, async (connector) => (seen.add(connector), connector.test())),
      ),
    );
    expect(seen.size).toBe(1);
    expect(cache.size).toBe(1);
    expect(await openConnections('idle')).toBeGreaterThan(0);
    expect(await eventually(async () => (await openConnections('idle')) === 0, 3_000)).toBe(true);
    expect(cache.size).toBe(0);
    await cache.close();
  });

  it('replaces the pool when the settings change, letting the running query finish first', async () => {
    const cache = new ConnectorCache({ idleMs: 60_000 });
    const before = { id: 'c2', kind: 'postgres', config: configNamed('before') };
    const after = { id: 'c2', kind: 'postgres', config: configNamed('after') };
    const slow = cache.use(before, (connector) =>
      connector.preview({ definition: { type: 'query', query: 'SELECT pg_sleep(0.6) AS slept' } }),
    );
    expect(await eventually(async () => (await openConnections('before')) > 0, 2_000)).toBe(true);
    await cache.use(after, (connector) => connector.test());
    // The old pool is still serving its query...
    expect(await openConnections('before')).toBeGreaterThan(0);
    await expect(slow).resolves.toMatchObject({ rows: [{ slept: '' }] });
    // ...and is closed as soon as that query is done.
    expect(await eventually(async () => (await openConnections('before')) === 0, 3_000)).toBe(true);
    expect(await openConnections('after')).toBeGreaterThan(0);
    await cache.forget('c2');
    expect(await eventually(async () => (await openConnections('after')) === 0, 3_000)).toBe(true);
    await cache.close();
  });

  it('keeps a connector leased for as long as a stream is being read', async () => {
    const cache = new ConnectorCache({ idleMs: 100 });
    const connection = { id: 'c3', kind: 'postgres', config: configNamed('stream') };
    let rows = 0;
    for await (const batch of cache.stream(connection, (connector) =>
      connector.stream({
        source: db.usersSource,
        definition: { type: 'filter', filter: { combinator: 'and', rules: [] } },
        batchSize: 100,
      }),
    )) {
      rows += batch.length;
      await new Promise((resolve) => setTimeout(resolve, 30)); // slower than idleMs, across the whole stream
    }
    expect(rows).toBe(db.users.length);
    expect(await eventually(async () => (await openConnections('stream')) === 0, 3_000)).toBe(true);
    await cache.close();
  });
});
