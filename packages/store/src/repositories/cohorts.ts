import type { Definition } from '@connect/core';
import { AppError } from '@connect/core';
import { and, asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../db';
import { cohorts } from '../schema/cohorts';
import { connections } from '../schema/connections';
import { isUniqueViolation } from './pg-errors';

export type CohortSource = { schema?: string; name: string } | null;

export interface Cohort {
  id: string;
  connectionId: string;
  name: string;
  source: CohortSource;
  definition: Definition;
  lastCount: number | null;
  lastCountKind: 'exact' | 'estimate' | null;
  lastCountedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface CohortListItem extends Cohort {
  connectionName: string;
  connectionKind: string;
}

const cohortColumns = {
  id: cohorts.id,
  connectionId: cohorts.connectionId,
  name: cohorts.name,
  source: cohorts.source,
  definition: cohorts.definition,
  lastCount: cohorts.lastCount,
  lastCountKind: cohorts.lastCountKind,
  lastCountedAt: cohorts.lastCountedAt,
  createdAt: cohorts.createdAt,
  updatedAt: cohorts.updatedAt,
};

export function cohortsRepository(db: Db) {
  const duplicateName = (name: string) =>
    new AppError('conflict', `A cohort named "${name}" already exists. Choose another name.`, {
      fieldErrors: { name: 'This name is taken' },
    });

  async function withUniqueName<T>(name: string, write: () => Promise<T>): Promise<T> {
    try {
      return await write();
    } catch (error) {
      if (isUniqueViolation(error)) throw duplicateName(name);
      throw error;
    }
  }

  return {
    async list(workspaceId: string): Promise<CohortListItem[]> {
      return db
        .select({ ...cohortColumns, connectionName: connections.name, connectionKind: connections.kind })
        .from(cohorts)
        .innerJoin(connections, eq(connections.id, cohorts.connectionId))
        .where(eq(cohorts.workspaceId, workspaceId))
        .orderBy(asc(sql`lower(${cohorts.name})`));
    },

    async get(workspaceId: string, id: string): Promise<Cohort> {
      const [row] = await db
        .select(cohortColumns)
        .from(cohorts)
        .where(and(eq(cohorts.workspaceId, workspaceId), eq(cohorts.id, id)));
      if (!row) throw new AppError('not_found', 'That cohort does not exist (it may have been deleted).');
      return row;
    },

    /** The cohorts reading from a connection: they block its deletion. */
    async listByConnection(
      workspaceId: string,
      connectionId: string,
    ): Promise<{ id: string; name: string }[]> {
      return db
        .select({ id: cohorts.id, name: cohorts.name })
        .from(cohorts)
        .where(and(eq(cohorts.workspaceId, workspaceId), eq(cohorts.connectionId, connectionId)))
        .orderBy(asc(sql`lower(${cohorts.name})`));
    },

    /** Whether a saved cohort on this connection has exactly this definition (JSON equality). */
    async hasDefinition(workspaceId: string, connectionId: string, definition: Definition): Promise<boolean> {
      const [row] = await db
        .select({ id: cohorts.id })
        .from(cohorts)
        .where(
          and(
            eq(cohorts.workspaceId, workspaceId),
            eq(cohorts.connectionId, connectionId),
            sql`${cohorts.definition} = ${JSON.stringify(definition)}::jsonb`,
          ),
        )
        .limit(1);
      return row !== undefined;
    },

    async create(input: {
      workspaceId: string;
      connectionId: string;
      name: string;
      source: CohortSource;
      definition: Definition;
      createdBy: string;
    }): Promise<Cohort> {
      return withUniqueName(input.name, async () => {
        const [row] = await db.insert(cohorts).values(input).returning(cohortColumns);
        return row!;
      });
    },

    async update(
      workspaceId: string,
      id: string,
      patch: { name?: string; source?: CohortSource; definition?: Definition },
    ): Promise<Cohort> {
      return withUniqueName(patch.name ?? '', async () => {
        const [row] = await db
          .update(cohorts)
          .set({ ...patch, updatedAt: sql`now()` })
          .where(and(eq(cohorts.workspaceId, workspaceId), eq(cohorts.id, id)))
          .returning(cohortColumns);
        if (!row) throw new AppError('not_found', 'That cohort does not exist (it may have been deleted).');
        return row;
      });
    },

    async recordCount(
      workspaceId: string,
      id: string,
      count: { value: number; exact: boolean },
    ): Promise<void> {
      await db
        .update(cohorts)
        .set({
          lastCount: count.value,
          lastCountKind: count.exact ? 'exact' : 'estimate',
          lastCountedAt: sql`now()`,
        })
        .where(and(eq(cohorts.workspaceId, workspaceId), eq(cohorts.id, id)));
    },

    async delete(workspaceId: string, id: string): Promise<void> {
      await db.delete(cohorts).where(and(eq(cohorts.workspaceId, workspaceId), eq(cohorts.id, id)));
    },
  };
}
