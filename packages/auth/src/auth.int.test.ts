import { AppError } from '@connect/core';
import { createStore, type Store } from '@connect/store';
import { createTestDatabase, createTestRedis, type TestDatabase, type TestRedis } from '@connect/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Auth, createAuth } from './auth';
import { invalidCredentialsMessage } from './sign-in';

const meta = { ip: '203.0.113.7', userAgent: 'vitest' };
const ownerInput = { name: 'Olive Owner', email: 'olive@example.com', password: 'correct horse battery' };

let database: TestDatabase;
let redis: TestRedis;
let store: Store;
let auth: Auth;

beforeAll(async () => {
  database = await createTestDatabase();
  redis = createTestRedis();
  store = createStore({ databaseUrl: database.url, encryptionKey: 'c3'.repeat(32) });
  auth = createAuth({ store, redis: redis.client, redisKeyPrefix: redis.prefix });
});
afterAll(async () => {
  await store.close();
  await redis.cleanup();
  await database.drop();
});

async function rejection(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof AppError)) throw new Error(`expected an AppError, got ${String(error)}`);
  return error;
}

describe('first-run setup', () => {
  it('creates exactly one owner even when two setups race, then closes for good', async () => {
    expect(await auth.isSetupOpen()).toBe(true);
    const results = await Promise.allSettled([
      auth.setupOwner(ownerInput, meta),
      auth.setupOwner({ ...ownerInput, name: 'Second Racer' }, meta),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(await auth.isSetupOpen()).toBe(false);

    const error = await rejection(auth.setupOwner({ ...ownerInput, email: 'late@example.com' }, meta));
    expect(error.code).toBe('forbidden');
    const workspace = await store.workspaces.getDefault();
    expect((await store.users.list(workspace.id)).map((u) => u.role)).toEqual(['owner']);
  });
});

describe('sign-in', () => {
  it('signs in with the right password, case-insensitively by email', async () => {
    const { token } = await auth.signIn({ email: 'OLIVE@example.com', password: ownerInput.password }, meta);
    const session = await auth.resolveSession(token);
    expect(session?.user).toMatchObject({ email: 'olive@example.com', role: 'owner' });
  });

  it('gives the same message for a wrong password and an unknown email', async () => {
    const wrong = await rejection(
      auth.signIn({ email: 'olive@example.com', password: 'nope' }, { ...meta, ip: '198.51.100.1' }),
    );
    const unknown = await rejection(
      auth.signIn({ email: 'nobody@example.com', password: 'nope' }, { ...meta, ip: '198.51.100.1' }),
    );
    expect(wrong.code).toBe('unauthenticated');
    expect(wrong.message).toBe(invalidCredentialsMessage);
    expect(unknown.message).toBe(invalidCredentialsMessage);
    await auth.signIn({ email: 'olive@example.com', password: ownerInput.password }, meta); // clears the count
  });

  it('locks an account after 5 failures, with the wait time, even for the right password', async () => {
    // Its own throttle keys, so the lock does not leak into the other tests.
    const auth = createAuth({ store, redis: redis.client, redisKeyPrefix: `${redis.prefix}:lock` });
    const victim = 'olive@example.com';
    for (let i = 0; i < 5; i += 1) {
      const error = await rejection(
        auth.signIn({ email: victim, password: `guess-${i}` }, { ...meta, ip: `192.0.2.${i}` }),
      );
      expect(error.code).toBe('unauthenticated');
    }
    const locked = await rejection(
      auth.signIn({ email: victim, password: ownerInput.password }, { ...meta, ip: '192.0.2.99' }),
    );
    expect(locked.code).toBe('rate_limited');
    expect(locked.message).toMatch(/Try again in \d+ minutes/);
    expect(locked.retryAfterSeconds).toBeGreaterThan(800);
    expect(locked.retryAfterSeconds).toBeLessThanOrEqual(900);

    const events = await store.auditLog.list((await store.workspaces.getDefault()).id, { limit: 50 });
    expect(events.filter((e) => e.action === 'auth.sign_in_failed').length).toBeGreaterThanOrEqual(5);
  });

  it('locks an IP address that tries many accounts', async () => {
    const throttled = createAuth({
      store,
      redis: redis.client,
      redisKeyPrefix: `${redis.prefix}:ip`,
      throttle: { ipAttempts: 3 },
    });
    const ip = '233.252.0.5';
    for (let i = 0; i < 3; i += 1) {
      await rejection(throttled.signIn({ email: `user${i}@example.com`, password: 'x' }, { ...meta, ip }));
    }
    const error = await rejection(
      throttled.signIn({ email: 'other@example.com', password: 'x' }, { ...meta, ip }),
    );
    expect(error.code).toBe('rate_limited');
  });
});

describe('sessions', () => {
  it('ends a session after the idle timeout and after the absolute timeout', async () => {
    const workspace = await store.workspaces.getDefault();
    const user = await auth.addUser(
      await ownerSession(),
      { name: 'Idle', email: 'idle@example.com', role: 'viewer', password: 'idle password 1' },
      meta,
    );
    const idle = await auth.signIn({ email: user.email, password: 'idle password 1' }, meta);
    const expired = await auth.signIn({ email: user.email, password: 'idle password 1' }, meta);
    await database.query(
      `update sessions set last_seen_at = now() - interval '13 hours' where user_id = $1`,
      [user.id],
    );
    expect(await auth.resolveSession(idle.token)).toBeNull();
    await database.query(
      `update sessions set last_seen_at = now(), expires_at = now() - interval '1 second' where user_id = $1`,
      [user.id],
    );
    expect(await auth.resolveSession(expired.token)).toBeNull();
    expect(workspace).toBeDefined();
  });

  it('changing the password ends the other sessions but keeps the current one', async () => {
    const here = await auth.signIn({ email: 'olive@example.com', password: ownerInput.password }, meta);
    const elsewhere = await auth.signIn({ email: 'olive@example.com', password: ownerInput.password }, meta);
    const session = (await auth.resolveSession(here.token))!;

    const wrong = await rejection(
      auth.changeOwnPassword(
        session,
        { currentPassword: 'not it', newPassword: 'a brand new password' },
        meta,
      ),
    );
    expect(wrong.fieldErrors).toEqual({ currentPassword: 'The current password is not correct' });

    const { endedSessions } = await auth.changeOwnPassword(
      session,
      { currentPassword: ownerInput.password, newPassword: 'a brand new password' },
      meta,
    );
    expect(endedSessions).toBeGreaterThanOrEqual(1);
    expect(await auth.resolveSession(elsewhere.token)).toBeNull();
    expect(await auth.resolveSession(here.token)).not.toBeNull();
    await rejection(auth.signIn({ email: 'olive@example.com', password: ownerInput.password }, meta));
    ownerInput.password = 'a brand new password';
  });

  it('signing out ends the session', async () => {
    const { token } = await auth.signIn({ email: 'olive@example.com', password: ownerInput.password }, meta);
    await auth.signOut((await auth.resolveSession(token))!, meta);
    expect(await auth.resolveSession(token)).toBeNull();
  });
});

describe('users and roles', () => {
  it('lets only an owner manage users', async () => {
    const owner = await ownerSession();
    await auth.addUser(
      owner,
      { name: 'Vic Viewer', email: 'vic@example.com', role: 'viewer', password: 'viewer password' },
      meta,
    );
    await auth.addUser(
      owner,
      { name: 'Ed Editor', email: 'ed@example.com', role: 'editor', password: 'editor password' },
      meta,
    );
    const duplicate = await rejection(
      auth.addUser(
        owner,
        { name: 'x', email: 'ED@example.com', role: 'viewer', password: 'editor password' },
        meta,
      ),
    );
    expect(duplicate.code).toBe('conflict');

    for (const [email, password] of [
      ['vic@example.com', 'viewer password'],
      ['ed@example.com', 'editor password'],
    ] as const) {
      const { token } = await auth.signIn({ email, password }, meta);
      const session = (await auth.resolveSession(token))!;
      const error = await rejection(
        auth.addUser(
          session,
          { name: 'x', email: 'x@example.com', role: 'owner', password: 'xxxxxxxxxxxx' },
          meta,
        ),
      );
      expect(error.code).toBe('forbidden');
      expect(error.message).toMatch(/Ask a workspace owner/);
    }
  });

  it('keeps at least one active owner', async () => {
    const owner = await ownerSession();
    const demote = await rejection(auth.updateUser(owner, owner.user.id, { role: 'editor' }, meta));
    expect(demote.code).toBe('conflict');
    const deactivate = await rejection(auth.updateUser(owner, owner.user.id, { active: false }, meta));
    expect(deactivate.message).toMatch(/at least one active owner/);
  });

  it('deactivating a user ends their sessions and blocks sign-in; the audit log records it', async () => {
    const owner = await ownerSession();
    const { token } = await auth.signIn({ email: 'vic@example.com', password: 'viewer password' }, meta);
    const vic = (await auth.resolveSession(token))!;
    await auth.updateUser(owner, vic.user.id, { active: false }, meta);
    expect(await auth.resolveSession(token)).toBeNull();
    const error = await rejection(
      auth.signIn({ email: 'vic@example.com', password: 'viewer password' }, meta),
    );
    expect(error.message).toBe(invalidCredentialsMessage);

    await auth.updateUser(owner, vic.user.id, { active: true, role: 'editor' }, meta);
    const events = await store.auditLog.list(owner.workspaceId, { limit: 100 });
    const actions = events.map((e) => e.action);
    expect(actions).toEqual(
      expect.arrayContaining([
        'setup.completed',
        'user.created',
        'user.deactivated',
        'user.reactivated',
        'user.password_changed',
        'auth.signed_in',
        'auth.signed_out',
      ]),
    );
    const deactivated = events.find((e) => e.action === 'user.deactivated')!;
    expect(deactivated).toMatchObject({
      actorEmail: 'olive@example.com',
      targetId: vic.user.id,
      ip: meta.ip,
    });
  });
});

async function ownerSession() {
  const { token } = await auth.signIn({ email: 'olive@example.com', password: ownerInput.password }, meta);
  return (await auth.resolveSession(token))!;
}
