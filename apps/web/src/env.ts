import { envVars, fynoEnvShape, llmEnvShape, parseEnv, phoneEnvShape, sharedEnvShape } from '@connect/core';
import { z } from 'zod';
import { defaultTrustedProxies, parseTrustedProxies } from './server/trusted-proxies';

export const webEnvShape = {
  ...sharedEnvShape,
  SESSION_IDLE_MINUTES: envVars.sessionIdleMinutes,
  SESSION_MAX_HOURS: envVars.sessionMaxHours,
  APP_URL: envVars.httpUrl
    .optional()
    .describe(
      'the address people use to reach Connect, such as https://connect.example.com (cookies are Secure when it starts with https)',
    ),
  TRUSTED_PROXIES: z
    .string()
    .default(defaultTrustedProxies)
    .transform((list, context) => {
      try {
        return parseTrustedProxies(list);
      } catch (error) {
        context.addIssue({ code: 'custom', message: (error as Error).message });
        return z.NEVER;
      }
    })
    .describe(
      'comma-separated IP addresses or CIDR ranges (IPv4 or IPv6) of the reverse proxies in front of Connect, whose X-Forwarded-For and X-Forwarded-Proto are believed, such as 127.0.0.1,::1 (the default: Caddy on this machine) or 10.0.0.0/8',
    ),
  ...fynoEnvShape,
  ...llmEnvShape,
  ...phoneEnvShape,
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
