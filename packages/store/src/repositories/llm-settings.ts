import type {
  LlmCredentials,
  LlmDefaults,
  LlmSettingsUpdate,
  LlmSettingsView,
  SettingSource,
} from '@connect/core';
import { eq, sql } from 'drizzle-orm';
import type { SecretBox } from '../crypto/secret-box';
import type { Db } from '../db';
import { workspaceSettings } from '../schema/workspace-settings';

// Its own AAD context: a sealed Fyno key copied into this column would not decrypt.
const apiKeyContext = (workspaceId: string) => `workspace_settings.llm_api_key:${workspaceId}`;

/** A stored value wins; otherwise the .env value; otherwise nothing. */
function pick(stored: string | null | undefined, fromEnv: string | undefined) {
  if (stored) return { value: stored, source: 'settings' as SettingSource };
  if (fromEnv) return { value: fromEnv, source: 'env' as SettingSource };
  return { value: null, source: 'unset' as SettingSource };
}

/** The Magic Query model settings of a workspace, with .env fallbacks. */
export function llmSettingsRepository(db: Db, secretBox: SecretBox) {
  async function row(workspaceId: string) {
    const [found] = await db
      .select({
        baseUrl: workspaceSettings.llmBaseUrl,
        model: workspaceSettings.llmModel,
        apiKeySecret: workspaceSettings.llmApiKeySecret,
        sendSampleValues: workspaceSettings.llmSendSampleValues,
      })
      .from(workspaceSettings)
      .where(eq(workspaceSettings.workspaceId, workspaceId));
    return found;
  }

  return {
    /** What the Settings page shows: never the key, only whether one is set and where from. */
    async view(workspaceId: string, defaults: LlmDefaults): Promise<LlmSettingsView> {
      const stored = await row(workspaceId);
      const baseUrl = pick(stored?.baseUrl, defaults.baseUrl);
      const model = pick(stored?.model, defaults.model);
      const key = pick(stored?.apiKeySecret, defaults.apiKey);
      return {
        baseUrl: baseUrl.value,
        baseUrlSource: baseUrl.source,
        model: model.value,
        modelSource: model.source,
        apiKeySet: key.value !== null,
        apiKeySource: key.source,
        sendSampleValues: stored?.sendSampleValues ?? false,
        configured: baseUrl.value !== null && model.value !== null,
      };
    },

    /**
     * The effective settings with the decrypted key (server-side only), or null when
     * no model is configured. `sendSampleValues` is the admin switch.
     */
    async credentials(
      workspaceId: string,
      defaults: LlmDefaults,
    ): Promise<(LlmCredentials & { sendSampleValues: boolean }) | null> {
      const stored = await row(workspaceId);
      const baseUrl = pick(stored?.baseUrl, defaults.baseUrl).value;
      const model = pick(stored?.model, defaults.model).value;
      if (baseUrl === null || model === null) return null;
      const sealed = stored?.apiKeySecret;
      return {
        baseUrl,
        model,
        apiKey: sealed ? secretBox.decrypt(sealed, apiKeyContext(workspaceId)) : (defaults.apiKey ?? null),
        sendSampleValues: stored?.sendSampleValues ?? false,
      };
    },

    /** The effective API key alone (Settings, else .env): the "Test" button tries unsaved values with it. */
    async apiKey(workspaceId: string, defaults: LlmDefaults): Promise<string | null> {
      const sealed = (await row(workspaceId))?.apiKeySecret;
      return sealed ? secretBox.decrypt(sealed, apiKeyContext(workspaceId)) : (defaults.apiKey ?? null);
    },

    /** Applies a Settings form: empty text clears a field back to its .env value. */
    async update(workspaceId: string, update: LlmSettingsUpdate, userId: string): Promise<void> {
      const patch: Partial<typeof workspaceSettings.$inferInsert> = {};
      if (update.baseUrl !== undefined) patch.llmBaseUrl = update.baseUrl || null;
      if (update.model !== undefined) patch.llmModel = update.model || null;
      if (update.sendSampleValues !== undefined) patch.llmSendSampleValues = update.sendSampleValues;
      if (update.clearApiKey) patch.llmApiKeySecret = null;
      else if (update.apiKey)
        patch.llmApiKeySecret = secretBox.encrypt(update.apiKey, apiKeyContext(workspaceId));
      await db
        .insert(workspaceSettings)
        .values({ workspaceId, ...patch, updatedBy: userId })
        .onConflictDoUpdate({
          target: workspaceSettings.workspaceId,
          set: { ...patch, updatedBy: userId, updatedAt: sql`now()` },
        });
    },

    /** Re-encrypts model API keys sealed with an older key; returns how many changed. */
    async rotateSecrets(): Promise<number> {
      const rows = await db
        .select({ workspaceId: workspaceSettings.workspaceId, sealed: workspaceSettings.llmApiKeySecret })
        .from(workspaceSettings);
      let rotated = 0;
      for (const { workspaceId, sealed } of rows) {
        if (!sealed || !secretBox.needsRotation(sealed)) continue;
        const context = apiKeyContext(workspaceId);
        await db
          .update(workspaceSettings)
          .set({ llmApiKeySecret: secretBox.encrypt(secretBox.decrypt(sealed, context), context) })
          .where(eq(workspaceSettings.workspaceId, workspaceId));
        rotated += 1;
      }
      return rotated;
    },
  };
}
