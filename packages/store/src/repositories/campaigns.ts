import { AppError, type CampaignSettings } from '@connect/core';
import { and, asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../db';
import { campaigns } from '../schema/campaigns';
import { cohorts } from '../schema/cohorts';
import { isUniqueViolation } from './pg-errors';

export type CampaignRow = typeof campaigns.$inferSelect;

export interface CampaignListItem extends CampaignRow {
  cohortName: string;
}

export function campaignsRepository(db: Db) {
  async function write<T>(name: string, work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (isUniqueViolation(error)) {
        throw new AppError('conflict', `A campaign named "${name}" already exists. Choose another name.`, {
          fieldErrors: { name: 'This name is taken' },
        });
      }
      throw error;
    }
  }

  return {
    async list(workspaceId: string): Promise<CampaignListItem[]> {
      const rows = await db
        .select({ campaign: campaigns, cohortName: cohorts.name })
        .from(campaigns)
        .innerJoin(cohorts, eq(cohorts.id, campaigns.cohortId))
        .where(eq(campaigns.workspaceId, workspaceId))
        .orderBy(asc(sql`lower(${campaigns.name})`));
      return rows.map((row) => ({ ...row.campaign, cohortName: row.cohortName }));
    },

    async get(workspaceId: string, id: string): Promise<CampaignRow> {
      const [row] = await db
        .select()
        .from(campaigns)
        .where(and(eq(campaigns.workspaceId, workspaceId), eq(campaigns.id, id)));
      if (!row) throw new AppError('not_found', 'That campaign does not exist (it may have been deleted).');
      return row;
    },

    /** The campaigns sending to a cohort: they block its deletion. */
    async listByCohort(workspaceId: string, cohortId: string): Promise<{ id: string; name: string }[]> {
      return db
        .select({ id: campaigns.id, name: campaigns.name })
        .from(campaigns)
        .where(and(eq(campaigns.workspaceId, workspaceId), eq(campaigns.cohortId, cohortId)))
        .orderBy(asc(sql`lower(${campaigns.name})`));
    },

    async create(workspaceId: string, input: CampaignSettings, createdBy: string): Promise<CampaignRow> {
      return write(input.name, async () => {
        const [row] = await db
          .insert(campaigns)
          .values({
            workspaceId,
            name: input.name,
            type: input.type,
            cohortId: input.cohortId,
            mapping: input.mapping,
            rateLimitPerSecond: input.rateLimitPerSecond,
            errorPolicy: input.errorPolicy,
            schedule: input.schedule,
            createdBy,
          })
          .returning();
        return row!;
      });
    },

    async update(workspaceId: string, id: string, input: CampaignSettings): Promise<CampaignRow> {
      return write(input.name, async () => {
        const [row] = await db
          .update(campaigns)
          .set({
            name: input.name,
            type: input.type,
            cohortId: input.cohortId,
            mapping: input.mapping,
            rateLimitPerSecond: input.rateLimitPerSecond,
            errorPolicy: input.errorPolicy,
            schedule: input.schedule,
            updatedAt: sql`now()`,
          })
          .where(and(eq(campaigns.workspaceId, workspaceId), eq(campaigns.id, id)))
          .returning();
        if (!row) throw new AppError('not_found', 'That campaign does not exist (it may have been deleted).');
        return row;
      });
    },

    async setStatus(workspaceId: string, id: string, status: CampaignRow['status']): Promise<CampaignRow> {
      const [row] = await db
        .update(campaigns)
        .set({ status, updatedAt: sql`now()` })
        .where(and(eq(campaigns.workspaceId, workspaceId), eq(campaigns.id, id)))
        .returning();
      if (!row) throw new AppError('not_found', 'That campaign does not exist (it may have been deleted).');
      return row;
    },

    /** Every active campaign with a schedule, in any workspace: the worker keeps a tick queued for each. */
    async listScheduledActive(): Promise<CampaignRow[]> {
      return db
        .select()
        .from(campaigns)
        .where(
          and(
            eq(campaigns.status, 'active'),
            // A JSON null is no schedule either, whichever way a null was written.
            sql`coalesce(jsonb_typeof(${campaigns.schedule}), 'null') <> 'null'`,
          ),
        )
        .orderBy(asc(campaigns.createdAt));
    },

    /** For the worker, which only receives ids it scheduled itself. */
    async find(id: string): Promise<CampaignRow | undefined> {
      const [row] = await db.select().from(campaigns).where(eq(campaigns.id, id));
      return row;
    },

    async delete(workspaceId: string, id: string): Promise<void> {
      await db.delete(campaigns).where(and(eq(campaigns.workspaceId, workspaceId), eq(campaigns.id, id)));
    },
  };
}
