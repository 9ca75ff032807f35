import { z } from 'zod';

export const fynoVersions = ['live', 'test'] as const;
export type FynoVersion = (typeof fynoVersions)[number];

export const defaultFynoApiBase = 'https://api.fyno.io/v1';

/** Fyno workspace ids look like `FY` followed by letters and digits. */
export const fynoWorkspaceIdSchema = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9]{4,64}$/, 'A Fyno workspace ID is letters and digits, such as FY12345');

export const fynoApiBaseSchema = z
  .string()
  .trim()
  .refine((value) => {
    try {
      const url = new URL(value);
      return url.protocol === 'https:' || url.protocol === 'http:';
    } catch {
      return false;
    }
  }, 'The API base URL must be an http:// or https:// URL, such as https://api.fyno.io/v1');

/**
 * What the Settings form sends. The API key is write-only: omitted or empty means
 * "keep the stored key"; `clearApiKey` removes it so the .env value applies again.
 */
export const fynoSettingsUpdateSchema = z.object({
  workspaceId: fynoWorkspaceIdSchema.or(z.literal('')).optional(),
  apiKey: z.string().trim().max(512).optional(),
  clearApiKey: z.boolean().optional(),
  version: z.enum(fynoVersions).optional(),
  apiBase: fynoApiBaseSchema.or(z.literal('')).optional(),
});
export type FynoSettingsUpdate = z.infer<typeof fynoSettingsUpdateSchema>;

/** Where an effective setting comes from, so the UI can say "from .env". */
export type SettingSource = 'settings' | 'env' | 'default' | 'unset';

/** The Fyno settings as the browser may see them: never the key itself. */
export interface FynoSettingsView {
  workspaceId: string | null;
  workspaceIdSource: SettingSource;
  apiKeySet: boolean;
  apiKeySource: SettingSource;
  version: FynoVersion;
  versionSource: SettingSource;
  apiBase: string;
  apiBaseSource: SettingSource;
}

/** The values from the environment that apply where Settings leaves a field empty. */
export interface FynoDefaults {
  workspaceId?: string | undefined;
  apiKey?: string | undefined;
  version?: FynoVersion | undefined;
  apiBase?: string | undefined;
}
