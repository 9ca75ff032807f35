import type { CampaignMapping, CampaignType, ErrorPolicy, ScheduleSpec } from '@connect/core';
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
import { cohorts } from './cohorts';
import { users } from './users';
import { workspaces } from './workspaces';

export const campaignStatuses = ['active', 'paused', 'completed'] as const;

/** A cohort, a Fyno event and how each row maps to the event's recipients and data. */
export const campaigns = pgTable(
  'campaigns',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    type: text('type').$type<CampaignType>().notNull(),
    // A cohort in use by a campaign cannot be deleted out from under it.
    cohortId: uuid('cohort_id')
      .notNull()
      .references(() => cohorts.id, { onDelete: 'restrict' }),
    mapping: jsonb('mapping').$type<CampaignMapping>().notNull(),
    rateLimitPerSecond: integer('rate_limit_per_second'),
    errorPolicy: jsonb('error_policy').$type<ErrorPolicy>().notNull(),
    /** The schedule spec for recurring or later sends; null means "run now" only. */
    schedule: jsonb('schedule').$type<ScheduleSpec | null>(),
    status: text('status', { enum: campaignStatuses }).notNull().default('active'),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    uniqueIndex('campaigns_workspace_name_key').on(table.workspaceId, sql`lower(${table.name})`),
    index('campaigns_cohort_idx').on(table.cohortId),
    check('campaigns_status_check', sql`${table.status} in ('active', 'paused', 'completed')`),
  ],
);
