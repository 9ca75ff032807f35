import {
  createPostgresCustomerDatabase,
  type CustomerDatabase,
  ensurePostgresTestRoles,
  passwordRole,
} from '@connect/testkit';
import { NextRequest } from 'next/server';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listApiRoutes, loadRouteHandlers, matchRoute } from '@/test-support/api-routes';
import { startWebHarness, testOrigin, type WebHarness } from '@/test-support/web-harness';

let web: WebHarness;
let customer: CustomerDatabase;
let owner: string;
let viewer: string;
const wrongPassword = 'not-the-password-c41';

/** The customer database's URL signed in as the role that must give its password. */
const passwordUrl = () => {
  const url = new URL(String(customer.config.url));
  url.username = passwordRole.name;
  return url.toString();
};

async function direct<T>(text: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: String(customer.config.url) });
  await client.connect();
  try {
    return (await client.query(text)).rows as T[];
  } finally {
    await client.end();
  }
}

beforeAll(async () => {
  [web, customer] = await Promise.all([startWebHarness(), createPostgresCustomerDatabase()]);
  await ensurePostgresTestRoles();
  await direct(`GRANT SELECT ON ALL TABLES IN SCHEMA public TO ${passwordRole.name}`);
  owner = web.cookieFrom(
    await web.call('POST', '/api/setup', {
      body: { name: 'Owner', email: 'owner@example.com', password: 'owner password 1' },
    }),
  );
  await web.call('POST', '/api/users', {
    cookie: owner,
    body: { name: 'Viewer', email: 'viewer@example.com', role: 'viewer', password: 'viewer password 1' },
  });
  viewer = web.cookieFrom(
    await web.call('POST', '/api/auth/sign-in', {
      body: { email: 'viewer@example.com', password: 'viewer password 1' },
    }),
  );
});
afterAll(async () => {
  await web?.close();
  await direct(`REVOKE SELECT ON ALL TABLES IN SCHEMA public FROM ${passwordRole.name}`).catch(() => {});
  await customer?.drop();
});

const listConnections = async (cookie = owner) =>
  (await (await web.call('GET', '/api/connections', { cookie })).json()) as {
    connections: { id: string; name: string; secretFieldsSet: string[]; status: string }[];
    kinds: { kind: string; label: string; form: { name: string; secret: boolean }[] }[];
  };

describe('connections API', () => {
  let connectionId: string;

  it('offers every registered kind with its form, secret fields marked', async () => {
    const { connections, kinds } = await listConnections();
    expect(connections).toEqual([]);
    expect(kinds.map((k) => k.kind)).toEqual(expect.arrayContaining(['postgres', 'mysql', 'mongodb']));
    const postgres = kinds.find((k) => k.kind === 'postgres')!;
    expect(postgres.form.find((f) => f.name === 'password')).toMatchObject({ secret: true });
    expect(postgres.form.find((f) => f.name === 'url')).toMatchObject({ secret: false });
  });

  it('refuses a wrong password with the database’s message, and saves nothing', async () => {
    const response = await web.call('POST', '/api/connections', {
      cookie: owner,
      body: { kind: 'postgres', name: 'Customers', config: { url: passwordUrl(), password: wrongPassword } },
    });
    expect(response.status).toBe(400);
    const text = await response.text();
    expect(JSON.parse(text).error.message).toMatch(/password/i);
    expect(text).not.toContain(wrongPassword);
    expect((await listConnections()).connections).toEqual([]);
  });

  it('refuses invalid fields per field, before connecting', async () => {
    const response = await web.call('POST', '/api/connections', {
      cookie: owner,
      body: { kind: 'postgres', name: 'Broken', config: { url: 'http://nope' } },
    });
    expect(response.status).toBe(400);
    expect((await response.json()).error.fieldErrors).toHaveProperty('url');
  });

  it('saves a connection that passes its test; the secret never comes back', async () => {
    const response = await web.call('POST', '/api/connections', {
      cookie: owner,
      body: {
        kind: 'postgres',
        name: 'Customers',
        config: { url: passwordUrl(), password: passwordRole.password },
      },
    });
    expect(response.status).toBe(201);
    const text = await response.text();
    expect(text).not.toContain(passwordRole.password);
    const { connection } = JSON.parse(text);
    expect(connection).toMatchObject({
      name: 'Customers',
      kind: 'postgres',
      status: 'ok',
      secretFieldsSet: ['password'],
    });
    expect(connection.lastTestedAt).toBeTruthy();
    connectionId = connection.id;

    for (const path of ['/api/connections', `/api/connections/${connectionId}`]) {
      const body = await (await web.call('GET', path, { cookie: owner })).text();
      expect(body).not.toContain(passwordRole.password);
    }
    const audit = await (await web.call('GET', '/api/audit-events', { cookie: owner })).json();
    expect(JSON.stringify(audit)).toContain('connection.created');
    expect(JSON.stringify(audit)).not.toContain(passwordRole.password);
  });

  it('refuses a second database with the same name', async () => {
    const response = await web.call('POST', '/api/connections', {
      cookie: owner,
      body: { kind: 'postgres', name: 'customers', config: { url: String(customer.config.url) } },
    });
    expect(response.status).toBe(409);
    expect((await response.json()).error.fieldErrors).toEqual({ name: 'This name is taken' });
  });

  it('keeps the stored password when an edit leaves it blank, and refuses an edit that fails its test', async () => {
    const renamed = await web.call('PUT', `/api/connections/${connectionId}`, {
      cookie: owner,
      body: { name: 'Customer DB', config: { url: passwordUrl(), password: '' } },
    });
    expect(renamed.status).toBe(200);
    expect((await renamed.json()).connection).toMatchObject({
      name: 'Customer DB',
      secretFieldsSet: ['password'],
    });

    const broken = await web.call('PUT', `/api/connections/${connectionId}`, {
      cookie: owner,
      body: { name: 'Broken edit', config: { url: passwordUrl(), password: wrongPassword } },
    });
    expect(broken.status).toBe(400);
    const { connection } = await (
      await web.call('GET', `/api/connections/${connectionId}`, { cookie: owner })
    ).json();
    expect(connection.name).toBe('Customer DB');

    const retest = await (
      await web.call('POST', `/api/connections/${connectionId}/test`, { cookie: owner })
    ).json();
    expect(retest).toMatchObject({ ok: true, connection: { status: 'ok' } });
    const audit = JSON.stringify(
      await (await web.call('GET', '/api/audit-events', { cookie: owner })).json(),
    );
    expect(audit).toContain('connection.updated');
  });

  it('lists sources, describes one, previews a filtered sorted page and counts it as the database does', async () => {
    const { sources } = await (
      await web.call('GET', `/api/connections/${connectionId}/sources`, { cookie: viewer })
    ).json();
    // Only what this role may read: it has no rights on the crm schema.
    expect(sources.map((s: { id: string }) => s.id).sort()).toEqual([
      'public.active_users',
      'public.plan_counts',
      'public.users',
    ]);
    const { description } = await (
      await web.call('GET', `/api/connections/${connectionId}/describe?source=public.users`, {
        cookie: viewer,
      })
    ).json();
    expect(description.fields.find((f: { name: string }) => f.name === 'plan')).toMatchObject({
      type: 'enum',
      enumValues: ['free', 'pro', 'enterprise'],
    });

    const definition = {
      type: 'filter',
      filter: {
        combinator: 'and',
        rules: [
          { field: 'age', operator: '>=', value: 40 },
          {
            combinator: 'or',
            rules: [
              { field: 'plan', operator: 'in', value: ['pro', 'enterprise'] },
              { field: 'signed_up_at', operator: 'inLast', value: { amount: 90, unit: 'days' } },
            ],
          },
        ],
      },
    };
    const preview = await web.call('POST', `/api/connections/${connectionId}/preview`, {
      cookie: viewer,
      body: {
        source: { schema: 'public', name: 'users' },
        definition,
        sort: [{ field: 'age', direction: 'desc' }],
        pageSize: 5,
      },
    });
    expect(preview.status).toBe(200);
    const page = await preview.json();
    expect(page.rows).toHaveLength(5);
    expect(page.columns.find((c: { name: string }) => c.name === 'age')).toEqual({
      name: 'age',
      type: 'number',
    });
    const ages = page.rows.map((row: { age: number }) => row.age);
    expect(ages).toEqual([...ages].sort((a, b) => b - a));

    const [expected] = await direct<{ n: string }>(
      `SELECT count(*) AS n FROM users WHERE age >= 40 AND (plan IN ('pro', 'enterprise') OR signed_up_at > now() - interval '90 days')`,
    );
    const count = await (
      await web.call('POST', `/api/connections/${connectionId}/count`, {
        cookie: viewer,
        body: { source: { schema: 'public', name: 'users' }, definition, exact: true },
      })
    ).json();
    expect(count).toMatchObject({ count: Number(expected!.n), exact: true });
  });

  it('shows the database’s message for a query it refuses, and refuses writes', async () => {
    const failed = await web.call('POST', `/api/connections/${connectionId}/preview`, {
      cookie: owner,
      body: { definition: { type: 'query', query: 'SELECT nope FROM users' } },
    });
    expect(failed.status).toBe(400);
    expect((await failed.json()).error.message).toMatch(/nope/);
    const write = await web.call('POST', `/api/connections/${connectionId}/preview`, {
      cookie: owner,
      body: { definition: { type: 'query', query: 'DELETE FROM users' } },
    });
    expect(write.status).toBe(400);
    expect((await direct<{ n: string }>('SELECT count(*) AS n FROM users'))[0]!.n).toBe(
      String(customer.users.length),
    );
  });

  it('stops the query on the database when the browser cancels', async () => {
    const marker = `cancel_${Date.now()}`;
    const controller = new AbortController();
    const { route, params } = matchRoute(listApiRoutes(), `/api/connections/${connectionId}/preview`);
    const handler = (await loadRouteHandlers(route)).POST!;
    const request = new NextRequest(new URL(`/api/connections/${connectionId}/preview`, testOrigin), {
      method: 'POST',
      headers: {
        origin: testOrigin,
        host: new URL(testOrigin).host,
        cookie: owner,
        'content-type': 'application/json',
      },
      body: JSON.stringify({ definition: { type: 'query', query: customer.queries.sleep(30, marker) } }),
      signal: controller.signal,
    });
    const pending = handler(request, { params: Promise.resolve(params) });
    await expect.poll(() => customer.isRunning(marker), { timeout: 10_000 }).toBe(true);
    controller.abort();
    expect((await pending).status).toBe(499);
    await expect.poll(() => customer.isRunning(marker), { timeout: 10_000 }).toBe(false);
  });

  it('answers 503 with the reason when the database cuts the connection mid-query, and works again after', async () => {
    const marker = `cut_${Date.now()}`;
    const pending = web.call('POST', `/api/connections/${connectionId}/preview`, {
      cookie: owner,
      body: { definition: { type: 'query', query: customer.queries.sleep(30, marker) } },
    });
    await expect.poll(() => customer.isRunning(marker), { timeout: 10_000 }).toBe(true);
    const drop = customer.connectionDrop;
    if ('notSimulated' in drop) throw new Error(drop.notSimulated);
    await drop.dropAll();
    const cut = await pending;
    expect(cut.status).toBe(503);
    expect((await cut.json()).error.message).toMatch(/^PostgreSQL ended the connection .* Try again\.$/);
    const again = await web.call('POST', `/api/connections/${connectionId}/preview`, {
      cookie: owner,
      body: { definition: { type: 'query', query: customer.queries.adults } },
    });
    expect(again.status).toBe(200);
  });

  it('lets a viewer look but not change anything', async () => {
    expect((await listConnections(viewer)).connections).toHaveLength(1);
    const create = await web.call('POST', '/api/connections', {
      cookie: viewer,
      body: { kind: 'postgres', name: 'Sneaky', config: { url: String(customer.config.url) } },
    });
    expect(create.status).toBe(403);
    expect((await web.call('DELETE', `/api/connections/${connectionId}`, { cookie: viewer })).status).toBe(
      403,
    );
    expect((await web.call('POST', `/api/connections/${connectionId}/test`, { cookie: viewer })).status).toBe(
      403,
    );
    expect((await listConnections()).connections).toHaveLength(1);
  });

  it('keeps raw queries an editor’s right: a viewer filters, and may only run a saved cohort’s own query', async () => {
    const preview = (cookie: string, definition: unknown) =>
      web.call('POST', `/api/connections/${connectionId}/preview`, {
        cookie,
        body: { source: { schema: 'public', name: 'users' }, definition },
      });
    const query = { type: 'query', query: customer.queries.adults };
    const filter = { type: 'filter', filter: { combinator: 'and', rules: [] } };
    expect((await preview(viewer, filter)).status).toBe(200);
    const refused = await preview(viewer, query);
    expect(refused.status).toBe(403);
    expect((await refused.json()).error.message).toBe(
      'Only editors and owners can run queries. As a viewer you can browse and filter the data; a workspace owner can make you an editor under Settings → Users.',
    );
    const counted = await web.call('POST', `/api/connections/${connectionId}/count`, {
      cookie: viewer,
      body: { definition: query, exact: true },
    });
    expect(counted.status).toBe(403);
    expect((await preview(owner, query)).status).toBe(200);

    const saved = await web.call('POST', '/api/cohorts', {
      cookie: owner,
      body: {
        name: 'Adults by query',
        connectionId,
        source: { schema: 'public', name: 'users' },
        definition: query,
      },
    });
    expect(saved.status).toBe(201);
    const { cohort } = (await saved.json()) as { cohort: { id: string } };
    // Opening the saved cohort shows its rows and size to a viewer too.
    expect((await preview(viewer, query)).status).toBe(200);
    const savedCount = await web.call('POST', `/api/connections/${connectionId}/count`, {
      cookie: viewer,
      body: { definition: query, exact: true },
    });
    expect(await savedCount.json()).toMatchObject({
      count: customer.users.filter((user) => user.age !== null && user.age >= 40).length,
    });
    // Any other text is still refused.
    expect(
      (await preview(viewer, { type: 'query', query: `${customer.queries.adults} AND id > 1` })).status,
    ).toBe(403);
    await web.call('DELETE', `/api/cohorts/${cohort.id}`, { cookie: owner });
    expect((await preview(viewer, query)).status).toBe(403);
  });

  it('refuses to delete a database cohorts use, naming them; deletes it once they are gone', async () => {
    const created = await web.call('POST', '/api/cohorts', {
      cookie: owner,
      body: {
        name: 'Adults',
        connectionId,
        source: { schema: 'public', name: 'users' },
        definition: {
          type: 'filter',
          filter: { combinator: 'and', rules: [{ field: 'age', operator: '>=', value: 18 }] },
        },
      },
    });
    expect(created.status).toBe(201);
    const refused = await web.call('DELETE', `/api/connections/${connectionId}`, { cookie: owner });
    expect(refused.status).toBe(409);
    const refusal = (await refused.json()).error.message;
    expect(refusal).toMatch(/"Adults"/);
    const { cohorts, inUse } = await (
      await web.call('GET', `/api/connections/${connectionId}`, { cookie: owner })
    ).json();
    expect(cohorts.map((c: { name: string }) => c.name)).toEqual(['Adults']);
    // The delete dialog shows the same rule's words, with a link to each cohort.
    expect(inUse).toMatchObject({ title: 'A cohort uses this database', message: refusal });
    expect(inUse.users).toEqual([{ id: cohorts[0].id, name: 'Adults', href: `/cohorts/${cohorts[0].id}` }]);

    await web.call('DELETE', `/api/cohorts/${(await created.json()).cohort.id}`, { cookie: owner });
    expect((await web.call('DELETE', `/api/connections/${connectionId}`, { cookie: owner })).status).toBe(
      200,
    );
    expect((await listConnections()).connections).toEqual([]);
    const audit = JSON.stringify(
      await (await web.call('GET', '/api/audit-events', { cookie: owner })).json(),
    );
    expect(audit).toContain('connection.deleted');
  });
});
