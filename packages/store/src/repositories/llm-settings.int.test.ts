import { createTestDatabase, type TestDatabase } from '@connect/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStore, type Store } from '../store';

const keyA = 'c3'.repeat(32);
const keyB = 'd4'.repeat(32);
let database: TestDatabase;
let store: Store;
let workspaceId: string;
let ownerId: string;

beforeAll(async () => {
  database = await createTestDatabase();
  store = createStore({ databaseUrl: database.url, encryptionKey: keyA });
  const workspace = await store.workspaces.getDefault();
  workspaceId = workspace.id;
  const owner = await store.users.create({
    workspaceId,
    email: 'llm-owner@example.com',
    name: 'Owner',
    passwordHash: 'x',
    role: 'owner',
  });
  ownerId = owner.id;
});
afterAll(async () => {
  await store.close();
  await database.drop();
});

describe('Magic Query model settings', () => {
  it('is unconfigured until a base URL and a model are known, from .env or Settings', async () => {
    expect(await store.llmSettings.credentials(workspaceId, {})).toBeNull();
    expect(await store.llmSettings.view(workspaceId, {})).toMatchObject({
      configured: false,
      baseUrlSource: 'unset',
      sendSampleValues: false,
    });

    const defaults = { baseUrl: 'http://env-model:8000/v1', model: 'env-model', apiKey: 'env-key' };
    expect(await store.llmSettings.view(workspaceId, defaults)).toMatchObject({
      configured: true,
      baseUrl: 'http://env-model:8000/v1',
      baseUrlSource: 'env',
      apiKeySet: true,
      apiKeySource: 'env',
    });
    expect(await store.llmSettings.credentials(workspaceId, defaults)).toEqual({
      baseUrl: 'http://env-model:8000/v1',
      model: 'env-model',
      apiKey: 'env-key',
      sendSampleValues: false,
    });
  });

  it('keeps the saved key encrypted, write-only, and clears back to .env', async () => {
    const defaults = { baseUrl: 'http://env-model:8000/v1', model: 'env-model', apiKey: 'env-key' };
    await store.llmSettings.update(
      workspaceId,
      {
        baseUrl: 'https://llm.internal/v1',
        model: 'qwen',
        apiKey: 'sk-saved-secret',
        sendSampleValues: true,
      },
      ownerId,
    );
    const view = await store.llmSettings.view(workspaceId, defaults);
    expect(view).toMatchObject({ baseUrlSource: 'settings', model: 'qwen', apiKeySource: 'settings' });
    expect(view.sendSampleValues).toBe(true);
    expect(JSON.stringify(view)).not.toContain('sk-saved-secret');

    const raw = await database.query<{ llm_api_key_secret: string }>(
      'select llm_api_key_secret from workspace_settings',
    );
    expect(raw[0]!.llm_api_key_secret).toMatch(/^v1\./);
    expect(raw[0]!.llm_api_key_secret).not.toContain('sk-saved-secret');

    // A blank key keeps the stored one; the Fyno settings on the same row are untouched.
    await store.llmSettings.update(workspaceId, { apiKey: '', model: '' }, ownerId);
    expect(await store.llmSettings.credentials(workspaceId, defaults)).toMatchObject({
      apiKey: 'sk-saved-secret',
      model: 'env-model',
    });
    expect((await store.settings.fynoView(workspaceId, {})).apiKeySet).toBe(false);

    await store.llmSettings.update(workspaceId, { clearApiKey: true, sendSampleValues: false }, ownerId);
    expect(await store.llmSettings.credentials(workspaceId, defaults)).toMatchObject({
      apiKey: 'env-key',
      sendSampleValues: false,
    });
  });

  it('is re-encrypted by the secrets rotation and cannot be read under another column context', async () => {
    await store.llmSettings.update(workspaceId, { apiKey: 'sk-rotating', model: 'qwen' }, ownerId);
    const rotated = createStore({
      databaseUrl: database.url,
      encryptionKey: keyB,
      previousEncryptionKeys: [keyA],
    });
    try {
      expect(await rotated.rotateSecrets()).toBe(1);
      expect(await rotated.rotateSecrets()).toBe(0);
    } finally {
      await rotated.close();
    }
    const onlyNewKey = createStore({ databaseUrl: database.url, encryptionKey: keyB });
    try {
      expect((await onlyNewKey.llmSettings.credentials(workspaceId, {}))?.apiKey).toBe('sk-rotating');
      // The sealed model key pasted into the Fyno column does not open: each secret has its own context.
      await database.query('update workspace_settings set fyno_api_key_secret = llm_api_key_secret');
      await expect(onlyNewKey.settings.fynoCredentials(workspaceId, {})).rejects.toThrow();
    } finally {
      await onlyNewKey.close();
    }
  });
});
