import { llmDefaultsFromEnv, llmSettingsUpdateSchema } from '@connect/core';
import { sessionRoute } from '@/server/api-route';

/** The Magic Query model settings, without the API key (only whether one is set). */
export const GET = sessionRoute('read', {}, async ({ session, services }) =>
  services.store.llmSettings.view(session.workspaceId, llmDefaultsFromEnv(services.env)),
);

export const PUT = sessionRoute(
  'manageSettings',
  { body: llmSettingsUpdateSchema },
  async ({ session, body, meta, services }) => {
    const defaults = llmDefaultsFromEnv(services.env);
    const before = await services.store.llmSettings.view(session.workspaceId, defaults);
    await services.store.llmSettings.update(session.workspaceId, body, session.user.id);
    const after = await services.store.llmSettings.view(session.workspaceId, defaults);
    // Name what changed, never the values: the key is a secret and stays out of the log.
    const changed: string[] = (['baseUrl', 'model', 'sendSampleValues'] as const).filter(
      (field) => before[field] !== after[field],
    );
    if (body.apiKey || body.clearApiKey) changed.push('apiKey');
    if (changed.length > 0) {
      await services.store.auditLog.record({
        workspaceId: session.workspaceId,
        actor: session.user,
        action: 'settings.llm_updated',
        details: { changed },
        ip: meta.ip,
      });
    }
    return after;
  },
);
