import type { ActiveSession } from '@connect/store';
import type { AuthContext, RequestMeta } from './auth-context';
import { hashSessionToken, newSessionToken } from './session-token';

export interface StartedSession {
  /** The cookie value. Shown once, never stored. */
  token: string;
  expiresAt: Date;
}

export async function startSession(
  ctx: AuthContext,
  user: { id: string; workspaceId: string },
  meta: RequestMeta,
): Promise<StartedSession> {
  const { token, idHash } = newSessionToken();
  const expiresAt = new Date(Date.now() + ctx.policy.absoluteTimeoutMs);
  await ctx.store.sessions.create({
    idHash,
    workspaceId: user.workspaceId,
    userId: user.id,
    expiresAt,
    ip: meta.ip,
    userAgent: meta.userAgent?.slice(0, 512) ?? null,
  });
  return { token, expiresAt };
}

/** The live session for a cookie value, or null. Extends the idle window as a side effect. */
export async function resolveSession(
  ctx: AuthContext,
  token: string | undefined,
): Promise<ActiveSession | null> {
  if (!token || token.length > 128) return null;
  const idHash = hashSessionToken(token);
  const session = await ctx.store.sessions.findActive(
    idHash,
    new Date(Date.now() - ctx.policy.idleTimeoutMs),
  );
  if (!session) return null;
  if (Date.now() - session.lastSeenAt.getTime() > ctx.policy.touchIntervalMs) {
    await ctx.store.sessions.touch(idHash);
  }
  return session;
}

export async function endSession(ctx: AuthContext, session: ActiveSession, meta: RequestMeta): Promise<void> {
  await ctx.store.sessions.delete(session.idHash);
  await ctx.store.auditLog.record({
    workspaceId: session.workspaceId,
    actor: session.user,
    action: 'auth.signed_out',
    ip: meta.ip,
  });
}
