import { fynoSettingsUpdateSchema } from '@connect/core';
import { sessionRoute } from '@/server/api-route';
import { fynoDefaultsFromEnv } from '@connect/core';

/** The Fyno settings, without the API key (only whether one is set). */
export const GET = sessionRoute('read', {}, async ({ session, services }) =>
  services.store.settings.fynoView(session.workspaceId, fynoDefaultsFromEnv(services.env)),
);

export const PUT = sessionRoute(
  'manageSettings',
  { body: fynoSettingsUpdateSchema },
  async ({ session, body, meta, services }) => {
    const defaults = fynoDefaultsFromEnv(services.env);
    const before = await services.store.settings.fynoView(session.workspaceId, defaults);
    await services.store.settings.updateFyno(session.workspaceId, body, session.user.id);
    const after = await services.store.settings.fynoView(session.workspaceId, defaults);
    // Name what changed, never the values: the key is a secret and stays out of the log.
    const changed: string[] = (['workspaceId', 'version', 'apiBase'] as const).filter(
      (field) => before[field] !== after[field],
    );
    if (body.apiKey || body.clearApiKey) changed.push('apiKey');
    if (changed.length > 0) {
      await services.store.auditLog.record({
        workspaceId: session.workspaceId,
        actor: session.user,
        action: 'settings.fyno_updated',
        details: { changed },
        ip: meta.ip,
      });
    }
    return after;
  },
);
