import type {
  AddUserInput,
  ChangePasswordInput,
  SetupOwnerInput,
  SignInInput,
  UpdateUserInput,
} from '@connect/core';
import type { ActiveSession, Store } from '@connect/store';
import type { Redis } from 'ioredis';
import { type AuthContext, defaultSessionPolicy, type RequestMeta, type SessionPolicy } from './auth-context';
import { changeOwnPassword } from './change-password';
import { LoginThrottle, type LoginThrottleOptions } from './login-throttle';
import { addUser, listUsers, updateUser } from './manage-users';
import { endSession, resolveSession } from './sessions';
import { isSetupOpen, setupOwner } from './setup-owner';
import { signIn } from './sign-in';

export interface AuthOptions {
  store: Store;
  redis: Redis;
  /** Prefix for the Redis keys the login throttle keeps. */
  redisKeyPrefix: string;
  policy?: Partial<SessionPolicy>;
  throttle?: Omit<LoginThrottleOptions, 'redis' | 'keyPrefix'>;
}

/** Sign-in, sessions, first-run setup and user management, bound to one store. */
export function createAuth(options: AuthOptions) {
  const ctx: AuthContext = {
    store: options.store,
    throttle: new LoginThrottle({
      redis: options.redis,
      keyPrefix: options.redisKeyPrefix,
      ...options.throttle,
    }),
    policy: { ...defaultSessionPolicy, ...options.policy },
  };
  return {
    policy: ctx.policy,
    isSetupOpen: () => isSetupOpen(ctx),
    setupOwner: (input: SetupOwnerInput, meta: RequestMeta) => setupOwner(ctx, input, meta),
    signIn: (input: SignInInput, meta: RequestMeta) => signIn(ctx, input, meta),
    resolveSession: (token: string | undefined) => resolveSession(ctx, token),
    signOut: (session: ActiveSession, meta: RequestMeta) => endSession(ctx, session, meta),
    changeOwnPassword: (session: ActiveSession, input: ChangePasswordInput, meta: RequestMeta) =>
      changeOwnPassword(ctx, session, input, meta),
    listUsers: (session: ActiveSession) => listUsers(ctx, session),
    addUser: (session: ActiveSession, input: AddUserInput, meta: RequestMeta) =>
      addUser(ctx, session, input, meta),
    updateUser: (session: ActiveSession, userId: string, input: UpdateUserInput, meta: RequestMeta) =>
      updateUser(ctx, session, userId, input, meta),
  };
}

export type Auth = ReturnType<typeof createAuth>;
