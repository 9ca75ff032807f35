import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWebHarness, type WebHarness } from '@/test-support/web-harness';

let web: WebHarness;
let owner: string;
const ownerAccount = { name: 'Priya Owner', email: 'priya@example.com', password: 'first owner password' };

beforeAll(async () => {
  web = await startWebHarness({ FYNO_WSID: 'FYENV001', FYNO_API_KEY: 'env-api-key-123' });
});
afterAll(() => web.close());

describe('first-run setup over HTTP', () => {
  it('is open until the owner exists, then closed for good', async () => {
    expect(await (await web.call('GET', '/api/setup')).json()).toEqual({ open: true });
    const weak = await web.call('POST', '/api/setup', { body: { ...ownerAccount, password: 'short' } });
    expect(weak.status).toBe(400);
    expect((await weak.json()).error.fieldErrors).toEqual({ password: 'Use at least 10 characters' });

    const created = await web.call('POST', '/api/setup', { body: ownerAccount });
    expect(created.status).toBe(201);
    const setCookie = created.headers.get('set-cookie')!;
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=lax/i);
    expect(setCookie).not.toMatch(/Secure/i); // plain http in this test
    owner = web.cookieFrom(created);

    expect(await (await web.call('GET', '/api/setup')).json()).toEqual({ open: false });
    const again = await web.call('POST', '/api/setup', {
      body: { ...ownerAccount, email: 'other@example.com' },
    });
    expect(again.status).toBe(403);
    expect((await again.json()).error.message).toBe('Connect is already set up. Sign in instead.');
  });

  it('marks the cookie Secure behind an HTTPS proxy', async () => {
    const response = await web.call('POST', '/api/auth/sign-in', {
      body: { email: ownerAccount.email, password: ownerAccount.password },
    });
    expect(response.headers.get('set-cookie')).not.toMatch(/Secure/i);
    // Same request as Caddy forwards it.
    const signIn = { email: ownerAccount.email, password: ownerAccount.password };
    const proxied = await web.call('POST', '/api/auth/sign-in', {
      body: signIn,
      origin: 'https://connect.test',
      headers: { 'x-forwarded-proto': 'https' },
    });
    expect(proxied.headers.get('set-cookie')).toMatch(/Secure/i);
    // The same header from a client that reached the app directly is not believed.
    const direct = await web.call('POST', '/api/auth/sign-in', {
      body: signIn,
      peer: '203.0.113.50',
      headers: { 'x-forwarded-proto': 'https' },
    });
    expect(direct.status).toBe(200);
    expect(direct.headers.get('set-cookie')).not.toMatch(/Secure/i);
  });
});

describe('sign-in over HTTP', () => {
  it('says the same thing for a wrong password and an unknown email', async () => {
    const wrong = await web.call('POST', '/api/auth/sign-in', {
      body: { email: ownerAccount.email, password: 'nope' },
      ip: '10.0.0.1',
    });
    const unknown = await web.call('POST', '/api/auth/sign-in', {
      body: { email: 'ghost@example.com', password: 'nope' },
      ip: '10.0.0.1',
    });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(await wrong.json()).toEqual(await unknown.json());
    // A good sign-in clears the failed attempts on this account.
    expect(
      (
        await web.call('POST', '/api/auth/sign-in', {
          body: { email: ownerAccount.email, password: ownerAccount.password },
        })
      ).status,
    ).toBe(200);
  });

  it('locks the account after repeated failures and says how long to wait', async () => {
    await web.call('POST', '/api/users', {
      cookie: owner,
      body: { name: 'Target', email: 'target@example.com', role: 'editor', password: 'target password 1' },
    });
    for (let attempt = 0; attempt < 5; attempt += 1) {
      const response = await web.call('POST', '/api/auth/sign-in', {
        body: { email: 'target@example.com', password: `wrong-${attempt}` },
        ip: `10.1.0.${attempt}`,
      });
      expect(response.status).toBe(401);
    }
    const locked = await web.call('POST', '/api/auth/sign-in', {
      body: { email: 'target@example.com', password: 'target password 1' },
      ip: '10.1.0.99',
    });
    expect(locked.status).toBe(429);
    const retryAfter = Number(locked.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(60);
    expect((await locked.json()).error.message).toMatch(
      /^Too many failed sign-in attempts\. Try again in \d+ minutes\.$/,
    );
  });
});

describe('password change over HTTP', () => {
  it('ends the other sessions and keeps this one', async () => {
    const elsewhere = web.cookieFrom(
      await web.call('POST', '/api/auth/sign-in', {
        body: { email: ownerAccount.email, password: ownerAccount.password },
      }),
    );
    const changed = await web.call('POST', '/api/account/password', {
      cookie: owner,
      body: { currentPassword: ownerAccount.password, newPassword: 'second owner password' },
    });
    expect(changed.status).toBe(200);
    expect((await changed.json()).endedSessions).toBeGreaterThanOrEqual(1);
    expect((await web.call('GET', '/api/auth/session', { cookie: elsewhere })).status).toBe(401);
    expect((await web.call('GET', '/api/auth/session', { cookie: owner })).status).toBe(200);
    ownerAccount.password = 'second owner password';
  });
});

describe('Fyno settings over HTTP', () => {
  it('never returns the API key, from .env or saved', async () => {
    const initial = await (await web.call('GET', '/api/settings/fyno', { cookie: owner })).json();
    expect(initial).toMatchObject({
      workspaceId: 'FYENV001',
      workspaceIdSource: 'env',
      apiKeySet: true,
      apiKeySource: 'env',
    });
    expect(JSON.stringify(initial)).not.toContain('env-api-key-123');

    const saved = await web.call('PUT', '/api/settings/fyno', {
      cookie: owner,
      body: { workspaceId: 'FYSAVED9', apiKey: 'saved-secret-key-456', version: 'test' },
    });
    expect(saved.status).toBe(200);
    const view = await saved.json();
    expect(view).toMatchObject({
      workspaceId: 'FYSAVED9',
      apiKeySet: true,
      apiKeySource: 'settings',
      version: 'test',
    });
    expect(JSON.stringify(view)).not.toContain('saved-secret-key-456');
    expect(
      JSON.stringify(await (await web.call('GET', '/api/settings/fyno', { cookie: owner })).json()),
    ).not.toContain('saved-secret-key-456');

    const bad = await web.call('PUT', '/api/settings/fyno', {
      cookie: owner,
      body: { apiBase: 'ftp://nope' },
    });
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.fieldErrors.apiBase).toMatch(/http:\/\/ or https:\/\//);
  });
});

describe('owner-only reading', () => {
  it('keeps the user list and the audit log from viewers, who can still read settings', async () => {
    await web.call('POST', '/api/users', {
      cookie: owner,
      body: { name: 'Reader', email: 'reader@example.com', role: 'viewer', password: 'reader password 1' },
    });
    const reader = web.cookieFrom(
      await web.call('POST', '/api/auth/sign-in', {
        body: { email: 'reader@example.com', password: 'reader password 1' },
      }),
    );
    expect((await web.call('GET', '/api/users', { cookie: reader })).status).toBe(403);
    expect((await web.call('GET', '/api/audit-events', { cookie: reader })).status).toBe(403);
    expect((await web.call('GET', '/api/settings/fyno', { cookie: reader })).status).toBe(200);
  });
});

describe('audit log over HTTP', () => {
  it('records who did what, visible to the owner', async () => {
    const response = await web.call('GET', '/api/audit-events?limit=100', { cookie: owner });
    expect(response.status).toBe(200);
    const { events } = (await response.json()) as {
      events: { action: string; actorEmail: string; ip: string }[];
    };
    const actions = events.map((event) => event.action);
    expect(actions).toEqual(
      expect.arrayContaining([
        'setup.completed',
        'auth.signed_in',
        'auth.sign_in_failed',
        'user.created',
        'user.password_changed',
        'settings.fyno_updated',
      ]),
    );
    const settingsChange = events.find((event) => event.action === 'settings.fyno_updated')!;
    expect(settingsChange).toMatchObject({ actorEmail: 'priya@example.com', ip: '198.51.100.10' });
    expect(JSON.stringify(events)).not.toContain('saved-secret-key-456');
  });
});

describe('health', () => {
  it('reports the database and Redis without a session and without secrets', async () => {
    const response = await web.call('GET', '/api/health');
    const body = await response.json();
    expect(response.status).toBe(200);
    expect(body.checks.database.ok).toBe(true);
    expect(body.checks.redis.ok).toBe(true);
    expect(body.status).toBe('degraded'); // no worker runs in this test
    expect(body.checks.worker).toMatchObject({ ok: false, workers: 0 });
    expect(JSON.stringify(body)).not.toMatch(/postgres:|redis:\/\/|ENCRYPTION/);
  });
});
