import { AppError, type SetupOwnerInput } from '@connect/core';
import type { AuthContext, RequestMeta } from './auth-context';
import { hashPassword } from './password';
import { startSession, type StartedSession } from './sessions';

/** True while no owner has been created: the first-run setup page is open only then. */
export async function isSetupOpen(ctx: AuthContext): Promise<boolean> {
  const workspace = await ctx.store.workspaces.getDefault();
  return workspace.setupCompletedAt === null;
}

/**
 * Creates the owner account and signs them in. Closes setup for good in the same
 * transaction, so two racing requests cannot both create an owner.
 */
export async function setupOwner(
  ctx: AuthContext,
  input: SetupOwnerInput,
  meta: RequestMeta,
): Promise<StartedSession> {
  const passwordHash = await hashPassword(input.password);
  const owner = await ctx.store.transaction(async (tx) => {
    const workspace = await tx.workspaces.getDefault();
    if (!(await tx.workspaces.completeSetup(workspace.id))) {
      throw new AppError('forbidden', 'Connect is already set up. Sign in instead.');
    }
    const user = await tx.users.create({
      workspaceId: workspace.id,
      email: input.email,
      name: input.name,
      passwordHash,
      role: 'owner',
    });
    await tx.auditLog.record({
      workspaceId: workspace.id,
      actor: { id: user.id, email: user.email },
      action: 'setup.completed',
      target: { type: 'user', id: user.id },
      ip: meta.ip,
    });
    return user;
  });
  return startSession(ctx, owner, meta);
}
