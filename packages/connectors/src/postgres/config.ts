import { z } from 'zod';
import { parseConnectionUrl, withoutPassword, type ConnectionUrl } from '../config/connection-url';
import { formField } from '../config/form-fields';
import { timeoutFields } from '../config/timeouts';

export const postgresSslModes = ['disable', 'prefer', 'require', 'verify-ca', 'verify-full'] as const;
export type PostgresSslMode = (typeof postgresSslModes)[number];

const urlRules = {
  schemes: ['postgres', 'postgresql'],
  defaultPort: 5432,
  allowedParams: ['sslmode', 'application_name', 'connect_timeout'],
} as const;

/** Parses a connection string the schema already accepted. */
export function parsePostgresUrl(text: string): ConnectionUrl {
  const parsed = parseConnectionUrl(text, urlRules);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.url;
}

const urlField = z
  .string()
  .trim()
  .min(1, 'Paste the connection string')
  .max(2_000)
  .superRefine((text, ctx) => {
    const parsed = parseConnectionUrl(text, urlRules);
    if (!parsed.ok) return void ctx.addIssue({ code: 'custom', message: parsed.message });
    const mode = parsed.url.params.get('sslmode');
    if (mode !== undefined && !(postgresSslModes as readonly string[]).includes(mode))
      ctx.addIssue({ code: 'custom', message: `sslmode must be one of ${postgresSslModes.join(', ')}.` });
    const timeout = parsed.url.params.get('connect_timeout');
    if (timeout !== undefined && !/^\d{1,4}$/.test(timeout))
      ctx.addIssue({ code: 'custom', message: 'connect_timeout is a number of seconds.' });
    if (!parsed.url.database)
      ctx.addIssue({ code: 'custom', message: 'Add the database name after the host: .../dbname' });
    if (!parsed.url.user)
      ctx.addIssue({
        code: 'custom',
        message: 'Add the user name before the host: postgresql://user@host/...',
      });
  });

/** The "Add database" form for PostgreSQL; each field carries its label and help. */
export const postgresConfigFields = z.object({
  url: formField(urlField, {
    label: 'Connection string',
    placeholder: 'postgresql://reader@db.example.com:5432/app?sslmode=require',
    help: 'A read-only user is best. Allowed parameters: sslmode, application_name, connect_timeout.',
  }),
  password: formField(z.string().max(1_000).optional(), {
    label: 'Password',
    secret: true,
    help: 'Stored encrypted. Leave blank if the connection string contains it or none is needed.',
  }),
  caCertificate: formField(z.string().trim().max(50_000).optional(), {
    label: 'CA certificate (PEM)',
    input: 'textarea',
    help: 'Only for sslmode=verify-ca or verify-full with a private certificate authority.',
  }),
  ...timeoutFields,
});

/**
 * A PostgreSQL connection config, normalised so the password lives only in the
 * (secret) password field: a password pasted inside the connection string is moved
 * there, and the stored string carries none.
 */
export const postgresConfigSchema = postgresConfigFields.transform((config) => {
  const inUrl = parsePostgresUrl(config.url).password;
  if (inUrl === undefined) return config;
  return { ...config, url: withoutPassword(config.url), password: config.password || inUrl };
});

export type PostgresConfig = z.output<typeof postgresConfigSchema>;
