import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ApiRouteFile,
  type HttpMethod,
  listApiRoutes,
  loadRouteHandlers,
} from '@/test-support/api-routes';
import { startWebHarness, type WebHarness } from '@/test-support/web-harness';

/** Routes that answer without a session. Anything else must say 401 to a stranger. */
const publicRoutes = new Set([
  'GET /api/health',
  'GET /api/setup',
  'POST /api/setup',
  'POST /api/auth/sign-in',
]);

/** Changes a viewer may make: only to their own session and password. */
const viewerMutations = new Set(['POST /api/auth/sign-out', 'POST /api/account/password']);

/**
 * Reads sent as POST because their input (a filter or a raw query of up to 100,000
 * characters) does not fit in a URL. They change nothing, so viewers may call them.
 */
const viewerReadsByPost = new Set([
  'POST /api/connections/[connectionId]/preview',
  'POST /api/connections/[connectionId]/count',
  // Magic Query: a prompt in, a checked definition out; nothing is stored or run.
  'POST /api/magic-query',
]);

let web: WebHarness;
let endpoints: { key: string; method: HttpMethod; path: string }[];

beforeAll(async () => {
  web = await startWebHarness();
  const routes = listApiRoutes();
  endpoints = [];
  for (const route of routes) {
    for (const method of Object.keys(await loadRouteHandlers(route)) as HttpMethod[]) {
      endpoints.push({ key: `${method} ${route.pattern}`, method, path: concretePath(route) });
    }
  }
});
afterAll(() => web.close());

function concretePath(route: ApiRouteFile): string {
  return route.segments
    .map((segment) => (/^\[.+\]$/.test(segment) ? randomUUID() : segment))
    .join('/')
    .replace(/^/, '/');
}

describe('API route access', () => {
  it('finds the routes from the route files', () => {
    expect(endpoints.length).toBeGreaterThanOrEqual(12);
    expect(endpoints.map((e) => e.key)).toContain('PATCH /api/users/[userId]');
    // Every public route named above must still exist, so the allow-list cannot rot.
    for (const key of [...publicRoutes, ...viewerReadsByPost])
      expect(endpoints.map((e) => e.key)).toContain(key);
  });

  it('answers 401 to every route without a session, except the public ones', async () => {
    const open: string[] = [];
    for (const endpoint of endpoints) {
      if (publicRoutes.has(endpoint.key)) continue;
      const response = await web.call(endpoint.method, endpoint.path, {
        body: endpoint.method === 'GET' ? undefined : {},
      });
      if (response.status !== 401) open.push(`${endpoint.key} -> ${response.status}`);
      else
        expect(await response.json()).toEqual({
          error: { code: 'unauthenticated', message: 'Your session has ended. Sign in to continue.' },
        });
    }
    expect(open).toEqual([]);
  });

  it('refuses every change from a viewer with 403 before looking at the input', async () => {
    const setup = await web.call('POST', '/api/setup', {
      body: { name: 'Owner', email: 'owner@example.com', password: 'owner password 1' },
    });
    const owner = web.cookieFrom(setup);
    await web.call('POST', '/api/users', {
      cookie: owner,
      body: { name: 'Viewer', email: 'viewer@example.com', role: 'viewer', password: 'viewer password 1' },
    });
    const viewer = web.cookieFrom(
      await web.call('POST', '/api/auth/sign-in', {
        body: { email: 'viewer@example.com', password: 'viewer password 1' },
      }),
    );

    const allowed: string[] = [];
    for (const endpoint of endpoints) {
      if (
        endpoint.method === 'GET' ||
        publicRoutes.has(endpoint.key) ||
        viewerMutations.has(endpoint.key) ||
        viewerReadsByPost.has(endpoint.key)
      )
        continue;
      const response = await web.call(endpoint.method, endpoint.path, { cookie: viewer, body: {} });
      if (response.status !== 403) allowed.push(`${endpoint.key} -> ${response.status}`);
    }
    expect(allowed).toEqual([]);
    // The viewer's session is still fine for reading.
    expect((await web.call('GET', '/api/auth/session', { cookie: viewer })).status).toBe(200);
  });

  it('refuses changes that come from another site, even with a valid session', async () => {
    const owner = web.cookieFrom(
      await web.call('POST', '/api/auth/sign-in', {
        body: { email: 'owner@example.com', password: 'owner password 1' },
      }),
    );
    const forged = await web.call('PUT', '/api/settings/fyno', {
      cookie: owner,
      origin: 'https://attacker.example',
      body: { workspaceId: 'FYEVIL' },
    });
    expect(forged.status).toBe(403);
    const missing = await web.call('POST', '/api/users', { cookie: owner, origin: null, body: {} });
    expect(missing.status).toBe(403);
  });
});
