import { AppError, type ChangePasswordInput } from '@connect/core';
import type { ActiveSession } from '@connect/store';
import type { AuthContext, RequestMeta } from './auth-context';
import { hashPassword, verifyPassword } from './password';

/**
 * Changes the signed-in user's own password and ends their other sessions (a stolen
 * cookie stops working the moment the password changes); the current one stays.
 */
export async function changeOwnPassword(
  ctx: AuthContext,
  session: ActiveSession,
  input: ChangePasswordInput,
  meta: RequestMeta,
): Promise<{ endedSessions: number }> {
  const user = await ctx.store.users.findWithHashById(session.user.id);
  if (!user || !(await verifyPassword(user.passwordHash, input.currentPassword))) {
    throw new AppError('invalid_input', 'The current password is not correct.', {
      fieldErrors: { currentPassword: 'The current password is not correct' },
    });
  }
  const passwordHash = await hashPassword(input.newPassword);
  return ctx.store.transaction(async (tx) => {
    await tx.users.update(session.workspaceId, user.id, { passwordHash });
    const endedSessions = await tx.sessions.deleteForUser(user.id, session.idHash);
    await tx.auditLog.record({
      workspaceId: session.workspaceId,
      actor: session.user,
      action: 'user.password_changed',
      target: { type: 'user', id: user.id },
      details: { endedSessions },
      ip: meta.ip,
    });
    return { endedSessions };
  });
}
