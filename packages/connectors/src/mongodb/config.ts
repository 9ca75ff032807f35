import { ConnectionString } from 'mongodb-connection-string-url';
import { z } from 'zod';
import { formField } from '../config/form-fields';
import { timeoutFields } from '../config/timeouts';

/**
 * Connection-string options a pasted `mongodb://` string may carry, by lower-case
 * name (MongoDB option names are case-insensitive). Anything else is refused, so a
 * string cannot switch on driver features we did not choose: options that read
 * files from this server's disk (`tlsCAFile`, `tlsCertificateKeyFile`, ...), proxies,
 * or authentication mechanisms that need extra packages or certificates.
 */
const allowedOptions = new Map(
  [
    'authSource',
    'authMechanism',
    'tls',
    'ssl',
    'tlsAllowInvalidCertificates',
    'tlsAllowInvalidHostnames',
    'tlsInsecure',
    'replicaSet',
    'directConnection',
    'loadBalanced',
    'readPreference',
    'readPreferenceTags',
    'maxStalenessSeconds',
    'readConcernLevel',
    'retryReads',
    'retryWrites',
    'w',
    'journal',
    'appName',
    'connectTimeoutMS',
    'serverSelectionTimeoutMS',
    'socketTimeoutMS',
    'heartbeatFrequencyMS',
    'localThresholdMS',
    'maxIdleTimeMS',
    'compressors',
    'zlibCompressionLevel',
    'srvServiceName',
    'srvMaxHosts',
  ].map((name) => [name.toLowerCase(), name]),
);

/** Password-based mechanisms that need nothing but the driver. */
const allowedMechanisms = ['DEFAULT', 'SCRAM-SHA-1', 'SCRAM-SHA-256', 'PLAIN'];

/** What a stored MongoDB connection string holds, parsed. */
export interface MongoUrl {
  /** `host:port` entries as written (one for `mongodb+srv://`). */
  hosts: string[];
  srv: boolean;
  user: string | undefined;
  password: string | undefined;
  /** The database in the path, if any. */
  database: string | undefined;
  /** Options by their canonical name. */
  options: Map<string, string>;
}

const example = 'mongodb://reader@db.example.com:27017/app';

/** Characters MongoDB does not allow in database names. */
const badDatabaseCharacters = /[/\\. "$*<>:|?]/;

/** Why a database name cannot be used, or undefined when it is fine. */
export function databaseNameProblem(name: string): string | undefined {
  if (badDatabaseCharacters.test(name) || name.includes('\u0000'))
    return `The database name "${name.slice(0, 64)}" contains a character MongoDB does not allow (/ \\ . space " $ * < > : | ?).`;
  if (Buffer.byteLength(name) > 63) return 'A MongoDB database name is at most 63 bytes long.';
  return undefined;
}

type ParsedUrl = { ok: true; url: MongoUrl } | { ok: false; message: string };

/** Parses and checks a connection string as a user pasted it. */
export function parseMongoUrl(text: string): ParsedUrl {
  if (!/^mongodb(\+srv)?:\/\//i.test(text))
    return {
      ok: false,
      message: `Start the connection string with mongodb:// or mongodb+srv://, e.g. ${example}`,
    };
  let parsed: ConnectionString;
  try {
    parsed = new ConnectionString(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message.replace(/\.$/, '') : 'it could not be read';
    return {
      ok: false,
      message: `This is not a valid MongoDB connection string (${reason}); it should look like ${example}`,
    };
  }
  const options = new Map<string, string>();
  for (const [key, value] of parsed.searchParams) {
    const name = allowedOptions.get(key.toLowerCase());
    if (!name)
      return {
        ok: false,
        message: `The option "${key.slice(0, 40)}" is not supported; allowed: ${[...allowedOptions.values()].join(', ')}.`,
      };
    options.set(name, value);
  }
  const mechanism = options.get('authMechanism');
  if (mechanism !== undefined && !allowedMechanisms.includes(mechanism.toUpperCase()))
    return {
      ok: false,
      message: `authMechanism must be one of ${allowedMechanisms.join(', ')}: Connect signs in with a user name and password.`,
    };
  const compressors = options.get('compressors');
  if (compressors !== undefined && compressors.split(',').some((name) => name.trim() !== 'zlib'))
    return {
      ok: false,
      message: 'Only the zlib compressor is available: use compressors=zlib or leave it out.',
    };
  try {
    const path = decodeURIComponent(parsed.pathname.replace(/^\//, ''));
    return {
      ok: true,
      url: {
        hosts: parsed.hosts,
        srv: parsed.isSRV,
        user: parsed.username === '' ? undefined : decodeURIComponent(parsed.username),
        password: parsed.password === '' ? undefined : decodeURIComponent(parsed.password),
        database: path === '' ? undefined : path,
        options,
      },
    };
  } catch {
    return { ok: false, message: 'The connection string has a badly encoded part (check any % signs).' };
  }
}

/** Parses a connection string the schema already accepted. */
export function mongoUrlOf(text: string): MongoUrl {
  const parsed = parseMongoUrl(text);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.url;
}

/** The same connection string without its password, for storing as a non-secret field. */
export function withoutMongoPassword(text: string): string {
  const parsed = new ConnectionString(text);
  parsed.password = '';
  return parsed.toString();
}

const urlField = z
  .string()
  .trim()
  .min(1, 'Paste the connection string')
  .max(4_000)
  .superRefine((text, ctx) => {
    const parsed = parseMongoUrl(text);
    if (!parsed.ok) return void ctx.addIssue({ code: 'custom', message: parsed.message });
    const problem = parsed.url.database && databaseNameProblem(parsed.url.database);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

const databaseField = z
  .string()
  .trim()
  .max(200)
  .optional()
  .transform((name) => name || undefined)
  .superRefine((name, ctx) => {
    const problem = name && databaseNameProblem(name);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

/** The "Add database" form for MongoDB; each field carries its label and help. */
export const mongodbConfigFields = z.object({
  url: formField(urlField, {
    label: 'Connection string',
    placeholder: 'mongodb+srv://reader@cluster0.example.mongodb.net/app',
    help: 'mongodb:// or mongodb+srv://, as your provider shows it. A user with the read role is best.',
  }),
  database: formField(databaseField, {
    label: 'Database',
    placeholder: 'app',
    help: 'Leave blank to use the database named in the connection string.',
  }),
  password: formField(z.string().max(1_000).optional(), {
    label: 'Password',
    secret: true,
    help: 'Stored encrypted. Leave blank if the connection string contains it or none is needed.',
  }),
  caCertificate: formField(z.string().trim().max(50_000).optional(), {
    label: 'CA certificate (PEM)',
    input: 'textarea',
    help: 'Only with tls=true and a private certificate authority.',
  }),
  sampleSize: formField(z.coerce.number().int().min(10).max(100_000).default(1_000), {
    label: 'Documents sampled per collection',
    input: 'number',
    help: 'Fields and their types are found by reading this many random documents.',
  }),
  ...timeoutFields,
});

/**
 * A MongoDB connection config: a database is named in the connection string or in
 * the form, and the password lives only in the (secret) password field; a password
 * pasted inside the connection string is moved there.
 */
export const mongodbConfigSchema = mongodbConfigFields
  .superRefine((config, ctx) => {
    const parsed = parseMongoUrl(config.url);
    if (parsed.ok && !parsed.url.database && !config.database)
      ctx.addIssue({
        code: 'custom',
        path: ['database'],
        message: `Choose a database, or add its name after the host: ${example}`,
      });
  })
  .transform((config) => {
    const inUrl = mongoUrlOf(config.url).password;
    if (inUrl === undefined) return config;
    return { ...config, url: withoutMongoPassword(config.url), password: config.password || inUrl };
  });

export type MongodbConfig = z.output<typeof mongodbConfigSchema>;

/** The database a connector reads: the form's choice, else the one in the connection string. */
export function databaseOf(config: MongodbConfig): string {
  return config.database ?? mongoUrlOf(config.url).database!;
}
