import { createTestDatabase, type TestDatabase } from '@connect/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStore, type Store } from './store';

const keyA = 'a1'.repeat(32);
const keyB = 'b2'.repeat(32);
let database: TestDatabase;
let store: Store;

beforeAll(async () => {
  database = await createTestDatabase();
  store = createStore({ databaseUrl: database.url, encryptionKey: keyA });
});
afterAll(async () => {
  await store.close();
  await database.drop();
});

describe('Fyno settings', () => {
  it('falls back to .env values and says so, then prefers saved values', async () => {
    const workspace = await store.workspaces.getDefault();
    const owner = await store.users.create({
      workspaceId: workspace.id,
      email: 'Owner@Example.com',
      name: 'Owner',
      passwordHash: 'x',
      role: 'owner',
    });
    expect(owner.email).toBe('owner@example.com');

    const defaults = { workspaceId: 'FYENV1', apiKey: 'env-key' };
    let view = await store.settings.fynoView(workspace.id, defaults);
    expect(view).toMatchObject({
      workspaceId: 'FYENV1',
      workspaceIdSource: 'env',
      apiKeySet: true,
      apiKeySource: 'env',
      version: 'live',
      versionSource: 'default',
      apiBase: 'https://api.fyno.io/v1',
    });

    await store.settings.updateFyno(
      workspace.id,
      { workspaceId: 'FYSAVED', apiKey: 'saved-key', version: 'test' },
      owner.id,
    );
    view = await store.settings.fynoView(workspace.id, defaults);
    expect(view).toMatchObject({
      workspaceId: 'FYSAVED',
      workspaceIdSource: 'settings',
      apiKeySource: 'settings',
      version: 'test',
    });
    expect(JSON.stringify(view)).not.toContain('saved-key');

    const credentials = await store.settings.fynoCredentials(workspace.id, defaults);
    expect(credentials.apiKey).toBe('saved-key');

    // The key is encrypted at rest.
    const raw = await database.query<{ fyno_api_key_secret: string }>(
      'select fyno_api_key_secret from workspace_settings',
    );
    expect(raw[0]!.fyno_api_key_secret).toMatch(/^v1\./);
    expect(raw[0]!.fyno_api_key_secret).not.toContain('saved-key');

    // A blank key in a later form keeps the stored one; clearing returns to .env.
    await store.settings.updateFyno(workspace.id, { apiKey: '' }, owner.id);
    expect((await store.settings.fynoCredentials(workspace.id, defaults)).apiKey).toBe('saved-key');
    await store.settings.updateFyno(workspace.id, { clearApiKey: true }, owner.id);
    expect((await store.settings.fynoCredentials(workspace.id, defaults)).apiKey).toBe('env-key');
  });

  it('re-encrypts stored secrets under a new key and keeps them readable', async () => {
    const workspace = await store.workspaces.getDefault();
    const [owner] = await store.users.list(workspace.id);
    await store.settings.updateFyno(workspace.id, { apiKey: 'rotating-key' }, owner!.id);

    const rotated = createStore({
      databaseUrl: database.url,
      encryptionKey: keyB,
      previousEncryptionKeys: [keyA],
    });
    try {
      expect(await rotated.settings.rotateSecrets()).toBe(1);
      expect(await rotated.settings.rotateSecrets()).toBe(0);
      const onlyNewKey = createStore({ databaseUrl: database.url, encryptionKey: keyB });
      try {
        expect((await onlyNewKey.settings.fynoCredentials(workspace.id, {})).apiKey).toBe('rotating-key');
      } finally {
        await onlyNewKey.close();
      }
    } finally {
      await rotated.close();
    }
  });

  it('fails loudly when a stored secret was tampered with', async () => {
    const workspace = await store.workspaces.getDefault();
    await database.query(
      "update workspace_settings set fyno_api_key_secret = regexp_replace(fyno_api_key_secret, '.$', case when right(fyno_api_key_secret, 1) = 'A' then 'B' else 'A' end)",
    );
    const reader = createStore({ databaseUrl: database.url, encryptionKey: keyB });
    try {
      await expect(reader.settings.fynoCredentials(workspace.id, {})).rejects.toThrow(/integrity check/);
    } finally {
      await reader.close();
    }
  });
});
