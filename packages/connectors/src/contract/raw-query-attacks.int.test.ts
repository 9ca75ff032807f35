/**
 * Raw queries that try to write, or to leave something behind, run through every
 * operation that takes a raw query, on every kind. The attack texts come from each
 * kind's own lexing rules (see the harnesses' `attacks`), so they probe the places
 * where a statement splitter and the server could read a text differently. Whatever
 * the connector does with each one, refusing it with a clear error or running it
 * harmlessly, the database must be left exactly as it was: every table's rows, the
 * relations and sequences, roles, no lock held, no file written; and the pooled
 * session the next operation gets must be as clean as a new one.
 */
import { connectorHarnesses, type CustomerDatabase } from '@connect/testkit';
import { randomBytes, randomInt } from 'node:crypto';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConnectorError, openConnector, type Connector } from '../index';
import { collectStream } from './test-support/collect';

describe.each(connectorHarnesses)('$label: hostile raw queries', (harness) => {
  let db: CustomerDatabase;
  /** One pooled connection, so every operation reuses the session the previous one left. */
  let connector: Connector;
  const file = join(tmpdir(), `connect-attack-${randomBytes(6).toString('hex')}`);
  const lock =
    harness.kind === 'postgres'
      ? String(randomInt(1, 2 ** 31 - 1))
      : `connect_attack_${randomBytes(4).toString('hex')}`;
  let cleanSession: unknown;
  let before: string;

  beforeAll(async () => {
    db = await harness.create();
    connector = openConnector(harness.kind, db.config, { maxConnections: 1 });
    cleanSession = await sessionState();
    before = await db.sideEffects(lock);
  });

  afterAll(async () => {
    await connector?.close();
    await db?.drop();
  });

  const definition = (query: string) => ({ type: 'query' as const, query });
  const raw = (query: string) => ({ source: db.usersSource, definition: definition(query) });

  async function sessionState() {
    const page = await connector.preview(raw(db.queries.sessionState.replaceAll('{lock}', lock)));
    return page.rows[0];
  }

  /** Every way a raw query reaches the database: preview (plain and sorted), both counts, a stream. */
  const operations = (query: string) => [
    () => connector.preview(raw(query)),
    () => connector.preview({ ...raw(query), sort: [{ field: 'a', direction: 'asc' }] }),
    () => connector.count({ ...raw(query), exact: false }),
    () => connector.count({ ...raw(query), exact: true }),
    () => collectStream(connector.stream({ ...raw(query), batchSize: 10 })),
  ];

  it('has attacks for this kind, built from its own rules', () => {
    expect(db.queries.attacks.length).toBeGreaterThanOrEqual(15);
    expect(new Set(db.queries.attacks.map((attack) => attack.rule)).size).toBe(db.queries.attacks.length);
  });

  it('leaves the database as it was after every attack, and the pooled session clean', async () => {
    for (const attack of db.queries.attacks) {
      const query = attack.query.replaceAll('{file}', file).replaceAll('{lock}', lock);
      for (const run of operations(query)) {
        try {
          await run();
        } catch (error) {
          // Refusing is fine, with a message a user can act on; anything else is a bug (a 500).
          expect(error, `${attack.rule}: ${String(error)}`).toBeInstanceOf(ConnectorError);
        }
      }
      expect(await db.sideEffects(lock), attack.rule).toBe(before);
      expect(existsSync(file), `${attack.rule}: ${file} was written`).toBe(false);
      expect(await sessionState(), `${attack.rule}: the pooled session kept its state`).toEqual(cleanSession);
    }
  }, 120_000);
});
