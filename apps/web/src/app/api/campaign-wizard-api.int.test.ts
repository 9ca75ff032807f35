import { dropDatabase, type FakeFyno, postgresUrlFor, startFakeFyno, withAdmin } from '@connect/testkit';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { services } from '@/server/services';
import { startWebHarness, type WebHarness } from '@/test-support/web-harness';

// The campaign wizard's API: the "To" sample, the dry run, and "Trigger Campaign",
// which creates a campaign only when the fake Fyno accepts the test event.
let web: WebHarness;
let fyno: FakeFyno;
let owner: string;
let cohortId: string;
const customerDb = `connect_test_customer_${randomBytes(5).toString('hex')}`;

beforeAll(async () => {
  fyno = await startFakeFyno({
    events: [{ name: 'welcome', channels: ['email', 'sms'], placeholders: ['first_name'] }],
  });
  web = await startWebHarness({
    FYNO_WSID: fyno.workspaceId,
    FYNO_API_KEY: fyno.apiKey,
    FYNO_API_BASE: fyno.baseUrl,
  });
  owner = web.cookieFrom(
    await web.call('POST', '/api/setup', {
      body: { name: 'Owner', email: 'o@example.com', password: 'owner password 1' },
    }),
  );
  await withAdmin((admin) => admin.query(`create database "${customerDb}"`));
  const client = new pg.Client({ connectionString: postgresUrlFor(customerDb) });
  await client.connect();
  await client.query(`create table users (id int primary key, email text, phone text, first_name text);
    insert into users values
      (1, 'ana@example.com', '+14155552671', 'Ana'),
      (2, 'not-an-email', 'call me', 'Bad'),
      (3, null, null, 'Nobody'),
      (4, 'ana@EXAMPLE.com', '+14155552671', 'Ana again'),
      (5, 'ben@example.com', '+919876543210', 'Ben')`);
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
  await web.call('POST', '/api/event-catalog', {
    cookie: owner,
    body: { name: 'welcome', channels: ['email', 'sms'], placeholders: ['first_name'] },
  });
});
afterAll(async () => {
  await web.close();
  await fyno.close();
  await dropDatabase(customerDb);
});

const mapping = {
  eventName: 'welcome',
  to: { email: 'email' },
  data: { first_name: { kind: 'column', column: 'first_name' } },
};
const draft = (name: string) => ({ name, type: 'Onboarding', cohortId, mapping });
const listNames = async () =>
  (
    (await (await web.call('GET', '/api/campaigns', { cookie: owner })).json()) as {
      campaigns: { name: string }[];
    }
  ).campaigns.map((campaign) => campaign.name);

describe('the wizard’s reads', () => {
  it('samples the cohort: its columns, the first values of each destination column and how many are valid', async () => {
    const response = await web.call('POST', '/api/campaigns/drafts/sample', {
      cookie: owner,
      body: { cohortId, to: { email: 'email', sms: 'phone' } },
    });
    expect(response.status).toBe(200);
    const sample = await response.json();
    expect(sample.columns).toEqual(['id', 'email', 'phone', 'first_name']);
    expect(sample).toMatchObject({ sampled: 5, more: false, firstRow: { first_name: 'Ana' } });
    expect(sample.destinations.email).toEqual({
      column: 'email',
      valid: 3,
      madeValidByPhoneCountry: 0,
      examples: [
        { raw: 'ana@example.com', ok: true, value: 'ana@example.com' },
        { raw: 'not-an-email', ok: false, reason: 'invalid email' },
        { raw: null, ok: false, reason: 'no email' },
      ],
    });
    expect(sample.destinations.sms.valid).toBe(3);
  });

  it('dry-runs the campaign: would send, invalid and duplicates, without sending', async () => {
    const response = await web.call('POST', '/api/campaigns/drafts/dry-run', {
      cookie: owner,
      body: { cohortId, mapping },
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      rows: 5,
      wouldSend: 2,
      invalid: 2,
      invalidReasons: { 'invalid email': 1, 'no email': 1 },
      phoneCountry: null,
      madeValidByPhoneCountry: 0,
      duplicates: 1,
      duplicatesExact: true,
      dedupeKeyCap: 250_000,
    });
    expect(fyno.received()).toHaveLength(0);
  });
});

describe('Trigger Campaign', () => {
  it('creates nothing when Fyno refuses the test event, and says why in plain words', async () => {
    await web.call('PUT', '/api/settings/fyno', { cookie: owner, body: { apiKey: 'wrong-key' } });
    const response = await web.call('POST', '/api/campaigns', {
      cookie: owner,
      body: {
        ...draft('Refused'),
        testTrigger: { channel: 'email', destination: 'tester@example.com' },
        startNow: true,
      },
    });
    await web.call('PUT', '/api/settings/fyno', { cookie: owner, body: { clearApiKey: true } });
    expect(response.status).toBe(200);
    const result = await response.json();
    expect(result).toMatchObject({ saved: false, trigger: { ok: false, status: 401 } });
    expect(result.trigger.message).toMatch(/API key/);
    expect(await listNames()).toEqual([]);
    expect(fyno.received()).toHaveLength(0);
  });

  it('creates the campaign and starts it once Fyno accepts the test event with the first row’s data', async () => {
    const response = await web.call('POST', '/api/campaigns', {
      cookie: owner,
      body: {
        ...draft('Welcome'),
        testTrigger: { channel: 'email', destination: 'tester@example.com' },
        startNow: true,
      },
    });
    expect(response.status).toBe(201);
    const result = await response.json();
    expect(result).toMatchObject({
      saved: true,
      campaign: { name: 'Welcome', status: 'active' },
      run: { status: 'queued', trigger: 'manual' },
      trigger: { ok: true, sent: { to: { email: 'tester@example.com' }, data: { first_name: 'Ana' } } },
    });
    const received = fyno.received({ destination: 'tester@example.com' });
    expect(received).toHaveLength(1);
    expect(received[0]).toMatchObject({ event: 'welcome', data: { first_name: 'Ana' } });

    const list = await (await web.call('GET', '/api/campaigns', { cookie: owner })).json();
    expect(list.campaigns).toEqual([
      expect.objectContaining({
        name: 'Welcome',
        cohortName: 'Everyone',
        scheduleWords: 'One time, sent when started',
        lastRun: expect.objectContaining({ id: result.run.id, status: 'queued' }),
        nextRun: null,
      }),
    ]);
  });

  it('refuses a taken name or a time already past before any test event goes out', async () => {
    const before = fyno.received().length;
    const taken = await web.call('POST', '/api/campaigns', {
      cookie: owner,
      body: { ...draft('welcome'), testTrigger: { channel: 'email', destination: 'tester@example.com' } },
    });
    expect(taken.status).toBe(409);
    expect((await taken.json()).error.fieldErrors).toEqual({ name: 'This name is taken' });

    const past = await web.call('POST', '/api/campaigns', {
      cookie: owner,
      body: {
        ...draft('Too late'),
        schedule: { kind: 'once', at: '2020-01-01T09:00', timeZone: 'Asia/Kolkata' },
        testTrigger: { channel: 'email', destination: 'tester@example.com' },
      },
    });
    expect(past.status).toBe(400);
    expect((await past.json()).error.message).toMatch(/has already passed/);

    const offChannel = await web.call('POST', '/api/campaigns', {
      cookie: owner,
      body: { ...draft('Wrong channel'), testTrigger: { channel: 'sms', destination: '+14155552671' } },
    });
    expect(offChannel.status).toBe(400);
    expect((await offChannel.json()).error.fieldErrors).toEqual({
      'testTrigger.channel': 'Not a channel of this campaign',
    });
    expect(fyno.received()).toHaveLength(before);
    expect(await listNames()).toEqual(['Welcome']);
  });

  it('a scheduled campaign is created with its tick and shows its next run in the list', async () => {
    const response = await web.call('POST', '/api/campaigns', {
      cookie: owner,
      body: {
        ...draft('Daily'),
        schedule: {
          kind: 'recurring',
          frequency: 'day',
          times: ['09:00'],
          timeZone: 'Europe/Berlin',
          startDate: '2026-01-01',
          endAfterRuns: 3,
        },
        testTrigger: { channel: 'email', destination: 'tester@example.com' },
      },
    });
    expect(response.status).toBe(201);
    const { campaign, run } = await response.json();
    expect(run).toBeNull();
    const ticks = await services().jobs.pendingJobIds('campaign-tick', `tick-${campaign.id}-`);
    expect(ticks).toHaveLength(1);
    const list = await (await web.call('GET', '/api/campaigns', { cookie: owner })).json();
    const daily = list.campaigns.find((c: { name: string }) => c.name === 'Daily');
    expect(daily.scheduleWords).toBe(
      'Every day at 09:00, Europe/Berlin, starting 1 Jan 2026, ending after 3 runs (0 done)',
    );
    const berlin = new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Europe/Berlin',
      hour: '2-digit',
      minute: '2-digit',
    });
    expect(berlin.format(new Date(daily.nextRun))).toBe('09:00');
    expect(ticks).toEqual([`tick-${campaign.id}-${Date.parse(daily.nextRun)}`]);
  });

  it('an edit sent with a refused test event changes nothing', async () => {
    const [welcome] = (await (await web.call('GET', '/api/campaigns', { cookie: owner })).json()).campaigns;
    await web.call('PUT', '/api/settings/fyno', { cookie: owner, body: { apiKey: 'wrong-key' } });
    const response = await web.call('PUT', `/api/campaigns/${welcome.id}`, {
      cookie: owner,
      body: {
        ...draft('Welcome renamed'),
        testTrigger: { channel: 'email', destination: 'tester@example.com' },
      },
    });
    await web.call('PUT', '/api/settings/fyno', { cookie: owner, body: { clearApiKey: true } });
    expect((await response.json()).saved).toBe(false);
    expect(await listNames()).toContain('Welcome');
    expect(await listNames()).not.toContain('Welcome renamed');
  });
});
