import { z } from 'zod';
import { parseConnectionUrl, withoutPassword, type ConnectionUrl } from '../config/connection-url';
import { formField } from '../config/form-fields';
import { timeoutFields } from '../config/timeouts';

export const mysqlSslModes = ['DISABLED', 'PREFERRED', 'REQUIRED', 'VERIFY_CA', 'VERIFY_IDENTITY'] as const;
export type MysqlSslMode = (typeof mysqlSslModes)[number];

const urlRules = {
  schemes: ['mysql', 'mariadb'],
  defaultPort: 3306,
  allowedParams: ['ssl-mode', 'connect_timeout'],
} as const;

/** Parses a connection string the schema already accepted. */
export function parseMysqlUrl(text: string): ConnectionUrl {
  const parsed = parseConnectionUrl(text, urlRules);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.url;
}

/** The ssl-mode of a connection string (MySQL's names, any case); PREFERRED when absent, like the mysql client. */
export function mysqlSslMode(url: ConnectionUrl): MysqlSslMode {
  return (url.params.get('ssl-mode')?.toUpperCase() ?? 'PREFERRED') as MysqlSslMode;
}

const urlField = z
  .string()
  .trim()
  .min(1, 'Paste the connection string')
  .max(2_000)
  .superRefine((text, ctx) => {
    const parsed = parseConnectionUrl(text, urlRules);
    if (!parsed.ok) return void ctx.addIssue({ code: 'custom', message: parsed.message });
    const mode = parsed.url.params.get('ssl-mode')?.toUpperCase();
    if (mode !== undefined && !(mysqlSslModes as readonly string[]).includes(mode))
      ctx.addIssue({ code: 'custom', message: `ssl-mode must be one of ${mysqlSslModes.join(', ')}.` });
    const timeout = parsed.url.params.get('connect_timeout');
    if (timeout !== undefined && !/^\d{1,4}$/.test(timeout))
      ctx.addIssue({ code: 'custom', message: 'connect_timeout is a number of seconds.' });
    if (!parsed.url.database)
      ctx.addIssue({ code: 'custom', message: 'Add the database name after the host: .../dbname' });
    if (!parsed.url.user)
      ctx.addIssue({ code: 'custom', message: 'Add the user name before the host: mysql://user@host/...' });
  });

/** The "Add database" form for MySQL and MariaDB. */
export const mysqlConfigFields = z.object({
  url: formField(urlField, {
    label: 'Connection string',
    placeholder: 'mysql://reader@db.example.com:3306/app?ssl-mode=REQUIRED',
    help: 'A read-only user is best. Allowed parameters: ssl-mode, connect_timeout.',
  }),
  password: formField(z.string().max(1_000).optional(), {
    label: 'Password',
    secret: true,
    help: 'Stored encrypted. Leave blank if the connection string contains it or none is needed.',
  }),
  caCertificate: formField(z.string().trim().max(50_000).optional(), {
    label: 'CA certificate (PEM)',
    input: 'textarea',
    help: 'Only for ssl-mode=VERIFY_CA or VERIFY_IDENTITY with a private certificate authority.',
  }),
  ...timeoutFields,
});

/** A MySQL/MariaDB config with the password moved out of the connection string (see the PostgreSQL one). */
export const mysqlConfigSchema = mysqlConfigFields.transform((config) => {
  const inUrl = parseMysqlUrl(config.url).password;
  if (inUrl === undefined) return config;
  return { ...config, url: withoutPassword(config.url), password: config.password || inUrl };
});

export type MysqlConfig = z.output<typeof mysqlConfigSchema>;
