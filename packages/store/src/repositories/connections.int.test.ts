import { AppError } from '@connect/core';
import { createTestDatabase, type TestDatabase } from '@connect/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStore, type Store } from '../store';

let database: TestDatabase;
let store: Store;
let workspaceId: string;
let userId: string;

beforeAll(async () => {
  database = await createTestDatabase();
  store = createStore({ databaseUrl: database.url, encryptionKey: '71'.repeat(32) });
  workspaceId = (await store.workspaces.getDefault()).id;
  userId = (
    await store.users.create({
      workspaceId,
      email: 'e@example.com',
      name: 'E',
      passwordHash: 'x',
      role: 'editor',
    })
  ).id;
});
afterAll(async () => {
  await store.close();
  await database.drop();
});

const ok = { ok: true, serverVersion: 'PostgreSQL 15.4' };

describe('connections', () => {
  it('keeps secrets encrypted and out of every view', async () => {
    const created = await store.connections.create({
      workspaceId,
      kind: 'postgres',
      name: 'Production',
      config: { url: 'postgresql://reader@db.example.com/app' },
      secrets: { password: 'hunter2-secret' },
      test: ok,
      createdBy: userId,
    });
    expect(created).toMatchObject({
      name: 'Production',
      secretFieldsSet: ['password'],
      status: 'ok',
      serverVersion: 'PostgreSQL 15.4',
    });
    expect(JSON.stringify(created)).not.toContain('hunter2');
    expect(JSON.stringify(await store.connections.list(workspaceId))).not.toContain('hunter2');

    const [raw] = await database.query<{ secrets_sealed: string; config: unknown }>(
      'select secrets_sealed, config from connections',
    );
    expect(raw!.secrets_sealed).toMatch(/^v1\./);
    expect(JSON.stringify(raw)).not.toContain('hunter2');

    const full = await store.connections.getWithSecrets(workspaceId, created.id);
    expect(full.fullConfig).toEqual({
      url: 'postgresql://reader@db.example.com/app',
      password: 'hunter2-secret',
    });
  });

  it('leaves a secret unchanged when an edit sends it blank, and bumps the config version', async () => {
    const [connection] = await store.connections.list(workspaceId);
    const edited = await store.connections.update(workspaceId, connection!.id, {
      name: 'Production replica',
      config: { url: 'postgresql://reader@replica.example.com/app' },
      secrets: { password: '' },
      test: ok,
    });
    expect(edited.configVersion).toBe(connection!.configVersion + 1);
    expect((await store.connections.getWithSecrets(workspaceId, connection!.id)).fullConfig.password).toBe(
      'hunter2-secret',
    );

    await store.connections.update(workspaceId, connection!.id, {
      name: 'Production replica',
      config: edited.config,
      secrets: {},
      clearSecrets: ['password'],
      test: ok,
    });
    expect((await store.connections.get(workspaceId, connection!.id)).secretFieldsSet).toEqual([]);
  });

  it('refuses a second connection with the same name in any letter case', async () => {
    const error = await store.connections
      .create({
        workspaceId,
        kind: 'mysql',
        name: 'PRODUCTION REPLICA',
        config: {},
        secrets: {},
        test: ok,
        createdBy: userId,
      })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('conflict');
  });

  it('records failed tests with the reason', async () => {
    const [connection] = await store.connections.list(workspaceId);
    const failed = await store.connections.recordTest(workspaceId, connection!.id, {
      ok: false,
      error: 'Host unreachable',
    });
    expect(failed).toMatchObject({ status: 'failing', lastError: 'Host unreachable' });
  });

  it('cannot be deleted while a cohort uses it; the cohort names the blocker', async () => {
    const [connection] = await store.connections.list(workspaceId);
    const cohort = await store.cohorts.create({
      workspaceId,
      connectionId: connection!.id,
      name: 'Recent sign-ups',
      source: { schema: 'public', name: 'users' },
      definition: { type: 'filter', filter: { combinator: 'and', rules: [] } },
      createdBy: userId,
    });
    expect(await store.cohorts.listByConnection(workspaceId, connection!.id)).toEqual([
      { id: cohort.id, name: 'Recent sign-ups' },
    ]);
    await expect(store.connections.delete(workspaceId, connection!.id)).rejects.toThrow();
    await store.cohorts.delete(workspaceId, cohort.id);
    await store.connections.delete(workspaceId, connection!.id);
    expect(await store.connections.list(workspaceId)).toEqual([]);
  });

  it('rotates connection secrets to a new key', async () => {
    const connection = await store.connections.create({
      workspaceId,
      kind: 'mysql',
      name: 'Warehouse',
      config: { url: 'mysql://r@h/db' },
      secrets: { password: 'rotate-me' },
      test: ok,
      createdBy: userId,
    });
    const next = createStore({
      databaseUrl: database.url,
      encryptionKey: '72'.repeat(32),
      previousEncryptionKeys: ['71'.repeat(32)],
    });
    try {
      expect(await next.rotateSecrets()).toBe(1);
    } finally {
      await next.close();
    }
    const onlyNew = createStore({ databaseUrl: database.url, encryptionKey: '72'.repeat(32) });
    try {
      expect((await onlyNew.connections.getWithSecrets(workspaceId, connection.id)).fullConfig.password).toBe(
        'rotate-me',
      );
    } finally {
      await onlyNew.close();
    }
  });
});
