/**
 * A customer database that cuts its connections (an administrator's kill, a
 * restart, a network failure) while a stream, a preview or a count is running, on
 * every kind. The process must stay up (an unheard `'error'` event on a driver's
 * connection would end it, and vitest fails a run on any uncaught error), the
 * operation must end with a ConnectorError a user can act on (or, where the driver
 * retries on a new connection, with the right answer), and the next call must work.
 */
import { connectorHarnesses, type CustomerDatabase } from '@connect/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConnectorError, openConnector, type Connector } from '../index';
import { eventually } from './test-support/collect';

describe.each(connectorHarnesses)('$label: connections cut by the database', (harness) => {
  let db: CustomerDatabase;
  let connector: Connector;

  beforeAll(async () => {
    db = await harness.create();
    connector = openConnector(harness.kind, db.config);
  });

  afterAll(async () => {
    await connector?.close();
    await db?.drop();
  });

  const raw = (query: string) => ({ source: db.usersSource, definition: { type: 'query' as const, query } });

  /** Settles an operation at once, so its failure is heard while the test cuts connections. */
  const settled = (operation: Promise<unknown>) =>
    operation.then(
      (value) => ({ value }),
      (error: unknown) => ({ error }),
    );

  /**
   * How an interrupted operation may end: with a ConnectorError saying the database
   * went away, or (a driver that retries on a new connection) with the right answer.
   */
  async function expectInterrupted(outcome: ReturnType<typeof settled>, check: (value: unknown) => void) {
    const drop = db.connectionDrop;
    if ('notSimulated' in drop) throw new Error('not simulated');
    const result = await outcome;
    if ('error' in result) {
      expect(result.error, String(result.error)).toBeInstanceOf(ConnectorError);
      expect((result.error as ConnectorError).reason, String(result.error)).toBe('unavailable');
      expect((result.error as ConnectorError).message).toMatch(/Try again/);
    } else {
      expect(drop.interrupted, 'this kind must fail an interrupted operation').toBe('may-retry');
      check(result.value);
    }
  }

  /** The connector still works once the database takes connections again. */
  async function expectWorksAgain() {
    const page = await connector.preview({ ...raw(db.queries.adults), pageSize: 5 });
    expect(page.rows).toHaveLength(5);
  }

  it('mid-stream: between batches and while fetching', async () => {
    const drop = db.connectionDrop;
    if ('notSimulated' in drop) return void expect(drop.notSimulated).not.toBe('');
    const streamed = settled(
      (async () => {
        let rows = 0;
        for await (const batch of connector.stream({
          ...raw(db.queries.manyRows('connect_drop')),
          batchSize: 1_000,
        })) {
          rows += batch.length;
          // Cut once the stream is under way, while this consumer holds a batch.
          if (rows === 2_000) await drop.dropAll();
        }
        return rows;
      })(),
    );
    await expectInterrupted(streamed, (rows) => expect(rows).toBeGreaterThanOrEqual(1_000_000));
    await expectWorksAgain();
  }, 120_000);

  it('mid-preview', async () => {
    const drop = db.connectionDrop;
    if ('notSimulated' in drop) return void expect(drop.notSimulated).not.toBe('');
    const marker = `connect_drop_${Date.now()}`;
    const running = settled(connector.preview(raw(db.queries.sleep(3, marker))));
    expect(await eventually(() => db.isRunning(marker), 5_000)).toBe(true);
    await drop.dropAll();
    await expectInterrupted(running, (page) => expect(page).toMatchObject({ rows: [expect.anything()] }));
    await expectWorksAgain();
  }, 60_000);

  it('mid-count', async () => {
    const drop = db.connectionDrop;
    if ('notSimulated' in drop) return void expect(drop.notSimulated).not.toBe('');
    const marker = `connect_drop_${Date.now()}`;
    const running = settled(connector.count({ ...raw(db.queries.sleep(3, marker)), exact: true }));
    expect(await eventually(() => db.isRunning(marker), 5_000)).toBe(true);
    await drop.dropAll();
    await expectInterrupted(running, (count) => expect(count).toEqual({ count: 1, exact: true }));
    await expectWorksAgain();
  }, 60_000);

  it('while idle in the pool: the next call works', async () => {
    const drop = db.connectionDrop;
    if ('notSimulated' in drop) return void expect(drop.notSimulated).not.toBe('');
    await expectWorksAgain();
    await drop.dropAll();
    // Give the drivers a moment to hear of it; the pool must not hand out a dead connection for ever.
    await new Promise((resolve) => setTimeout(resolve, 200));
    const page = await connector
      .preview({ ...raw(db.queries.adults), pageSize: 5 })
      .catch(async (error: unknown) => {
        // One call may still meet the cut connection; it fails clearly, and the one after works.
        expect(error).toBeInstanceOf(ConnectorError);
        return connector.preview({ ...raw(db.queries.adults), pageSize: 5 });
      });
    expect(page.rows).toHaveLength(5);
  }, 60_000);
});
