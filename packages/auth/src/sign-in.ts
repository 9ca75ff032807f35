import { AppError, type SignInInput } from '@connect/core';
import type { AuthContext, RequestMeta } from './auth-context';
import { verifyAgainstNothing, verifyPassword } from './password';
import { startSession, type StartedSession } from './sessions';

/** One message for every wrong-credential case, so sign-in never reveals which emails exist. */
export const invalidCredentialsMessage = 'Email or password is incorrect.';

export async function signIn(
  ctx: AuthContext,
  input: SignInInput,
  meta: RequestMeta,
): Promise<StartedSession> {
  const email = input.email.toLowerCase();
  await ctx.throttle.assertAllowed(email, meta.ip);

  const user = await ctx.store.users.findWithHashByEmail(email);
  const passwordOk = user
    ? await verifyPassword(user.passwordHash, input.password)
    : await verifyAgainstNothing(input.password);

  if (!user || !passwordOk || !user.active) {
    await ctx.throttle.recordFailure(email, meta.ip);
    if (user) {
      await ctx.store.auditLog.record({
        workspaceId: user.workspaceId,
        actor: { id: user.id, email: user.email },
        action: 'auth.sign_in_failed',
        details: { reason: passwordOk ? 'deactivated' : 'wrong_password' },
        ip: meta.ip,
      });
    }
    throw new AppError('unauthenticated', invalidCredentialsMessage);
  }

  await ctx.throttle.recordSuccess(email);
  const session = await startSession(ctx, user, meta);
  await ctx.store.auditLog.record({
    workspaceId: user.workspaceId,
    actor: { id: user.id, email: user.email },
    action: 'auth.signed_in',
    ip: meta.ip,
  });
  return session;
}
