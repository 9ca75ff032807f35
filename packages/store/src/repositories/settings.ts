import { eq, sql } from 'drizzle-orm';
import {
  defaultFynoApiBase,
  type FynoDefaults,
  type FynoSettingsUpdate,
  type FynoSettingsView,
  type FynoVersion,
  type SettingSource,
} from '@connect/core';
import type { SecretBox } from '../crypto/secret-box';
import type { Db } from '../db';
import { workspaceSettings } from '../schema/workspace-settings';

/** Everything needed to call Fyno, including the decrypted key: server-side only. */
export interface FynoCredentials {
  workspaceId: string | null;
  apiKey: string | null;
  version: FynoVersion;
  apiBase: string;
}

const apiKeyContext = (workspaceId: string) => `workspace_settings.fyno_api_key:${workspaceId}`;

export function settingsRepository(db: Db, secretBox: SecretBox) {
  async function row(workspaceId: string) {
    const [found] = await db
      .select()
      .from(workspaceSettings)
      .where(eq(workspaceSettings.workspaceId, workspaceId));
    return found;
  }

  return {
    async fynoView(workspaceId: string, defaults: FynoDefaults): Promise<FynoSettingsView> {
      const stored = await row(workspaceId);
      const wsid = pick(stored?.fynoWorkspaceId, defaults.workspaceId);
      const key = pick(stored?.fynoApiKeySecret, defaults.apiKey);
      const version = pick(stored?.fynoVersion, defaults.version, 'live');
      const apiBase = pick(stored?.fynoApiBase, defaults.apiBase, defaultFynoApiBase);
      return {
        workspaceId: wsid.value,
        workspaceIdSource: wsid.source,
        apiKeySet: key.value !== null,
        apiKeySource: key.source,
        version: version.value,
        versionSource: version.source,
        apiBase: apiBase.value,
        apiBaseSource: apiBase.source,
      };
    },

    async fynoCredentials(workspaceId: string, defaults: FynoDefaults): Promise<FynoCredentials> {
      const stored = await row(workspaceId);
      const sealedKey = stored?.fynoApiKeySecret;
      return {
        workspaceId: pick(stored?.fynoWorkspaceId, defaults.workspaceId).value,
        apiKey: sealedKey
          ? secretBox.decrypt(sealedKey, apiKeyContext(workspaceId))
          : (defaults.apiKey ?? null),
        version: pick(stored?.fynoVersion, defaults.version, 'live').value,
        apiBase: pick(stored?.fynoApiBase, defaults.apiBase, defaultFynoApiBase).value,
      };
    },

    /** Applies a Settings form: empty text clears a field back to its .env value. */
    async updateFyno(workspaceId: string, update: FynoSettingsUpdate, userId: string): Promise<void> {
      const patch: Partial<typeof workspaceSettings.$inferInsert> = {};
      if (update.workspaceId !== undefined) patch.fynoWorkspaceId = update.workspaceId || null;
      if (update.version !== undefined) patch.fynoVersion = update.version;
      if (update.apiBase !== undefined) patch.fynoApiBase = update.apiBase || null;
      if (update.clearApiKey) patch.fynoApiKeySecret = null;
      else if (update.apiKey) {
        patch.fynoApiKeySecret = secretBox.encrypt(update.apiKey, apiKeyContext(workspaceId));
      }
      await db
        .insert(workspaceSettings)
        .values({ workspaceId, ...patch, updatedBy: userId })
        .onConflictDoUpdate({
          target: workspaceSettings.workspaceId,
          set: { ...patch, updatedBy: userId, updatedAt: sql`now()` },
        });
    },

    /** Re-encrypts stored secrets sealed with an older key; returns how many changed. */
    async rotateSecrets(): Promise<number> {
      const rows = await db.select().from(workspaceSettings);
      let rotated = 0;
      for (const stored of rows) {
        const sealed = stored.fynoApiKeySecret;
        if (!sealed || !secretBox.needsRotation(sealed)) continue;
        const context = apiKeyContext(stored.workspaceId);
        await db
          .update(workspaceSettings)
          .set({ fynoApiKeySecret: secretBox.encrypt(secretBox.decrypt(sealed, context), context) })
          .where(eq(workspaceSettings.workspaceId, stored.workspaceId));
        rotated += 1;
      }
      return rotated;
    },
  };
}

function pick<T extends string>(
  stored: T | null | undefined,
  fromEnv: T | undefined,
): { value: T | null; source: SettingSource };
function pick<T extends string>(
  stored: T | null | undefined,
  fromEnv: T | undefined,
  fallback: T,
): { value: T; source: SettingSource };
function pick<T extends string>(stored: T | null | undefined, fromEnv: T | undefined, fallback?: T) {
  if (stored) return { value: stored, source: 'settings' as const };
  if (fromEnv) return { value: fromEnv, source: 'env' as const };
  if (fallback !== undefined) return { value: fallback, source: 'default' as const };
  return { value: null, source: 'unset' as const };
}
