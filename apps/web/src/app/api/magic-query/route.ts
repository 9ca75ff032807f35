import { sourceRefSchema } from '@connect/connectors';
import { can, llmDefaultsFromEnv } from '@connect/core';
import { generateQuery, isMagicQueryError, MagicQueryError, maxPromptLength } from '@connect/magic-query';
import { z } from 'zod';
import { sessionRoute } from '@/server/api-route';
import { idParam } from '@/server/id-param';
import { withCustomerConnector } from '@connect/cohorts';

const bodySchema = z.object({
  connectionId: z.string().max(100),
  /** The table or collection the user is on; absent for a prompt about the whole database. */
  source: sourceRefSchema.optional(),
  prompt: z
    .string()
    .trim()
    .min(1, 'Describe the people you want, in plain English')
    .max(maxPromptLength, `Keep the request under ${maxPromptLength} characters`),
  /** The browser's IANA time zone, so "today" and "this week" mean the user's. */
  timeZone: z.string().max(100).optional(),
});

/**
 * Magic Query: a plain-English request in, a checked filter or read-only query out,
 * ready to show in the builder or editor and run. A read (viewers may use it, as
 * they may preview, and get filters only: raw queries are an editor's right); cancelling the fetch cancels the model call. The prompt is
 * never logged: it and any sample values stay between the user and the model.
 */
export const POST = sessionRoute(
  'read',
  { body: bodySchema },
  async ({ req, session, body, logger, services }) => {
    const model = await services.store.llmSettings.credentials(
      session.workspaceId,
      llmDefaultsFromEnv(services.env),
    );
    if (!model)
      throw new MagicQueryError(
        'not_configured',
        'No AI model is set up for Magic Query yet. An owner can set one under Settings → Magic Query.',
      );
    const started = performance.now();
    const outcome = (result: string, extra: Record<string, unknown> = {}) =>
      logger.info(
        { magicQuery: { outcome: result, ms: Math.round(performance.now() - started), ...extra } },
        'magic query',
      );
    try {
      const result = await withCustomerConnector(
        services,
        session.workspaceId,
        idParam(body.connectionId, 'database connection'),
        (connector) =>
          generateQuery({
            prompt: body.prompt,
            connector,
            source: body.source,
            model,
            sendSampleValues: model.sendSampleValues,
            timeZone: body.timeZone,
            signal: req.signal,
            timeoutMs: services.env.LLM_TIMEOUT_SECONDS * 1000,
            // Viewers may not run raw queries, so they get filters or nothing.
            filtersOnly: !can(session.user.role, 'runRawQueries'),
          }),
      );
      outcome('ok', {
        attempts: result.attempts,
        answer: result.definition.type,
        structuredOutputs: result.structuredOutputs,
      });
      return result;
    } catch (error) {
      outcome(req.signal.aborted ? 'cancelled' : isMagicQueryError(error) ? error.reason : 'error');
      throw error;
    }
  },
);
