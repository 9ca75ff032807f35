import { envVars, fynoEnvShape, llmEnvShape, parseEnv, sharedEnvShape } from '@connect/core';
import { z } from 'zod';

export const webEnvShape = {
  ...sharedEnvShape,
  SESSION_IDLE_MINUTES: envVars.sessionIdleMinutes,
  SESSION_MAX_HOURS: envVars.sessionMaxHours,
  APP_URL: envVars.httpUrl
    .optional()
    .describe(
      'the address people use to reach Connect, such as https://connect.example.com (cookies are Secure when it starts with https)',
    ),
  ...fynoEnvShape,
  ...llmEnvShape,
  METRICS_TOKEN: z
    .string()
    .trim()
    .min(32)
    .optional()
    .describe(
      'the token Prometheus sends (Authorization: Bearer) to read /metrics: at least 32 characters, e.g. `openssl rand -hex 32`; leave empty to turn /metrics off',
    ),
};

export type WebEnv = ReturnType<typeof loadWebEnv>;

/** Reads and checks the web app's environment; called once at server start. */
export function loadWebEnv(source: Record<string, string | undefined>) {
  return parseEnv(webEnvShape, source);
}
