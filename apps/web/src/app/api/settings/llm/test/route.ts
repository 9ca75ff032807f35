import { AppError, llmDefaultsFromEnv, llmSettingsUpdateSchema } from '@connect/core';
import { testModel } from '@connect/magic-query';
import { sessionRoute } from '@/server/api-route';

/**
 * The "Test" button: one tiny chat completion with the values in the form (blank
 * fields fall back to the saved ones, then .env), so an owner can check a model
 * before saving it. No customer data is sent.
 */
export const POST = sessionRoute(
  'manageSettings',
  { body: llmSettingsUpdateSchema },
  async ({ req, session, body, services }) => {
    const defaults = llmDefaultsFromEnv(services.env);
    const saved = await services.store.llmSettings.view(session.workspaceId, defaults);
    const baseUrl = body.baseUrl || saved.baseUrl;
    const model = body.model || saved.model;
    if (!baseUrl || !model)
      throw new AppError('invalid_input', 'Enter the base URL and the model name first.', {
        fieldErrors: {
          ...(baseUrl ? {} : { baseUrl: 'Enter the base URL' }),
          ...(model ? {} : { model: 'Enter the model name' }),
        },
      });
    const apiKey =
      body.apiKey ||
      (body.clearApiKey
        ? (defaults.apiKey ?? null)
        : await services.store.llmSettings.apiKey(session.workspaceId, defaults));
    return testModel(
      { baseUrl, model, apiKey, timeoutMs: services.env.LLM_TIMEOUT_SECONDS * 1000 },
      { signal: req.signal },
    );
  },
);
