import { dropDatabase, postgresUrlFor, withAdmin } from '@connect/testkit';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { services } from '@/server/services';
import { startWebHarness, type WebHarness } from '@/test-support/web-harness';

// Settings → Phone numbers as the browser uses it, and what the wizard's sample and
// dry run make of national numbers with it: .env says IN, Settings may change it.
let web: WebHarness;
let owner: string;
let viewer: string;
let cohortId: string;
const customerDb = `connect_test_customer_${randomBytes(5).toString('hex')}`;

beforeAll(async () => {
  web = await startWebHarness({ DEFAULT_PHONE_COUNTRY: 'IN' });
  owner = web.cookieFrom(
    await web.call('POST', '/api/setup', {
      body: { name: 'Owner', email: 'o@example.com', password: 'owner password 1' },
    }),
  );
  await web.call('POST', '/api/users', {
    cookie: owner,
    body: { name: 'Viewer', email: 'v@example.com', role: 'viewer', password: 'viewer password 1' },
  });
  viewer = web.cookieFrom(
    await web.call('POST', '/api/auth/sign-in', {
      body: { email: 'v@example.com', password: 'viewer password 1' },
    }),
  );
  await withAdmin((admin) => admin.query(`create database "${customerDb}"`));
  const client = new pg.Client({ connectionString: postgresUrlFor(customerDb) });
  await client.connect();
  await client.query(`create table users (id int primary key, email text, phone text, first_name text);
    insert into users values
      (1, null, '9876500001', 'Ana'),
      (2, null, '+91 98765 00002', 'Ben'),
      (3, null, 'call me', 'Cy'),
      (4, null, null, 'Nobody')`);
  await client.end();

  const { store } = services();
  const workspaceId = (await store.workspaces.getDefault()).id;
  const [user] = await store.users.list(workspaceId);
  const connection = await store.connections.create({
    workspaceId,
    kind: 'postgres',
    name: 'Customers',
    config: { url: postgresUrlFor(customerDb) },
    secrets: {},
    test: { ok: true },
    createdBy: user!.id,
  });
  cohortId = (
    await store.cohorts.create({
      workspaceId,
      connectionId: connection.id,
      name: 'Everyone',
      source: { schema: 'public', name: 'users' },
      definition: { type: 'filter', filter: { combinator: 'and', rules: [] } },
      createdBy: user!.id,
    })
  ).id;
}, 60_000);
afterAll(async () => {
  await web.close();
  await dropDatabase(customerDb);
});

const mapping = (phoneCountry: string | null = null) => ({
  eventName: 'welcome',
  to: { email: 'email', sms: 'phone' },
  data: {},
  phoneCountry,
});
const view = async (cookie = owner) => (await web.call('GET', '/api/settings/phone', { cookie })).json();
const put = (defaultCountry: string, cookie = owner) =>
  web.call('PUT', '/api/settings/phone', { cookie, body: { defaultCountry } });
const dryRun = async (phoneCountry: string | null = null) =>
  (
    await web.call('POST', '/api/campaigns/drafts/dry-run', {
      cookie: owner,
      body: { cohortId, mapping: mapping(phoneCountry) },
    })
  ).json();

describe('phone number settings', () => {
  it('start from DEFAULT_PHONE_COUNTRY, and the dry run and sample read national numbers in it', async () => {
    expect(await view(viewer)).toEqual({ defaultCountry: 'IN', defaultCountrySource: 'env' });
    expect(await dryRun()).toMatchObject({
      rows: 4,
      wouldSend: 2,
      phoneCountry: 'IN',
      madeValidByPhoneCountry: 1,
      invalidReasons: { 'no email; invalid sms number': 1, 'no email; no sms': 1 },
    });
    const sample = await (
      await web.call('POST', '/api/campaigns/drafts/sample', {
        cookie: owner,
        body: { cohortId, to: { sms: 'phone' } },
      })
    ).json();
    expect(sample).toMatchObject({
      phoneCountry: 'IN',
      destinations: { sms: { valid: 2, madeValidByPhoneCountry: 1 } },
    });
  });

  it('let only owners change the country, refuse an unknown one, and audit the change', async () => {
    expect((await put('US', viewer)).status).toBe(403);
    expect((await put('XX')).status).toBe(400);
    const saved = await put('us');
    expect(saved.status).toBe(200);
    expect(await saved.json()).toEqual({ defaultCountry: 'US', defaultCountrySource: 'settings' });
    expect(await dryRun()).toMatchObject({ phoneCountry: 'US' });

    const audit = await web.call('GET', '/api/audit-events', { cookie: owner });
    const entry = ((await audit.json()) as { events: { action: string; details: unknown }[] }).events.find(
      (event) => event.action === 'settings.phone_updated',
    );
    expect(entry?.details).toEqual({ defaultCountry: 'US', source: 'settings' });
  });

  it("give way to a campaign's own country, and an empty value goes back to .env", async () => {
    expect(await dryRun('IN')).toMatchObject({ phoneCountry: 'IN', madeValidByPhoneCountry: 1 });
    expect(await (await put('')).json()).toEqual({ defaultCountry: 'IN', defaultCountrySource: 'env' });
  });
});
