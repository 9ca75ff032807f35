import { asc, eq, isNull, sql } from 'drizzle-orm';
import type { Db } from '../db';
import { workspaces } from '../schema/workspaces';

export type Workspace = typeof workspaces.$inferSelect;

export function workspacesRepository(db: Db) {
  return {
    /** The workspace every user belongs to until multi-workspace support exists. */
    async getDefault(): Promise<Workspace> {
      const [row] = await db.select().from(workspaces).orderBy(asc(workspaces.createdAt)).limit(1);
      if (!row) throw new Error('No workspace exists: run `pnpm db:migrate` (or start Connect) first.');
      return row;
    },

    /** Creates the default workspace unless one exists. Call under the migration lock. */
    async ensureDefault(): Promise<Workspace> {
      const [existing] = await db.select().from(workspaces).limit(1);
      if (existing) return existing;
      const [created] = await db.insert(workspaces).values({ name: 'Default' }).returning();
      return created!;
    },

    /** Serialises changes to a workspace's users (inside a transaction) so owner checks hold. */
    async lockForUserChanges(workspaceId: string): Promise<void> {
      await db
        .select({ id: workspaces.id })
        .from(workspaces)
        .where(eq(workspaces.id, workspaceId))
        .for('update');
    },

    /**
     * Marks first-run setup as done. Returns false when it already was, which is how
     * two simultaneous setup requests are told apart: only one row update wins.
     */
    async completeSetup(workspaceId: string): Promise<boolean> {
      const updated = await db
        .update(workspaces)
        .set({ setupCompletedAt: sql`now()` })
        .where(sql`${eq(workspaces.id, workspaceId)} and ${isNull(workspaces.setupCompletedAt)}`)
        .returning({ id: workspaces.id });
      return updated.length === 1;
    },
  };
}
