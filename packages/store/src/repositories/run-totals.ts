import { sql } from 'drizzle-orm';
import type { Db } from '../db';
import { runStatuses } from '@connect/core';
import type { RunStatus } from './campaign-runs';

/** Campaign activity of the whole installation, as operators watch it. */
export interface RunTotals {
  /** Runs in each status; every status is present, zero when there is none. */
  runs: Record<RunStatus, number>;
  /** Recipients Fyno accepted, over every run on record. */
  recipientsSent: number;
  /** Recipients that failed for good, over every run on record. */
  recipientsFailed: number;
}

/** Installation-wide counts read from the run ledger's counters (not per workspace). */
export function runTotalsRepository(db: Db) {
  return {
    /**
     * One grouped scan of `campaign_runs` (one row per run, not per recipient), cheap
     * enough for every metrics scrape.
     */
    async read(): Promise<RunTotals> {
      const result = await db.execute<{ status: RunStatus; runs: string; sent: string; failed: string }>(sql`
        select status, count(*) as runs, coalesce(sum(sent), 0) as sent, coalesce(sum(failed), 0) as failed
        from campaign_runs group by status`);
      const runs = Object.fromEntries(runStatuses.map((status) => [status, 0])) as Record<RunStatus, number>;
      let recipientsSent = 0;
      let recipientsFailed = 0;
      for (const row of result.rows) {
        runs[row.status] = Number(row.runs);
        recipientsSent += Number(row.sent);
        recipientsFailed += Number(row.failed);
      }
      return { runs, recipientsSent, recipientsFailed };
    },
  };
}
