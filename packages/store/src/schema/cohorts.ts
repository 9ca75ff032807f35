import type { Definition } from '@connect/core';
import { sql } from 'drizzle-orm';
import { bigint, index, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { connections } from './connections';
import { users } from './users';
import { workspaces } from './workspaces';

/**
 * A saved segment: a source on a connection and a definition (filter or raw query).
 * It is evaluated afresh at every campaign run, never frozen.
 */
export const cohorts = pgTable(
  'cohorts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    // A connection in use by a cohort cannot be deleted out from under it.
    connectionId: uuid('connection_id')
      .notNull()
      .references(() => connections.id, { onDelete: 'restrict' }),
    name: text('name').notNull(),
    /** The table, view or collection ({ schema?, name }); null for a raw query that names its own. */
    source: jsonb('source').$type<{ schema?: string; name: string } | null>(),
    definition: jsonb('definition').$type<Definition>().notNull(),
    /** Size at the last count, for the cohort list; the live size is counted on demand. */
    lastCount: bigint('last_count', { mode: 'number' }),
    lastCountKind: text('last_count_kind', { enum: ['exact', 'estimate'] }),
    lastCountedAt: timestamp('last_counted_at', { withTimezone: true }),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    uniqueIndex('cohorts_workspace_name_key').on(table.workspaceId, sql`lower(${table.name})`),
    index('cohorts_connection_idx').on(table.connectionId),
  ],
);
