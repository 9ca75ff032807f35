import type { FynoChannel } from '@connect/core';
import { pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { workspaces } from './workspaces';

/** Connect's list of Fyno notification events (Fyno has no API that lists them). */
export const eventCatalog = pgTable(
  'event_catalog',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    /** The event name exactly as in Fyno (case-sensitive there). */
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
    channels: text('channels').array().$type<FynoChannel[]>().notNull(),
    placeholders: text('placeholders').array().notNull().default([]),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [uniqueIndex('event_catalog_workspace_name_key').on(table.workspaceId, table.name)],
);
