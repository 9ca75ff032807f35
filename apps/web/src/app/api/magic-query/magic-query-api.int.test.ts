import {
  createPostgresCustomerDatabase,
  type CustomerDatabase,
  type FakeOpenAi,
  startFakeOpenAi,
} from '@connect/testkit';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startWebHarness, type WebHarness } from '@/test-support/web-harness';

// The Magic Query API as the browser uses it: settings, the Test button, generating
// and then running the answer, against the fake OpenAI-compatible server and a real
// PostgreSQL customer database. One model call may take 1 second here.
let web: WebHarness;
let customer: CustomerDatabase;
let fake: FakeOpenAi;
let owner: string;
let viewer: string;
let connectionId: string;

const proOver40 = {
  explanation: 'Pro users over 40.',
  kind: 'filter',
  source: null,
  filter: {
    combinator: 'and',
    not: false,
    rules: [
      { field: 'plan', operator: '=', value: 'pro' },
      { field: 'age', operator: '>', value: 40 },
    ],
  },
  query: null,
};
const expectedIds = () =>
  customer.users
    .filter((user) => user.plan === 'pro' && user.age !== null && user.age > 40)
    .map((user) => user.id)
    .sort((a, b) => a - b);

beforeAll(async () => {
  [web, customer, fake] = await Promise.all([
    startWebHarness({ LLM_TIMEOUT_SECONDS: '1' }),
    createPostgresCustomerDatabase(),
    startFakeOpenAi({ apiKey: 'sk-magic-test' }),
  ]);
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
  expect(created.status).toBe(201);
  connectionId = ((await created.json()) as { connection: { id: string } }).connection.id;
});
afterEach(() => fake.reset());
afterAll(async () => {
  await web?.close();
  await Promise.all([customer?.drop(), fake?.close()]);
});

const generate = (cookie: string, prompt = 'pro customers older than 40') =>
  web.call('POST', '/api/magic-query', {
    cookie,
    body: { connectionId, source: customer.usersSource, prompt, timeZone: 'Europe/Berlin' },
  });

async function errorOf(response: Response): Promise<{ code: string; message: string }> {
  return ((await response.json()) as { error: { code: string; message: string } }).error;
}

describe('Magic Query before a model is set up', () => {
  it('says so, and where to set one up', async () => {
    const view = await web.call('GET', '/api/settings/llm', { cookie: viewer });
    expect(await view.json()).toMatchObject({ configured: false, sendSampleValues: false });
    const response = await generate(viewer);
    expect(response.status).toBe(503);
    expect((await errorOf(response)).message).toMatch(/No AI model is set up.*Settings → Magic Query/);
    expect(fake.requests()).toEqual([]);
  });
});

describe('Magic Query settings', () => {
  it('lets only owners change them, keeps the key write-only, and audits the change', async () => {
    const denied = await web.call('PUT', '/api/settings/llm', {
      cookie: viewer,
      body: { baseUrl: fake.baseUrl, model: 'fake-model' },
    });
    expect(denied.status).toBe(403);

    const saved = await web.call('PUT', '/api/settings/llm', {
      cookie: owner,
      body: { baseUrl: fake.baseUrl, model: 'fake-model', apiKey: 'sk-magic-test' },
    });
    expect(saved.status).toBe(200);
    const text = await saved.text();
    expect(text).not.toContain('sk-magic-test');
    expect(JSON.parse(text)).toMatchObject({ configured: true, apiKeySet: true, apiKeySource: 'settings' });

    const audit = await web.call('GET', '/api/audit-events', { cookie: owner });
    const entry = ((await audit.json()) as { events: { action: string; details: unknown }[] }).events.find(
      (event) => event.action === 'settings.llm_updated',
    );
    expect(entry?.details).toEqual({ changed: ['baseUrl', 'model', 'apiKey'] });
    expect(JSON.stringify(entry)).not.toContain('sk-magic-test');
  });

  it('tests the model with the values in the form before they are saved', async () => {
    fake.script({ json: { ok: true } });
    const ok = await web.call('POST', '/api/settings/llm/test', { cookie: owner, body: {} });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ model: 'fake-model', structuredOutputs: true });
    expect(fake.requests()[0]?.authorization).toBe('Bearer sk-magic-test');

    const wrongKey = await web.call('POST', '/api/settings/llm/test', {
      cookie: owner,
      body: { apiKey: 'sk-typed-but-wrong' },
    });
    expect(wrongKey.status).toBe(503);
    const error = await errorOf(wrongKey);
    expect(error.message).toMatch(/refused the API key/);
    expect(error.message).not.toContain('sk-typed-but-wrong');
  });
});

describe('Generating a query', () => {
  it('returns a checked filter that, run as a preview, shows exactly the rows asked for', async () => {
    fake.script({ json: proOver40 });
    const response = await generate(viewer);
    expect(response.status).toBe(200);
    const result = (await response.json()) as { definition: unknown; explanation: string; attempts: number };
    expect(result).toMatchObject({ explanation: 'Pro users over 40.', attempts: 1 });

    const preview = await web.call('POST', `/api/connections/${connectionId}/preview`, {
      cookie: viewer,
      body: {
        source: customer.usersSource,
        definition: result.definition,
        pageSize: 500,
        sort: [{ field: 'id', direction: 'asc' }],
      },
    });
    expect(preview.status).toBe(200);
    const rows = ((await preview.json()) as { rows: { id: number }[] }).rows;
    expect(rows.map((row) => Number(row.id))).toEqual(expectedIds());

    // The prompt went to the model with the schema; no customer values did (the switch is off).
    const [sent] = fake.requests();
    expect(sent?.responseFormat?.type).toBe('json_schema');
    expect(sent?.text).toContain('Europe/Berlin');
    const values = customer.users.flatMap((user) => [user.email, user.name]).filter((v): v is string => !!v);
    expect(values.filter((value) => sent!.text.includes(value))).toEqual([]);
  });

  it('sends sample values once an owner allows them', async () => {
    await web.call('PUT', '/api/settings/llm', { cookie: owner, body: { sendSampleValues: true } });
    try {
      fake.script({ json: proOver40 });
      expect((await generate(viewer)).status).toBe(200);
      expect(fake.requests()[0]?.text).toContain('sample values:');
    } finally {
      await web.call('PUT', '/api/settings/llm', { cookie: owner, body: { sendSampleValues: false } });
    }
  });

  it('repairs an unknown field once, then answers', async () => {
    fake.script(
      {
        json: {
          ...proOver40,
          filter: { combinator: 'and', not: false, rules: [{ field: 'tier', operator: '=', value: 'pro' }] },
        },
      },
      { json: proOver40 },
    );
    const response = await generate(viewer);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ attempts: 2 });
  });

  it('refuses a write query and runs nothing', async () => {
    const before = await customer.checksum();
    const write = { json: { ...proOver40, kind: 'query', filter: null, query: 'DELETE FROM public.users' } };
    fake.script(write, write);
    const response = await generate(owner);
    expect(response.status).toBe(400);
    expect((await errorOf(response)).message).toMatch(/query Connect does not run, and nothing was run/);
    expect(await customer.checksum()).toBe(before);
  });

  it('gives a viewer filters only: a query answer is sent back, never run', async () => {
    const adults = {
      json: { ...proOver40, kind: 'query', filter: null, query: 'SELECT * FROM public.users' },
    };
    fake.script(adults, { json: proOver40 });
    const repaired = await generate(viewer);
    expect(repaired.status).toBe(200);
    expect(await repaired.json()).toMatchObject({ attempts: 2, definition: { type: 'filter' } });
    const [first, second] = fake.requests();
    expect(first?.text).toContain('kind "query" is not allowed for this user');
    expect(second?.text).toContain('this user may not run raw queries');

    fake.reset();
    fake.script(adults, adults);
    const refused = await generate(viewer);
    expect(refused.status).toBe(400);
    expect((await errorOf(refused)).message).toBe(
      'The AI model could only answer with a query, and only editors and owners may run queries; nothing was run. Rephrase the request so that filters can express it, or ask an editor to build the cohort.',
    );
  });

  it('says when the model is too slow', async () => {
    fake.script({ delayMs: 3_000, json: proOver40 });
    const started = Date.now();
    const response = await generate(viewer);
    expect(response.status).toBe(503);
    expect((await errorOf(response)).message).toMatch(/did not answer within 1 second\./);
    expect(Date.now() - started).toBeLessThan(2_500);
  });
});
