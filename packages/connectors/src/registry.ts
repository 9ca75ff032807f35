import { AppError } from '@connect/core';
import type { z } from 'zod';
import { formFieldsOf, secretFieldsOf, type FormField } from './config/form-fields';
import type { Connector, ConnectorCapabilities, ConnectorKind } from './connector';
import { mysqlConfigFields, mysqlConfigSchema } from './mysql/config';
import { createMysqlConnector, mysqlCapabilities } from './mysql/mysql-connector';
import { mongodbConfigFields, mongodbConfigSchema } from './mongodb/config';
import { createMongodbConnector, mongodbCapabilities } from './mongodb/mongodb-connector';
import { postgresConfigFields, postgresConfigSchema } from './postgres/config';
import { createPostgresConnector, postgresCapabilities } from './postgres/postgres-connector';
import { snowflakeConfigFields, snowflakeConfigSchema } from './snowflake/config';
import { createSnowflakeConnector, snowflakeCapabilities } from './snowflake/snowflake-connector';

export interface OpenConnectorOptions {
  /** Pool size per connector. */
  maxConnections?: number;
}

/** Everything the app needs to know about one kind of database, as data. */
export interface ConnectorKindInfo {
  kind: ConnectorKind;
  /** For people: "PostgreSQL". */
  label: string;
  /** Validates and normalises a config (moves a password out of a pasted connection string). */
  configSchema: z.ZodType;
  /** The "Add database" form, in order, with labels, placeholders, help and which fields are secret. */
  form: FormField[];
  /** Config keys the store must encrypt and never send back to the browser. */
  secretFields: string[];
  capabilities: ConnectorCapabilities;
  /** Returns a new connector for an already validated config; nothing is shared between connectors. */
  create(config: unknown, options?: OpenConnectorOptions): Connector;
}

export const connectorKinds: Record<ConnectorKind, ConnectorKindInfo> = {
  postgres: {
    kind: 'postgres',
    label: 'PostgreSQL',
    configSchema: postgresConfigSchema,
    form: formFieldsOf(postgresConfigFields),
    secretFields: secretFieldsOf(postgresConfigFields),
    capabilities: postgresCapabilities,
    create: (config, options) =>
      createPostgresConnector(config as z.output<typeof postgresConfigSchema>, options),
  },
  mysql: {
    kind: 'mysql',
    label: 'MySQL / MariaDB',
    configSchema: mysqlConfigSchema,
    form: formFieldsOf(mysqlConfigFields),
    secretFields: secretFieldsOf(mysqlConfigFields),
    capabilities: mysqlCapabilities,
    create: (config, options) => createMysqlConnector(config as z.output<typeof mysqlConfigSchema>, options),
  },
  mongodb: {
    kind: 'mongodb',
    label: 'MongoDB',
    configSchema: mongodbConfigSchema,
    form: formFieldsOf(mongodbConfigFields),
    secretFields: secretFieldsOf(mongodbConfigFields),
    capabilities: mongodbCapabilities,
    create: (config, options) =>
      createMongodbConnector(config as z.output<typeof mongodbConfigSchema>, options),
  },
  snowflake: {
    kind: 'snowflake',
    label: 'Snowflake',
    configSchema: snowflakeConfigSchema,
    form: formFieldsOf(snowflakeConfigFields),
    secretFields: secretFieldsOf(snowflakeConfigFields),
    capabilities: snowflakeCapabilities,
    // One Snowflake session serves concurrent statements: there is no pool to size.
    create: (config) => createSnowflakeConnector(config as z.output<typeof snowflakeConfigSchema>),
  },
};

export function isConnectorKind(kind: string): kind is ConnectorKind {
  return Object.hasOwn(connectorKinds, kind);
}

function kindInfo(kind: string): ConnectorKindInfo {
  if (!isConnectorKind(kind))
    throw new AppError(
      'invalid_input',
      `Unknown kind of database "${kind.slice(0, 40)}". Choose one of: ${Object.keys(connectorKinds).join(', ')}.`,
    );
  return connectorKinds[kind];
}

/**
 * Validates a connection config for a kind and returns it normalised, ready to store
 * (secrets still in it: encrypt the `secretFields`). Problems come back as one
 * `invalid_input` error whose `fieldErrors` are keyed by form field.
 */
export function parseConnectorConfig(kind: string, input: unknown): Record<string, unknown> {
  const parsed = kindInfo(kind).configSchema.safeParse(input);
  if (parsed.success) return parsed.data as Record<string, unknown>;
  const fieldErrors: Record<string, string> = {};
  for (const issue of parsed.error.issues) fieldErrors[issue.path.join('.') || 'config'] ??= issue.message;
  const first = parsed.error.issues[0];
  throw new AppError('invalid_input', first?.message ?? 'The connection settings are not valid.', {
    fieldErrors,
  });
}

/**
 * A new connector for a connection: validates the config, then calls the kind's
 * factory. Nothing connects until the first call. Close it when done, or get it
 * from a {@link ConnectorCache} that does so.
 */
export function openConnector(kind: string, config: unknown, options: OpenConnectorOptions = {}): Connector {
  return kindInfo(kind).create(parseConnectorConfig(kind, config), options);
}
