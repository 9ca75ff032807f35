import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { sql } from 'drizzle-orm';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { Db } from '../db';

/** One array parameter (drizzle would otherwise spread a JS array into a list of parameters). */
const asArray = (values: unknown[]) => sql.param(values);

/** One cohort row as the snapshot recorded it. */
export interface SnapshotRecipient {
  seq: number;
  status: 'pending' | 'invalid';
  payload: Record<string, unknown> | null;
  dedupeKey: string | null;
  reason: string | null;
  /** For a row left out: the values refused, by channel. */
  rejected?: Record<string, string> | null;
}

export interface PendingRecipient {
  seq: number;
  payload: Record<string, unknown>;
}

export interface RecipientResult {
  seq: number;
  status: 'sent' | 'failed';
  requestId?: string | null;
  reason?: string | null;
}

export interface SnapshotSummary {
  recipients: number;
  duplicates: number;
  invalid: number;
  maxSeq: number;
  batchesTotal: number;
}

export interface RecipientRecord {
  seq: number;
  status: string;
  payload: Record<string, unknown> | null;
  reason: string | null;
  /** For a row left out: the values refused, by channel, e.g. { sms: "9876500001" }. */
  rejected: Record<string, string> | null;
  requestId: string | null;
  attempts: number;
}

/**
 * The ledger of a campaign run: who is in it and what happened to each. Bulk work
 * goes through `unnest` so a thousand rows are one statement, and every status
 * change updates the run's counters in the same transaction, so counts always
 * match the rows.
 */
export function runRecipientsRepository(db: Db, pool: pg.Pool) {
  return {
    /** Forgets a half-written snapshot so it can be taken again (nothing was sent from it). */
    async clear(runId: string): Promise<void> {
      await db.execute(sql`delete from run_recipients where run_id = ${runId}`);
      await db.execute(sql`
        update campaign_runs set snapshot_cursor = null, rows_read = 0, invalid = 0, invalid_reasons = '{}'::jsonb
        where id = ${runId}`);
    },

    /** Drops the rows after `seq` (written after the snapshot's last recorded cursor). */
    async truncateAfter(runId: string, seq: number): Promise<void> {
      await db.execute(sql`delete from run_recipients where run_id = ${runId} and seq > ${seq}`);
    },

    /** Writes snapshot rows with COPY: several times faster than INSERT for a million-row cohort. */
    async append(runId: string, workspaceId: string, rows: SnapshotRecipient[]): Promise<void> {
      if (rows.length === 0) return;
      const client = await pool.connect();
      try {
        const copy = client.query(
          copyFrom(
            'copy run_recipients (run_id, workspace_id, seq, status, payload, dedupe_key, reason, rejected) from stdin',
          ),
        );
        const lines = rows.map(
          (row) =>
            `${runId}\t${workspaceId}\t${row.seq}\t${row.status}\t${copyText(row.payload === null ? null : JSON.stringify(row.payload))}\t${copyText(row.dedupeKey)}\t${copyText(row.reason)}\t${copyText(row.rejected ? JSON.stringify(row.rejected) : null)}\n`,
        );
        await pipeline(Readable.from([lines.join('')]), copy);
      } finally {
        client.release();
      }
    },

    /**
     * Ends a snapshot: marks every repeat of a destination as a duplicate of its
     * first row (in the database, so memory stays flat however big the cohort),
     * stores the counts and the number of batches, and moves the run to sending.
     */
    async finishSnapshot(
      runId: string,
      input: { rowsRead: number; batchSize: number },
    ): Promise<SnapshotSummary> {
      return db.transaction(async (tx) => {
        await tx.execute(sql`
          update run_recipients r
          set status = 'duplicate', reason = 'duplicate of row ' || d.first_seq
          from (
            select seq, first_value(seq) over (partition by dedupe_key order by seq) as first_seq
            from run_recipients
            where run_id = ${runId} and status = 'pending'
          ) d
          where r.run_id = ${runId} and r.seq = d.seq and d.seq <> d.first_seq`);
        const counted = await tx.execute<{
          recipients: string;
          duplicates: string;
          invalid: string;
          max_seq: string | null;
        }>(sql`
          select count(*) filter (where status = 'pending') as recipients,
                 count(*) filter (where status = 'duplicate') as duplicates,
                 count(*) filter (where status = 'invalid') as invalid,
                 max(seq) as max_seq
          from run_recipients where run_id = ${runId}`);
        const row = counted.rows[0]!;
        const maxSeq = Number(row.max_seq ?? 0);
        const summary: SnapshotSummary = {
          recipients: Number(row.recipients),
          duplicates: Number(row.duplicates),
          invalid: Number(row.invalid),
          maxSeq,
          batchesTotal: Math.ceil(maxSeq / input.batchSize),
        };
        // Reasons counted from the ledger, so a snapshot continued after a crash counts them all.
        await tx.execute(sql`
          update campaign_runs
          set rows_read = ${input.rowsRead}, recipients = ${summary.recipients}, duplicates = ${summary.duplicates},
              invalid = ${summary.invalid}, snapshot_cursor = null,
              invalid_reasons = coalesce((
                select jsonb_object_agg(reason, n) from (
                  select reason, count(*) as n from run_recipients
                  where run_id = ${runId} and status = 'invalid' group by reason) counted), '{}'::jsonb),
              batches_total = ${summary.batchesTotal}, batch_size = ${input.batchSize}, snapshot_at = now(),
              last_activity_at = now()
          where id = ${runId}`);
        return summary;
      });
    },

    /** The rows of a batch that still wait to be sent, in order. */
    async pendingInRange(runId: string, fromSeq: number, toSeq: number): Promise<PendingRecipient[]> {
      const result = await db.execute<{ seq: number; payload: Record<string, unknown> }>(sql`
        select seq, payload from run_recipients
        where run_id = ${runId} and status = 'pending' and seq between ${fromSeq} and ${toSeq}
        order by seq`);
      return result.rows;
    },

    /**
     * Records what Fyno did with some recipients. Only rows still pending change, so
     * a retried batch that reports the same rows again counts nothing twice; the
     * run's sent and failed counters move by exactly the rows that changed.
     */
    async recordResults(
      runId: string,
      results: RecipientResult[],
    ): Promise<{ sent: number; failed: number }> {
      if (results.length === 0) return { sent: 0, failed: 0 };
      const result = await db.execute<{ sent: string; failed: string }>(sql`
        with changed as (
          update run_recipients r
          set status = v.status, request_id = v.request_id, reason = v.reason,
              attempts = r.attempts + 1, updated_at = now()
          from unnest(
            ${asArray(results.map((r) => r.seq))}::int[],
            ${asArray(results.map((r) => r.status))}::text[],
            ${asArray(results.map((r) => r.requestId ?? null))}::text[],
            ${asArray(results.map((r) => r.reason ?? null))}::text[]
          ) as v(seq, status, request_id, reason)
          -- The seq bounds keep the plan on the primary key: without them the
          -- planner may hash-join the whole run for every batch.
          where r.run_id = ${runId} and r.seq between ${Math.min(...results.map((r) => r.seq))} and ${Math.max(...results.map((r) => r.seq))}
            and r.seq = v.seq and r.status = 'pending'
          returning v.status
        ),
        totals as (
          select count(*) filter (where status = 'sent') as sent,
                 count(*) filter (where status = 'failed') as failed
          from changed
        ),
        bump as (
          update campaign_runs c set sent = c.sent + t.sent, failed = c.failed + t.failed, last_activity_at = now()
          from totals t where c.id = ${runId}
        )
        select sent, failed from totals`);
      const row = result.rows[0]!;
      return { sent: Number(row.sent), failed: Number(row.failed) };
    },

    /** Whether any recipient still waits: the run's counters move with every status change, so no scan is needed. */
    async hasPending(runId: string): Promise<boolean> {
      const result = await db.execute<{ pending: boolean }>(sql`
        select (sent + failed < recipients) as pending from campaign_runs where id = ${runId}`);
      return result.rows[0]?.pending ?? false;
    },

    /** Failed, invalid and duplicate rows of a run, for the failures table and its CSV export. */
    async problems(runId: string, page: { afterSeq?: number; limit: number }): Promise<RecipientRecord[]> {
      const result = await db.execute<{
        seq: number;
        status: string;
        payload: Record<string, unknown> | null;
        reason: string | null;
        rejected: Record<string, string> | null;
        request_id: string | null;
        attempts: number;
      }>(sql`
        select seq, status, payload, reason, rejected, request_id, attempts from run_recipients
        where run_id = ${runId} and status in ('failed', 'invalid', 'duplicate') and seq > ${page.afterSeq ?? 0}
        order by seq limit ${page.limit}`);
      return result.rows.map((r) => ({
        seq: r.seq,
        status: r.status,
        payload: r.payload,
        reason: r.reason,
        rejected: r.rejected,
        requestId: r.request_id,
        attempts: r.attempts,
      }));
    },

    /** Drops the personal data of finished runs older than the cutoff; statuses and counts stay. */
    async purgePayloads(finishedBefore: Date): Promise<number> {
      return db.transaction(async (tx) => {
        const runs = await tx.execute<{ id: string }>(sql`
          update campaign_runs set purged_at = now()
          where purged_at is null and finished_at < ${finishedBefore.toISOString()}::timestamptz
          returning id`);
        const ids = runs.rows.map((r) => r.id);
        if (ids.length === 0) return 0;
        await tx.execute(sql`
          update run_recipients set payload = null, dedupe_key = null, rejected = null
          where run_id = any(${asArray(ids)}::uuid[])`);
        return ids.length;
      });
    },
  };
}

/** A value in COPY's text format: \N for null; backslash and the separators escaped. */
function copyText(value: string | null): string {
  if (value === null) return '\\N';
  return value.replace(/[\\\t\n\r]/g, (char) => copyEscapes[char]!);
}

const copyEscapes: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };
