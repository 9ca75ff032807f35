import { runStatuses } from '@connect/core';
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
    /** Why rows were left out, e.g. { "no email; sms number has no country code": 12 } (see leaveOutReason). */
    invalidReasons: jsonb('invalid_reasons').$type<Record<string, number>>().notNull().default({}),
    /** Calls to Fyno that were retried (rate limits, server errors, network). */
    retries: integer('retries').notNull().default(0),
    batchesTotal: integer('batches_total').notNull().default(0),
    /** Recipients per batch job when the snapshot was recorded: batch n holds seqs (n-1)*size+1 to n*size. */
    batchSize: integer('batch_size').notNull().default(1000),
    failureReason: text('failure_reason'),
    requestedBy: uuid('requested_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    startedAt: timestamp('started_at', { withTimezone: true }),
    snapshotAt: timestamp('snapshot_at', { withTimezone: true }),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
    /**
     * Bumped whenever the run's work is queued anew (a retry, a resume, the sweeper), so
     * the new jobs' ids differ from the ones that finished or died.
     */
    jobGeneration: integer('job_generation').notNull().default(0),
    /**
     * Where a snapshot being taken has got to: the last row written (`seq`) and its
     * primary key (`after`), so a snapshot whose worker died continues from there.
     */
    snapshotCursor: jsonb('snapshot_cursor').$type<{ seq: number; after: Record<string, string | number> }>(),
    /** Last time the run moved: a transition, a snapshot chunk written, a batch's results. */
    lastActivityAt: timestamp('last_activity_at', { withTimezone: true }).notNull().defaultNow(),
    /** When recipient payloads were purged after the retention period (counts stay). */
    purgedAt: timestamp('purged_at', { withTimezone: true }),
  },
  (table) => [
    uniqueIndex('campaign_runs_occurrence_key').on(table.campaignId, table.occurrence),
    index('campaign_runs_campaign_created_idx').on(table.campaignId, table.createdAt),
    index('campaign_runs_workspace_status_idx').on(table.workspaceId, table.status),
    check(
      'campaign_runs_status_check',
      sql`${table.status} in (${sql.raw(runStatuses.map((status) => `'${status}'`).join(', '))})`,
    ),
  ],
);
