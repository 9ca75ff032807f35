import type { Actor } from '@connect/core';
import { and, desc, eq, lt } from 'drizzle-orm';
import type { Db } from '../db';
import { auditEvents } from '../schema/audit-events';

export type AuditEvent = typeof auditEvents.$inferSelect;

export interface AuditEntry {
  workspaceId: string;
  actor: { id: string; email: string } | null;
  /** Dotted verb such as `user.created` or `settings.fyno.updated`. */
  action: string;
  target?: { type: string; id: string };
  details?: Record<string, unknown>;
  ip?: string | null;
}

/** What an actor did, for `recordBy`: the rest of an entry. */
export type AuditAction = Pick<AuditEntry, 'action' | 'target' | 'details'>;

export function auditLogRepository(db: Db) {
  async function record(entry: AuditEntry): Promise<void> {
    await db.insert(auditEvents).values({
      workspaceId: entry.workspaceId,
      actorUserId: entry.actor?.id ?? null,
      actorEmail: entry.actor?.email ?? null,
      action: entry.action,
      targetType: entry.target?.type ?? null,
      targetId: entry.target?.id ?? null,
      details: entry.details ?? {},
      ip: entry.ip ?? null,
    });
  }

  return {
    record,

    /** Records what a signed-in user did, in their workspace, from their address. */
    async recordBy(actor: Actor, what: AuditAction): Promise<void> {
      await record({ workspaceId: actor.workspaceId, actor: actor.user, ip: actor.ip, ...what });
    },

    /** Newest first; pass the last id seen as `beforeId` for the next page. */
    async list(workspaceId: string, page: { limit: number; beforeId?: number }): Promise<AuditEvent[]> {
      return db
        .select()
        .from(auditEvents)
        .where(
          page.beforeId === undefined
            ? eq(auditEvents.workspaceId, workspaceId)
            : and(eq(auditEvents.workspaceId, workspaceId), lt(auditEvents.id, page.beforeId)),
        )
        .orderBy(desc(auditEvents.id))
        .limit(page.limit);
    },
  };
}
