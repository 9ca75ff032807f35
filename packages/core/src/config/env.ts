import { z } from 'zod';
import { fynoVersions, type FynoDefaults } from '../fyno/fyno-settings';

/**
 * Validates a process environment once at boot. Each variable's schema carries a
 * human hint (via `.describe`) so a failure names the variable and what it should
 * look like, instead of a stack trace at first use.
 */
export class EnvError extends Error {
  readonly problems: string[];

  constructor(problems: string[]) {
    super(
      `Connect cannot start: the environment is not valid.\n${problems.map((p) => `  - ${p}`).join('\n')}\n` +
        'Set these in .env (see .env.example) or in the process environment.',
    );
    this.name = 'EnvError';
    this.problems = problems;
  }
}

export function parseEnv<Shape extends Record<string, z.ZodType>>(
  shape: Shape,
  source: Record<string, string | undefined>,
): z.infer<z.ZodObject<Shape>> {
  // Empty strings count as unset: `FOO=` in a .env file means "not given".
  const cleaned = Object.fromEntries(
    Object.keys(shape).map((key) => [key, source[key] === '' ? undefined : source[key]]),
  );
  const result = z.object(shape).safeParse(cleaned);
  if (result.success) return result.data;

  const problems = result.error.issues.map((issue) => {
    const name = String(issue.path[0] ?? '(unknown)');
    const hint = describeOf(shape[name]);
    const what = cleaned[name] === undefined ? 'is missing' : 'is not valid';
    return hint ? `${name} ${what}: ${hint}` : `${name} ${what}: ${issue.message}`;
  });
  throw new EnvError([...new Set(problems)]);
}

/** The hint of a schema, looking through wrappers such as `.default()` and `.optional()`. */
function describeOf(schema: unknown): string | undefined {
  let current: unknown = schema;
  while (current instanceof z.ZodType) {
    if (current.description) return current.description;
    const def = current.def as { innerType?: unknown };
    current = def.innerType;
  }
  return undefined;
}

const urlWithProtocols = (protocols: string[]) =>
  z.string().refine((value) => {
    try {
      return protocols.includes(new URL(value).protocol);
    } catch {
      return false;
    }
  });

/** Reusable variable schemas, each with the hint shown when it is wrong. */
export const envVars = {
  databaseUrl: urlWithProtocols(['postgres:', 'postgresql:']).describe(
    'a PostgreSQL connection string such as postgres://connect:password@127.0.0.1:5432/connect',
  ),
  redisUrl: urlWithProtocols(['redis:', 'rediss:']).describe('a Redis URL such as redis://127.0.0.1:6379'),
  encryptionKey: z
    .string()
    .refine(isEncryptionKey)
    .describe('32 random bytes as 64 hex characters or base64, e.g. the output of `openssl rand -hex 32`'),
  previousEncryptionKeys: z
    .string()
    .refine((value) => value.split(',').every((k) => isEncryptionKey(k.trim())))
    .transform((value) => value.split(',').map((key) => key.trim()))
    .optional()
    .describe('a comma-separated list of earlier ENCRYPTION_KEY values (64 hex characters or base64 each)'),
  port: z.coerce.number().int().min(1).max(65535).describe('a TCP port number between 1 and 65535'),
  logLevel: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
    .default('info')
    .describe('one of fatal, error, warn, info, debug, trace, silent'),
  httpUrl: urlWithProtocols(['http:', 'https:']).describe(
    'an http:// or https:// URL such as https://connect.example.com',
  ),
  sessionIdleMinutes: z.coerce
    .number()
    .int()
    .min(5)
    .max(60 * 24 * 30)
    .default(12 * 60)
    .describe('minutes a session may sit unused before it ends: a whole number from 5 to 43200'),
  sessionMaxHours: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 365)
    .default(7 * 24)
    .describe('hours after sign-in when a session ends however active: a whole number from 1 to 8760'),
  queuePrefix: z
    .string()
    .regex(/^[A-Za-z0-9:_-]+$/)
    .default('connect')
    .describe('letters, digits, ":", "_" or "-" (the Redis key prefix for job queues)'),
};

/** The variables every Connect process needs: its database, Redis, keys and logging. */
export const sharedEnvShape = {
  DATABASE_URL: envVars.databaseUrl,
  REDIS_URL: envVars.redisUrl,
  ENCRYPTION_KEY: envVars.encryptionKey,
  ENCRYPTION_KEYS_PREVIOUS: envVars.previousEncryptionKeys,
  QUEUE_PREFIX: envVars.queuePrefix,
  LOG_LEVEL: envVars.logLevel,
};

/** The Fyno values from .env, which apply wherever Settings leaves a field empty. */
export const fynoEnvShape = {
  FYNO_WSID: z.string().trim().optional().describe('your Fyno workspace ID, such as FY12345'),
  FYNO_API_KEY: z.string().trim().optional().describe('an API key from the Fyno dashboard (API Keys page)'),
  FYNO_VERSION: z.enum(fynoVersions).optional().describe('live or test'),
  FYNO_API_BASE: envVars.httpUrl.optional(),
};

export function fynoDefaultsFromEnv(env: {
  FYNO_WSID?: string | undefined;
  FYNO_API_KEY?: string | undefined;
  FYNO_VERSION?: FynoDefaults['version'];
  FYNO_API_BASE?: string | undefined;
}): FynoDefaults {
  return {
    workspaceId: env.FYNO_WSID,
    apiKey: env.FYNO_API_KEY,
    version: env.FYNO_VERSION,
    apiBase: env.FYNO_API_BASE,
  };
}

/** Decodes a key given as 64 hex characters or base64 of exactly 32 bytes. */
export function decodeEncryptionKey(value: string): Buffer | undefined {
  const trimmed = value.trim();
  if (/^[0-9a-fA-F]{64}$/.test(trimmed)) return Buffer.from(trimmed, 'hex');
  if (/^[A-Za-z0-9+/_-]{43}=?$/.test(trimmed)) {
    const bytes = Buffer.from(trimmed, 'base64');
    if (bytes.length === 32) return bytes;
  }
  return undefined;
}

function isEncryptionKey(value: string): boolean {
  return decodeEncryptionKey(value) !== undefined;
}
