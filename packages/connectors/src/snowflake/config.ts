import { z } from 'zod';
import { formField } from '../config/form-fields';
import { timeoutFields } from '../config/timeouts';

/**
 * An account identifier as users paste it: `myorg-myaccount`, a locator with its region
 * (`xy12345.eu-west-1`), or the whole URL from the browser. The URL parts are dropped:
 * the SDK builds `https://<account>.snowflakecomputing.com` itself.
 */
export function normaliseAccount(text: string): string {
  return text
    .trim()
    .replace(/^https?:\/\//i, '')
    .replace(/[/?#].*$/, '')
    .replace(/\.snowflakecomputing\.com$/i, '');
}

const accountField = z
  .string()
  .max(300)
  .transform(normaliseAccount)
  .refine((account) => account.length > 0, 'Enter the account identifier')
  .refine(
    (account) => /^[A-Za-z0-9][A-Za-z0-9_.-]{0,254}$/.test(account),
    'The account identifier has letters, digits, "-", "_" and "." only, e.g. myorg-myaccount or xy12345.eu-west-1',
  );

/**
 * Warehouse, database, schema and role names, as Snowflake resolves them at login:
 * unquoted names are case-insensitive; a name with lower-case letters, spaces or
 * other characters is written in double quotes, exactly as created.
 */
const identifierPattern = /^(?:[A-Za-z_][A-Za-z0-9_$]*|"(?:[^"]|"")+")$/;

function identifierField(what: string) {
  return z
    .string()
    .trim()
    .min(1, `Enter the ${what} name`)
    .max(255)
    .refine(
      (name) => identifierPattern.test(name),
      `Write the ${what} name as in Snowflake; put it in double quotes if it has spaces or other characters, e.g. "My ${what}"`,
    );
}

/** A name that may be left blank (blank means "not given"). */
function optionalIdentifierField(what: string) {
  return z.preprocess(
    (value) => (typeof value === 'string' && value.trim() === '' ? undefined : value),
    identifierField(what).optional(),
  );
}

const blankAsUndefined = (value: unknown) =>
  typeof value === 'string' && value.trim() === '' ? undefined : value;

const privateKeyField = z.preprocess(
  blankAsUndefined,
  z
    .string()
    .trim()
    .max(20_000)
    .refine(
      (pem) =>
        /^-----BEGIN (?:ENCRYPTED |RSA )?PRIVATE KEY-----[\s\S]+-----END (?:ENCRYPTED |RSA )?PRIVATE KEY-----$/.test(
          pem,
        ),
      'Paste the whole private key file, from -----BEGIN PRIVATE KEY----- to -----END PRIVATE KEY-----',
    )
    .optional(),
);

const loopbackHosts = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * An access URL replaces `https://<account>.snowflakecomputing.com` (PrivateLink, a
 * proxy). Plain http is accepted for this machine only: that is a local test server,
 * and anywhere else it would send the password unencrypted.
 */
const accessUrlField = z.preprocess(
  blankAsUndefined,
  z
    .string()
    .trim()
    .max(500)
    .superRefine((text, ctx) => {
      let url: URL;
      try {
        url = new URL(text);
      } catch {
        return void ctx.addIssue({
          code: 'custom',
          message: 'Enter a URL such as https://myorg-myaccount.privatelink.snowflakecomputing.com',
        });
      }
      const loopback = loopbackHosts.has(url.hostname) || /^127\.\d+\.\d+\.\d+$/.test(url.hostname);
      if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback))
        ctx.addIssue({
          code: 'custom',
          message:
            'The access URL must start with https:// (plain http:// only reaches a server on this machine).',
        });
      if (
        url.username ||
        url.password ||
        (url.pathname !== '/' && url.pathname !== '') ||
        url.search ||
        url.hash
      )
        ctx.addIssue({
          code: 'custom',
          message: 'Give only the scheme, host and port, e.g. https://host:443',
        });
    })
    .transform((text) => new URL(text).origin)
    .optional(),
);

/** The "Add database" form for Snowflake; each field carries its label and help. */
export const snowflakeConfigFields = z.object({
  account: formField(accountField, {
    label: 'Account identifier',
    placeholder: 'myorg-myaccount',
    help: 'As in your Snowflake URL, https://<account identifier>.snowflakecomputing.com: orgname-accountname, or the account locator with its region (xy12345.eu-west-1).',
  }),
  username: formField(z.string().trim().min(1, 'Enter the user name').max(256), {
    label: 'User name',
    placeholder: 'CONNECT_READER',
    help: 'A user whose role can only read is best: Connect runs single SELECT statements, but only grants stop anything else.',
  }),
  password: formField(z.string().max(1_000).optional(), {
    label: 'Password',
    secret: true,
    help: 'Stored encrypted. Leave blank to sign in with a key pair.',
  }),
  privateKey: formField(privateKeyField, {
    label: 'Private key (PEM)',
    input: 'textarea',
    secret: true,
    help: 'Key-pair sign-in instead of a password: the private key whose public key is set on the user (ALTER USER ... SET RSA_PUBLIC_KEY). When given, it is used and the password is not.',
  }),
  privateKeyPassphrase: formField(z.string().max(1_000).optional(), {
    label: 'Private key passphrase',
    secret: true,
    help: 'Only for an encrypted private key.',
  }),
  warehouse: formField(identifierField('warehouse'), {
    label: 'Warehouse',
    placeholder: 'COMPUTE_WH',
    help: 'Runs the queries: previews, counts and campaign snapshots use its credits.',
  }),
  database: formField(identifierField('database'), {
    label: 'Database',
    placeholder: 'ANALYTICS',
  }),
  schema: formField(optionalIdentifierField('schema'), {
    label: 'Schema',
    placeholder: 'PUBLIC',
    help: "Optional: list only this schema's tables and views. Raw queries may still name others.",
  }),
  role: formField(optionalIdentifierField('role'), {
    label: 'Role',
    placeholder: 'CONNECT_READER',
    help: "Optional: the user's default role otherwise.",
  }),
  accessUrl: formField(accessUrlField, {
    label: 'Access URL',
    placeholder: 'https://myorg-myaccount.privatelink.snowflakecomputing.com',
    help: 'Optional: only for private connectivity (PrivateLink) or a proxy. Leave blank for https://<account identifier>.snowflakecomputing.com.',
  }),
  ...timeoutFields,
});

/** A Snowflake connection config: a password, or a private key, is required. */
export const snowflakeConfigSchema = snowflakeConfigFields.superRefine((config, ctx) => {
  if (!config.privateKey && !config.password)
    ctx.addIssue({
      code: 'custom',
      path: ['password'],
      message: 'Enter the password, or paste a private key for key-pair sign-in',
    });
});

export type SnowflakeConfig = z.output<typeof snowflakeConfigSchema>;
