import { sql } from 'drizzle-orm';
import {
  bigint,
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
import { campaigns } from './campaigns';
import { users } from './users';
import { workspaces } from './workspaces';

export const runStatuses = [
  'queued',
  'snapshotting',
  'sending',
  'paused',
  'completed',
  'failed',
  'cancelled',
] as const;

/**
 * One occurrence of a campaign. The (campaign, occurrence) pair is unique, so a
 * schedule that fires twice for the same slot cannot start two runs.
 */
export const campaignRuns = pgTable(
  'campaign_runs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    campaignId: uuid('campaign_id')
      .notNull()
      .references(() => campaigns.id, { onDelete: 'cascade' }),
    /** "manual:<uuid>" for run-now, the slot's ISO time for scheduled runs. */
    occurrence: text('occurrence').notNull(),
    trigger: text('trigger', { enum: ['manual', 'schedule'] }).notNull(),
    status: text('status', { enum: runStatuses }).notNull().default('queued'),
    /** The campaign's mapping, event and limits as they were when the run started. */
    settings: jsonb('settings').$type<Record<string, unknown>>().notNull(),
    rowsRead: bigint('rows_read', { mode: 'number' }).notNull().default(0),
    recipients: bigint('recipients', { mode: 'number' }).notNull().default(0),
    sent: bigint('sent', { mode: 'number' }).notNull().default(0),
    failed: bigint('failed', { mode: 'number' }).notNull().default(0),
    invalid: bigint('invalid', { mode: 'number' }).notNull().default(0),
    duplicates: bigint('duplicates', { mode: 'number' }).notNull().default(0),
    /** Why rows were left out, e.g. { "no email": 12, "invalid phone number": 3 }. */
    invalidReasons: jsonb('invalid_reasons').$type<Record<string, number>>().notNull().default({}),
    /** Calls to Fyno that were retried (rate limits, server errors, network). */
    retries: integer('retries').notNull().default(0),
    batchesTotal: integer('batches_total').notNull().default(0),
    failureReason: text('failure_reason'),
    requestedBy: uuid('requested_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    startedAt: timestamp('started_at', { withTimezone: true }),
    snapshotAt: timestamp('snapshot_at', { withTimezone: true }),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
    /** When recipient payloads were purged after the retention period (counts stay). */
    purgedAt: timestamp('purged_at', { withTimezone: true }),
  },
  (table) => [
    uniqueIndex('campaign_runs_occurrence_key').on(table.campaignId, table.occurrence),
    index('campaign_runs_campaign_created_idx').on(table.campaignId, table.createdAt),
    index('campaign_runs_workspace_status_idx').on(table.workspaceId, table.status),
    check(
      'campaign_runs_status_check',
      sql`${table.status} in ('queued', 'snapshotting', 'sending', 'paused', 'completed', 'failed', 'cancelled')`,
    ),
  ],
);
