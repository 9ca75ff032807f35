import {
  createPostgresCustomerDatabase,
  ensurePostgresTestRoles,
  passwordRole,
  tlsOnlyRole,
  type CustomerDatabase,
} from '@connect/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConnectorError } from '../errors/connector-error';
import { openConnector, parseConnectorConfig } from '../registry';
import { postgresConfigSchema } from './config';
import { openPostgresSession } from './connect';
import { checkOut } from './read-only';

/** PostgreSQL connection behaviour the contract suite cannot express for every kind. */
describe('PostgreSQL connections', () => {
  let db: CustomerDatabase;
  const urlAs = (user: string, query = '') => {
    const url = new URL(String(db.config.url));
    url.username = user;
    return `${url.toString()}${query}`;
  };

  beforeAll(async () => {
    db = await createPostgresCustomerDatabase();
    await ensurePostgresTestRoles();
  });

  afterAll(async () => {
    await db?.drop();
  });

  it('says TLS is required when the server refuses unencrypted connections', async () => {
    const connector = openConnector('postgres', {
      url: urlAs(tlsOnlyRole.name, '?sslmode=disable'),
      password: tlsOnlyRole.password,
    });
    try {
      const error = await connector.test().catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(ConnectorError);
      expect((error as ConnectorError).reason).toBe('tls_required');
      expect((error as ConnectorError).message).toBe(
        'The server only accepts encrypted connections. Add ?sslmode=require to the connection string.',
      );
    } finally {
      await connector.close();
    }
  });

  it('uses a password pasted into the connection string, while storing it apart', async () => {
    const pasted = new URL(urlAs(passwordRole.name));
    pasted.password = passwordRole.password;
    const config = parseConnectorConfig('postgres', { url: pasted.toString() });
    expect(String(config.url)).not.toContain(passwordRole.password);
    expect(config.password).toBe(passwordRole.password);
    const connector = openConnector('postgres', config);
    try {
      expect((await connector.test()).serverVersion).toMatch(/^PostgreSQL \d+/);
    } finally {
      await connector.close();
    }
  });

  it('falls back to plain connections under the default sslmode=prefer, and refuses them under verify-full', async () => {
    const prefer = openConnector('postgres', { url: String(db.config.url) });
    const verify = openConnector('postgres', { url: `${String(db.config.url)}?sslmode=verify-full` });
    try {
      await expect(prefer.test()).resolves.toMatchObject({ serverVersion: expect.any(String) });
      await expect(verify.test()).rejects.toMatchObject({ reason: 'tls_unavailable' });
    } finally {
      await Promise.all([prefer.close(), verify.close()]);
    }
  });

  it('opens every session read-only: a write outside any transaction of ours is refused by the server', async () => {
    const session = openPostgresSession(postgresConfigSchema.parse(db.config));
    const before = await db.checksum();
    const checkedOut = await checkOut(session);
    try {
      const shown = await checkedOut.client.query('SHOW default_transaction_read_only');
      expect(shown.rows[0]).toEqual({ default_transaction_read_only: 'on' });
      await expect(checkedOut.client.query('DELETE FROM public.users')).rejects.toMatchObject({
        code: '25006',
      });
    } finally {
      await checkedOut.giveBack({ discard: true });
      await session.close();
    }
    expect(await db.checksum()).toBe(before);
  });

  it('says which host name could not be found', async () => {
    const connector = openConnector('postgres', {
      url: 'postgresql://reader@no-such-host.invalid/app?connect_timeout=3',
    });
    try {
      await expect(connector.test()).rejects.toMatchObject({
        reason: 'host_unreachable',
        message: expect.stringMatching(/"no-such-host.invalid" could not be found/),
      });
    } finally {
      await connector.close();
    }
  });
});
