import { sql } from 'drizzle-orm';
import {
  check,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import { campaignRuns } from './campaign-runs';

export const recipientStatuses = ['pending', 'sent', 'failed', 'invalid', 'duplicate'] as const;

/**
 * A run's membership record: every cohort row the snapshot read, in order. Batches
 * name seq ranges; a retried batch skips rows already marked sent. Payloads are
 * nulled after the retention period; statuses stay.
 *
 * Only the primary key is indexed, and the table leaves room on each page
 * (fillfactor 70, set in the migration): marking a row sent then rewrites it in place
 * (a heap-only update) instead of adding index entries for every recipient.
 */
export const runRecipients = pgTable(
  'run_recipients',
  {
    runId: uuid('run_id')
      .notNull()
      .references(() => campaignRuns.id, { onDelete: 'cascade' }),
    // No foreign key: the run's row already ties it to its workspace, and this table
    // takes a million inserts per run.
    workspaceId: uuid('workspace_id').notNull(),
    seq: integer('seq').notNull(),
    status: text('status', { enum: recipientStatuses }).notNull(),
    /** The Fyno batch item: { to, data, distinct_id }. */
    payload: jsonb('payload').$type<Record<string, unknown> | null>(),
    /** Normalised destinations; equal keys within a run are duplicates. */
    dedupeKey: text('dedupe_key'),
    /** Why the row was not sent, or why sending failed. */
    reason: text('reason'),
    /** For a row left out: the values refused, by channel, e.g. { "sms": "9876500001" }. */
    rejected: jsonb('rejected').$type<Record<string, string> | null>(),
    requestId: text('request_id'),
    attempts: smallint('attempts').notNull().default(0),
    updatedAt: timestamp('updated_at', { withTimezone: true }),
  },
  (table) => [
    primaryKey({ columns: [table.runId, table.seq] }),
    // Batches read their pending rows through this, and "nothing pending" is how a run knows it is done.
    index('run_recipients_pending_idx')
      .on(table.runId, table.seq)
      .where(sql`${table.status} = 'pending'`),
    check(
      'run_recipients_status_check',
      sql`${table.status} in ('pending', 'sent', 'failed', 'invalid', 'duplicate')`,
    ),
  ],
);
