import { and, eq, gt, lt, ne, or, sql } from 'drizzle-orm';
import type { Role } from '@connect/core';
import type { Db } from '../db';
import { sessions } from '../schema/sessions';
import { users } from '../schema/users';

export type SessionRow = typeof sessions.$inferSelect;

export interface ActiveSession {
  idHash: string;
  workspaceId: string;
  createdAt: Date;
  lastSeenAt: Date;
  expiresAt: Date;
  user: { id: string; email: string; name: string; role: Role };
}

export function sessionsRepository(db: Db) {
  return {
    async create(input: {
      idHash: string;
      workspaceId: string;
      userId: string;
      expiresAt: Date;
      ip: string | null;
      userAgent: string | null;
    }): Promise<void> {
      await db.insert(sessions).values(input);
    },

    /**
     * The session with this id hash if it is still alive: not past its absolute
     * expiry, used since `idleSince`, and its user still active.
     */
    async findActive(idHash: string, idleSince: Date): Promise<ActiveSession | undefined> {
      const [row] = await db
        .select({
          idHash: sessions.idHash,
          workspaceId: sessions.workspaceId,
          createdAt: sessions.createdAt,
          lastSeenAt: sessions.lastSeenAt,
          expiresAt: sessions.expiresAt,
          user: { id: users.id, email: users.email, name: users.name, role: users.role },
        })
        .from(sessions)
        .innerJoin(users, eq(users.id, sessions.userId))
        .where(
          and(
            eq(sessions.idHash, idHash),
            gt(sessions.expiresAt, sql`now()`),
            gt(sessions.lastSeenAt, idleSince),
            eq(users.active, true),
          ),
        );
      return row;
    },

    async touch(idHash: string): Promise<void> {
      await db
        .update(sessions)
        .set({ lastSeenAt: sql`now()` })
        .where(eq(sessions.idHash, idHash));
    },

    async delete(idHash: string): Promise<void> {
      await db.delete(sessions).where(eq(sessions.idHash, idHash));
    },

    /** Ends every session of a user, except optionally the one making the request. */
    async deleteForUser(userId: string, exceptIdHash?: string): Promise<number> {
      const rows = await db
        .delete(sessions)
        .where(
          exceptIdHash
            ? and(eq(sessions.userId, userId), ne(sessions.idHash, exceptIdHash))
            : eq(sessions.userId, userId),
        )
        .returning({ idHash: sessions.idHash });
      return rows.length;
    },

    async deleteExpired(idleSince: Date): Promise<number> {
      const rows = await db
        .delete(sessions)
        .where(or(lt(sessions.expiresAt, sql`now()`), lt(sessions.lastSeenAt, idleSince)))
        .returning({ idHash: sessions.idHash });
      return rows.length;
    },
  };
}
