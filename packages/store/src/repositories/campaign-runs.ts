import { AppError } from '@connect/core';
import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../db';
import { liveRunStatuses, type RunStatus } from '@connect/core';
import { campaignRuns } from '../schema/campaign-runs';

export type CampaignRun = typeof campaignRuns.$inferSelect;
export type { RunStatus };

/** What one chunk of a snapshot added: rows read, rows left out and why. */
export interface SnapshotChunkCounts {
  rowsRead: number;
  invalid: number;
  invalidReasons: Record<string, number>;
}

export function campaignRunsRepository(db: Db) {
  return {
    /**
     * Creates the run for one occurrence of a campaign, or returns the one that
     * already exists: the unique (campaign, occurrence) key makes a double-fired
     * schedule or a double-clicked "run now" start one run, not two.
     */
    async createForOccurrence(input: {
      workspaceId: string;
      campaignId: string;
      occurrence: string;
      trigger: 'manual' | 'schedule';
      settings: Record<string, unknown>;
      requestedBy: string | null;
    }): Promise<{ run: CampaignRun; created: boolean }> {
      const [inserted] = await db.insert(campaignRuns).values(input).onConflictDoNothing().returning();
      if (inserted) return { run: inserted, created: true };
      const [existing] = await db
        .select()
        .from(campaignRuns)
        .where(
          and(eq(campaignRuns.campaignId, input.campaignId), eq(campaignRuns.occurrence, input.occurrence)),
        );
      return { run: existing!, created: false };
    },

    async get(workspaceId: string, id: string): Promise<CampaignRun> {
      const [row] = await db
        .select()
        .from(campaignRuns)
        .where(and(eq(campaignRuns.workspaceId, workspaceId), eq(campaignRuns.id, id)));
      if (!row) throw new AppError('not_found', 'That run does not exist.');
      return row;
    },

    /** For the worker, which only ever receives ids it enqueued itself. */
    async find(id: string): Promise<CampaignRun | undefined> {
      const [row] = await db.select().from(campaignRuns).where(eq(campaignRuns.id, id));
      return row;
    },

    async listByCampaign(workspaceId: string, campaignId: string, limit = 50): Promise<CampaignRun[]> {
      return db
        .select()
        .from(campaignRuns)
        .where(and(eq(campaignRuns.workspaceId, workspaceId), eq(campaignRuns.campaignId, campaignId)))
        .orderBy(desc(campaignRuns.createdAt))
        .limit(limit);
    },

    /** The runs of a campaign that are not finished. */
    async liveForCampaign(workspaceId: string, campaignId: string): Promise<CampaignRun[]> {
      return db
        .select()
        .from(campaignRuns)
        .where(
          and(
            eq(campaignRuns.workspaceId, workspaceId),
            eq(campaignRuns.campaignId, campaignId),
            inArray(campaignRuns.status, [...liveRunStatuses]),
          ),
        );
    },

    /**
     * Moves a run from one of `from` to `to`; returns false when it was in no such
     * status (someone else moved it first). Finishing statuses stamp finished_at.
     */
    async transition(
      id: string,
      from: RunStatus[],
      to: RunStatus,
      extra: { failureReason?: string } = {},
    ): Promise<boolean> {
      const finishing = to === 'completed' || to === 'failed' || to === 'cancelled';
      const rows = await db
        .update(campaignRuns)
        .set({
          status: to,
          lastActivityAt: sql`now()`,
          // A run brought back to life (a retry) is not finished any more, nor failed.
          finishedAt: finishing ? sql`now()` : null,
          failureReason: finishing ? (extra.failureReason ?? sql`${campaignRuns.failureReason}`) : null,
          ...(to === 'snapshotting' ? { startedAt: sql`coalesce(${campaignRuns.startedAt}, now())` } : {}),
        })
        .where(and(eq(campaignRuns.id, id), inArray(campaignRuns.status, from)))
        .returning({ id: campaignRuns.id });
      return rows.length === 1;
    },

    /** Scheduled runs of a campaign by outcome: how many completed, and how many are under way. */
    async scheduledRunCounts(campaignId: string): Promise<{ completed: number; live: number }> {
      const result = await db.execute<{ completed: string; live: string }>(sql`
        select count(*) filter (where status = 'completed') as completed,
               count(*) filter (where status in (${sql.raw(liveRunStatuses.map((status) => `'${status}'`).join(', '))})) as live
        from campaign_runs where campaign_id = ${campaignId} and trigger = 'schedule'`);
      const row = result.rows[0]!;
      return { completed: Number(row.completed), live: Number(row.live) };
    },

    /**
     * Records one snapshot chunk: where the snapshot has got to (null when its source
     * cannot continue) and the chunk's rows read and left out, added to the run's
     * counters in the same statement, so the run page's counters move while the
     * cohort is read and always agree with the cursor a continued snapshot starts
     * from. Also tells the sweeper the run is moving. The counts are recomputed from
     * the ledger when the snapshot is recorded.
     */
    async recordSnapshotChunk(
      id: string,
      cursor: { seq: number; after: Record<string, string | number> } | null,
      counts: SnapshotChunkCounts,
    ): Promise<void> {
      await db.execute(sql`
        update campaign_runs
        set snapshot_cursor = ${cursor === null ? null : JSON.stringify(cursor)}::jsonb,
            rows_read = rows_read + ${counts.rowsRead},
            invalid = invalid + ${counts.invalid},
            invalid_reasons = (
              select coalesce(jsonb_object_agg(reason, n), '{}'::jsonb) from (
                select reason, sum(n)::bigint as n from (
                  select key as reason, value::bigint as n from jsonb_each_text(invalid_reasons)
                  union all
                  select key, value::bigint from jsonb_each_text(${JSON.stringify(counts.invalidReasons)}::jsonb)
                ) merged group by reason) summed),
            last_activity_at = now()
        where id = ${id}`);
    },

    /** Starts a new generation of the run's jobs; returns its number. */
    async bumpGeneration(id: string): Promise<number> {
      const [row] = await db
        .update(campaignRuns)
        .set({ jobGeneration: sql`${campaignRuns.jobGeneration} + 1`, lastActivityAt: sql`now()` })
        .where(eq(campaignRuns.id, id))
        .returning({ generation: campaignRuns.jobGeneration });
      return row?.generation ?? 0;
    },

    /**
     * Runs that should be moving (queued, snapshotting, sending) but have not moved for
     * `idleMs`: the sweeper's candidates. Paused runs wait for a person, so they are not.
     */
    async quietLiveRuns(idleMs: number): Promise<CampaignRun[]> {
      return db
        .select()
        .from(campaignRuns)
        .where(
          and(
            inArray(campaignRuns.status, ['queued', 'snapshotting', 'sending']),
            sql`${campaignRuns.lastActivityAt} < now() - make_interval(secs => ${idleMs / 1000})`,
          ),
        );
    },

    async addRetries(id: string, count: number): Promise<void> {
      await db
        .update(campaignRuns)
        .set({ retries: sql`${campaignRuns.retries} + ${count}` })
        .where(eq(campaignRuns.id, id));
    },
  };
}
