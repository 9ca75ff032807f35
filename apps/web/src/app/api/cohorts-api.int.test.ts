import { createPostgresCustomerDatabase, type CustomerDatabase } from '@connect/testkit';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWebHarness, type WebHarness } from '@/test-support/web-harness';

let web: WebHarness;
let customer: CustomerDatabase;
let owner: string;
let viewer: string;
let connectionId: string;

const users = { schema: 'public', name: 'users' };
const adults = {
  type: 'filter',
  filter: { combinator: 'and', rules: [{ field: 'age', operator: '>=', value: 40 }] },
};

async function directCount(where: string): Promise<number> {
  const client = new pg.Client({ connectionString: String(customer.config.url) });
  await client.connect();
  try {
    return Number((await client.query(`SELECT count(*) AS n FROM users WHERE ${where}`)).rows[0].n);
  } finally {
    await client.end();
  }
}

beforeAll(async () => {
  [web, customer] = await Promise.all([startWebHarness(), createPostgresCustomerDatabase()]);
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
  const created = await web.call('POST', '/api/connections', {
    cookie: owner,
    body: { kind: 'postgres', name: 'Customers', config: { url: String(customer.config.url) } },
  });
  connectionId = (await created.json()).connection.id;
});
afterAll(async () => {
  await web?.close();
  await customer?.drop();
});

type CohortItem = {
  id: string;
  name: string;
  lastCount: number | null;
  lastCountKind: string | null;
  campaignCount: number;
  connectionName: string;
  source: unknown;
  definition: unknown;
};
const listCohorts = async (cookie = owner) =>
  ((await (await web.call('GET', '/api/cohorts', { cookie })).json()) as { cohorts: CohortItem[] }).cohorts;

describe('cohorts API', () => {
  let cohortId: string;

  it('saves a cohort with its exact size at save time', async () => {
    const response = await web.call('POST', '/api/cohorts', {
      cookie: owner,
      body: { name: 'Over forty', connectionId, source: users, definition: adults },
    });
    expect(response.status).toBe(201);
    const { cohort } = await response.json();
    cohortId = cohort.id;
    expect(cohort).toMatchObject({
      name: 'Over forty',
      lastCount: await directCount('age >= 40'),
      lastCountKind: 'exact',
    });
    const [listed] = await listCohorts();
    expect(listed).toMatchObject({
      name: 'Over forty',
      connectionName: 'Customers',
      campaignCount: 0,
      source: users,
    });
  });

  it('refuses a definition the database cannot run, and saves nothing', async () => {
    const unknownField = await web.call('POST', '/api/cohorts', {
      cookie: owner,
      body: {
        name: 'Broken',
        connectionId,
        source: users,
        definition: {
          type: 'filter',
          filter: { combinator: 'and', rules: [{ field: 'shoe_size', operator: '=', value: 9 }] },
        },
      },
    });
    expect(unknownField.status).toBe(400);
    expect((await unknownField.json()).error.message).toMatch(/shoe_size/);

    const badQuery = await web.call('POST', '/api/cohorts', {
      cookie: owner,
      body: {
        name: 'Broken',
        connectionId,
        source: null,
        definition: { type: 'query', query: 'SELECT FROM WHERE' },
      },
    });
    expect(badQuery.status).toBe(400);

    const noSource = await web.call('POST', '/api/cohorts', {
      cookie: owner,
      body: { name: 'Broken', connectionId, source: null, definition: adults },
    });
    expect(noSource.status).toBe(400);
    expect((await noSource.json()).error.fieldErrors).toEqual({ source: 'Choose a table or collection' });
    expect((await listCohorts()).map((c) => c.name)).toEqual(['Over forty']);
  });

  it('renames, changes the definition (recounted), and keeps raw queries as written', async () => {
    const renamed = await web.call('PUT', `/api/cohorts/${cohortId}`, {
      cookie: owner,
      body: { name: 'Forty plus' },
    });
    expect((await renamed.json()).cohort.name).toBe('Forty plus');

    const query = 'SELECT id, email FROM users WHERE is_active';
    const changed = await web.call('PUT', `/api/cohorts/${cohortId}`, {
      cookie: owner,
      body: { source: users, definition: { type: 'query', query } },
    });
    expect(changed.status).toBe(200);
    expect((await changed.json()).cohort).toMatchObject({
      name: 'Forty plus',
      definition: { type: 'query', query },
      lastCount: await directCount('is_active'),
    });
    const { cohort } = await (await web.call('GET', `/api/cohorts/${cohortId}`, { cookie: viewer })).json();
    expect(cohort.definition).toEqual({ type: 'query', query });
  });

  it('duplicates a cohort under a free name', async () => {
    const first = await (
      await web.call('POST', `/api/cohorts/${cohortId}/duplicate`, { cookie: owner })
    ).json();
    const second = await (
      await web.call('POST', `/api/cohorts/${cohortId}/duplicate`, { cookie: owner })
    ).json();
    expect(first.cohort.name).toBe('Copy of Forty plus');
    expect(second.cohort.name).toBe('Copy of Forty plus (2)');
    expect(second.cohort.definition).toEqual({
      type: 'query',
      query: 'SELECT id, email FROM users WHERE is_active',
    });
    for (const copy of [first, second])
      expect((await web.call('DELETE', `/api/cohorts/${copy.cohort.id}`, { cookie: owner })).status).toBe(
        200,
      );
  });

  it('lets a viewer see cohorts but not create, change or delete them', async () => {
    expect(await listCohorts(viewer)).toHaveLength(1);
    const create = await web.call('POST', '/api/cohorts', {
      cookie: viewer,
      body: { name: 'Viewer cohort', connectionId, source: users, definition: adults },
    });
    expect(create.status).toBe(403);
    expect(
      (await web.call('PUT', `/api/cohorts/${cohortId}`, { cookie: viewer, body: { name: 'x' } })).status,
    ).toBe(403);
    expect((await web.call('DELETE', `/api/cohorts/${cohortId}`, { cookie: viewer })).status).toBe(403);
    expect((await listCohorts()).map((c) => c.name)).toEqual(['Forty plus']);
  });

  it('refuses to delete a cohort a campaign uses, naming the campaign; counts campaigns in the list', async () => {
    await web.call('POST', '/api/event-catalog', {
      cookie: owner,
      body: { name: 'welcome', channels: ['email'], placeholders: [] },
    });
    const campaign = await web.call('POST', '/api/campaigns', {
      cookie: owner,
      body: {
        name: 'Spring welcome',
        type: 'Onboarding',
        cohortId,
        mapping: { eventName: 'welcome', to: { email: 'email' } },
      },
    });
    expect(campaign.status).toBe(201);
    const campaignId = (await campaign.json()).campaign.id;
    expect((await listCohorts())[0]!.campaignCount).toBe(1);

    const refused = await web.call('DELETE', `/api/cohorts/${cohortId}`, { cookie: owner });
    expect(refused.status).toBe(409);
    const refusal = (await refused.json()).error.message;
    expect(refusal).toMatch(/"Spring welcome"/);
    expect(await listCohorts()).toHaveLength(1);
    // The delete dialog shows the same rule's words, with a link to each campaign.
    const { inUse } = await (await web.call('GET', `/api/cohorts/${cohortId}`, { cookie: owner })).json();
    expect(inUse).toEqual({
      title: 'A campaign sends to this cohort',
      message: refusal,
      users: [{ id: campaignId, name: 'Spring welcome', href: expect.stringMatching(/^\/campaigns\//) }],
    });

    await web.call('DELETE', `/api/campaigns/${campaignId}`, { cookie: owner });
    expect(
      (await (await web.call('GET', `/api/cohorts/${cohortId}`, { cookie: owner })).json()).inUse,
    ).toBeNull();
    expect((await web.call('DELETE', `/api/cohorts/${cohortId}`, { cookie: owner })).status).toBe(200);
    expect(await listCohorts()).toEqual([]);
  });

  it('records cohort.created, updated and deleted in the audit log', async () => {
    const { events } = await (await web.call('GET', '/api/audit-events?limit=200', { cookie: owner })).json();
    const actions = events.map((event: { action: string }) => event.action);
    for (const action of ['cohort.created', 'cohort.updated', 'cohort.deleted'])
      expect(actions).toContain(action);
  });
});
