import { phoneDefaultsFromEnv, phoneSettingsUpdateSchema } from '@connect/core';
import { sessionRoute } from '@/server/api-route';

/** The workspace's default country for phone numbers written without a country code. */
export const GET = sessionRoute('read', {}, async ({ session, services }) =>
  services.store.phoneSettings.view(session.workspaceId, phoneDefaultsFromEnv(services.env)),
);

export const PUT = sessionRoute(
  'manageSettings',
  { body: phoneSettingsUpdateSchema },
  async ({ session, body, meta, services }) => {
    const defaults = phoneDefaultsFromEnv(services.env);
    const before = await services.store.phoneSettings.view(session.workspaceId, defaults);
    await services.store.phoneSettings.update(session.workspaceId, body, session.user.id);
    const after = await services.store.phoneSettings.view(session.workspaceId, defaults);
    if (
      before.defaultCountry !== after.defaultCountry ||
      before.defaultCountrySource !== after.defaultCountrySource
    ) {
      await services.store.auditLog.record({
        workspaceId: session.workspaceId,
        actor: session.user,
        action: 'settings.phone_updated',
        details: { defaultCountry: after.defaultCountry, source: after.defaultCountrySource },
        ip: meta.ip,
      });
    }
    return after;
  },
);
