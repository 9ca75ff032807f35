import { AppError, type AddUserInput, type UpdateUserInput } from '@connect/core';
import type { ActiveSession, User } from '@connect/store';
import type { AuthContext, RequestMeta } from './auth-context';
import { hashPassword } from './password';
import { requirePermission } from './require-permission';

export async function listUsers(ctx: AuthContext, session: ActiveSession): Promise<User[]> {
  requirePermission(session, 'manageUsers');
  return ctx.store.users.list(session.workspaceId);
}

export async function addUser(
  ctx: AuthContext,
  session: ActiveSession,
  input: AddUserInput,
  meta: RequestMeta,
): Promise<User> {
  requirePermission(session, 'manageUsers');
  if (await ctx.store.users.findWithHashByEmail(input.email)) {
    throw new AppError('conflict', `A user with the email ${input.email} already exists.`, {
      fieldErrors: { email: 'A user with this email already exists' },
    });
  }
  const passwordHash = await hashPassword(input.password);
  return ctx.store.transaction(async (tx) => {
    const user = await tx.users.create({
      workspaceId: session.workspaceId,
      email: input.email,
      name: input.name,
      role: input.role,
      passwordHash,
    });
    await tx.auditLog.record({
      workspaceId: session.workspaceId,
      actor: session.user,
      action: 'user.created',
      target: { type: 'user', id: user.id },
      details: { email: user.email, role: user.role },
      ip: meta.ip,
    });
    return user;
  });
}

/**
 * Changes a user's role or deactivates/reactivates them. The workspace always keeps
 * at least one active owner, so nobody can lock everyone out of user management.
 * Deactivating a user ends their sessions at once.
 */
export async function updateUser(
  ctx: AuthContext,
  session: ActiveSession,
  userId: string,
  input: UpdateUserInput,
  meta: RequestMeta,
): Promise<User> {
  requirePermission(session, 'manageUsers');
  return ctx.store.transaction(async (tx) => {
    await tx.workspaces.lockForUserChanges(session.workspaceId);
    const before = await tx.users.findById(session.workspaceId, userId);
    if (!before) throw new AppError('not_found', 'That user does not exist.');

    const updated = await tx.users.update(session.workspaceId, userId, input);
    if ((await tx.users.countActiveOwners(session.workspaceId)) === 0) {
      throw new AppError(
        'conflict',
        'The workspace needs at least one active owner. Make someone else an owner first.',
      );
    }
    if (input.active === false) await tx.sessions.deleteForUser(userId);

    await tx.auditLog.record({
      workspaceId: session.workspaceId,
      actor: session.user,
      action: auditAction(before, input),
      target: { type: 'user', id: userId },
      details: {
        email: before.email,
        ...(input.role && input.role !== before.role ? { from: before.role, to: input.role } : {}),
        ...(input.active !== undefined ? { active: input.active } : {}),
      },
      ip: meta.ip,
    });
    return updated!;
  });
}

function auditAction(before: User, input: UpdateUserInput): string {
  if (input.active === false && before.active) return 'user.deactivated';
  if (input.active === true && !before.active) return 'user.reactivated';
  if (input.role && input.role !== before.role) return 'user.role_changed';
  return 'user.updated';
}
