import type { CredentialReport } from '@connect/core';
import { sql } from 'drizzle-orm';
import {
  check,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { users } from './users';
import { workspaces } from './workspaces';

/** A customer database Connect reads from. */
export const connections = pgTable(
  'connections',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    /** The connector kind: postgres, mysql, mongodb, snowflake. */
    kind: text('kind').notNull(),
    name: text('name').notNull(),
    /** The config fields that are not secret, as the connector's config schema names them. */
    config: jsonb('config').$type<Record<string, unknown>>().notNull(),
    /** The secret fields as one JSON object, encrypted with the secret box; null when there are none. */
    secretsSealed: text('secrets_sealed'),
    /** Bumped on every config change, so cached connection pools for the old config are closed. */
    configVersion: integer('config_version').notNull().default(1),
    status: text('status', { enum: ['ok', 'failing'] })
      .notNull()
      .default('ok'),
    lastTestedAt: timestamp('last_tested_at', { withTimezone: true }),
    lastError: text('last_error'),
    serverVersion: text('server_version'),
    /**
     * What the database user may do beyond reading, checked with the last successful
     * test (no secrets in it); null for connections not checked yet.
     */
    credentialReport: jsonb('credential_report').$type<CredentialReport>(),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    uniqueIndex('connections_workspace_name_key').on(table.workspaceId, sql`lower(${table.name})`),
    index('connections_workspace_idx').on(table.workspaceId),
    check('connections_status_check', sql`${table.status} in ('ok', 'failing')`),
  ],
);
