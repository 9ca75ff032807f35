import { and, asc, count, eq, sql } from 'drizzle-orm';
import type { Role } from '@connect/core';
import type { Db } from '../db';
import { users } from '../schema/users';

export type UserRow = typeof users.$inferSelect;
/** A user as anything outside the auth code may see it: no password hash. */
export type User = Omit<UserRow, 'passwordHash'>;

const publicColumns = {
  id: users.id,
  workspaceId: users.workspaceId,
  email: users.email,
  name: users.name,
  role: users.role,
  active: users.active,
  createdAt: users.createdAt,
  updatedAt: users.updatedAt,
};

export function usersRepository(db: Db) {
  return {
    /** Includes the password hash: for sign-in and password changes only. */
    async findWithHashByEmail(email: string): Promise<UserRow | undefined> {
      const [row] = await db.select().from(users).where(eq(users.email, email.toLowerCase()));
      return row;
    },

    async findWithHashById(id: string): Promise<UserRow | undefined> {
      const [row] = await db.select().from(users).where(eq(users.id, id));
      return row;
    },

    async findById(workspaceId: string, id: string): Promise<User | undefined> {
      const [row] = await db
        .select(publicColumns)
        .from(users)
        .where(and(eq(users.workspaceId, workspaceId), eq(users.id, id)));
      return row;
    },

    async list(workspaceId: string): Promise<User[]> {
      return db
        .select(publicColumns)
        .from(users)
        .where(eq(users.workspaceId, workspaceId))
        .orderBy(asc(users.createdAt));
    },

    async create(input: {
      workspaceId: string;
      email: string;
      name: string;
      passwordHash: string;
      role: Role;
    }): Promise<User> {
      const [row] = await db
        .insert(users)
        .values({ ...input, email: input.email.toLowerCase() })
        .returning(publicColumns);
      return row!;
    },

    async update(
      workspaceId: string,
      id: string,
      patch: Partial<Pick<UserRow, 'role' | 'active' | 'name' | 'passwordHash'>>,
    ): Promise<User | undefined> {
      const [row] = await db
        .update(users)
        .set({ ...patch, updatedAt: sql`now()` })
        .where(and(eq(users.workspaceId, workspaceId), eq(users.id, id)))
        .returning(publicColumns);
      return row;
    },

    async countActiveOwners(workspaceId: string): Promise<number> {
      const [row] = await db
        .select({ n: count() })
        .from(users)
        .where(and(eq(users.workspaceId, workspaceId), eq(users.role, 'owner'), eq(users.active, true)));
      return row?.n ?? 0;
    },
  };
}
