import {
  type PhoneCountry,
  phoneCountrySchema,
  type PhoneSettingsUpdate,
  type PhoneSettingsView,
} from '@connect/core';
import { eq, sql } from 'drizzle-orm';
import type { Db } from '../db';
import { workspaceSettings } from '../schema/workspace-settings';

/** The phone number settings of a workspace, with the .env fallback. */
export function phoneSettingsRepository(db: Db) {
  async function stored(workspaceId: string): Promise<PhoneCountry | null> {
    const [found] = await db
      .select({ country: workspaceSettings.defaultPhoneCountry })
      .from(workspaceSettings)
      .where(eq(workspaceSettings.workspaceId, workspaceId));
    // A value that no longer parses (libphonenumber dropped a country) counts as unset.
    const parsed = phoneCountrySchema.safeParse(found?.country ?? '');
    return parsed.success ? parsed.data : null;
  }

  return {
    /** What Settings shows: the country in force and where it comes from. */
    async view(
      workspaceId: string,
      defaults: { defaultCountry?: PhoneCountry | undefined },
    ): Promise<PhoneSettingsView> {
      const country = await stored(workspaceId);
      if (country) return { defaultCountry: country, defaultCountrySource: 'settings' };
      if (defaults.defaultCountry)
        return { defaultCountry: defaults.defaultCountry, defaultCountrySource: 'env' };
      return { defaultCountry: null, defaultCountrySource: 'unset' };
    },

    /** Applies the Settings form: an empty country clears it back to the .env value. */
    async update(workspaceId: string, update: PhoneSettingsUpdate, userId: string): Promise<void> {
      const patch = { defaultPhoneCountry: update.defaultCountry || null };
      await db
        .insert(workspaceSettings)
        .values({ workspaceId, ...patch, updatedBy: userId })
        .onConflictDoUpdate({
          target: workspaceSettings.workspaceId,
          set: { ...patch, updatedBy: userId, updatedAt: sql`now()` },
        });
    },
  };
}
