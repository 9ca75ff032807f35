import { type FakeFyno, postgresUrlFor, startFakeFyno, withAdmin, dropDatabase } from '@connect/testkit';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { services } from '@/server/services';
import { startWebHarness, type WebHarness } from '@/test-support/web-harness';

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
  await withAdmin(async () => {
    const pg = await import('pg');
    const client = new pg.default.Client({ connectionString: postgresUrlFor(customerDb) });
    await client.connect();
    await client.query(`create table users (id int primary key, email text, first_name text);
      insert into users values (1, 'ana@example.com', 'Ana'), (2, 'ben@example.com', 'Ben')`);
    await client.end();
  });
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
});
afterAll(async () => {
  await web.close();
  await fyno.close();
  await dropDatabase(customerDb);
});

const campaignBody = () => ({
  name: 'Welcome',
  type: 'Onboarding',
  cohortId,
  mapping: {
    eventName: 'welcome',
    to: { email: 'email' },
    data: { first_name: { kind: 'column', column: 'first_name' } },
  },
});

describe('campaigns API', () => {
  let campaignId: string;

  it('refuses a campaign whose event is not in the catalog, then accepts it once it is', async () => {
    const refused = await web.call('POST', '/api/campaigns', { cookie: owner, body: campaignBody() });
    expect(refused.status).toBe(400);
    expect((await refused.json()).error.message).toMatch(/not in the event catalog/);

    const added = await web.call('POST', '/api/event-catalog', {
      cookie: owner,
      body: { name: 'welcome', channels: ['email'], placeholders: ['first_name'] },
    });
    expect(added.status).toBe(201);

    const wrongChannel = await web.call('POST', '/api/campaigns', {
      cookie: owner,
      body: { ...campaignBody(), mapping: { ...campaignBody().mapping, to: { sms: 'email' } } },
    });
    expect(wrongChannel.status).toBe(400);
    expect((await wrongChannel.json()).error.fieldErrors).toEqual({
      'mapping.to.sms': 'Not a channel of this event',
    });

    const created = await web.call('POST', '/api/campaigns', { cookie: owner, body: campaignBody() });
    expect(created.status).toBe(201);
    campaignId = (await created.json()).campaign.id;
  });

  it('test-triggers one event with the first row’s data and returns Fyno’s reply verbatim', async () => {
    const response = await web.call('POST', `/api/campaigns/${campaignId}/test-trigger`, {
      cookie: owner,
      body: { channel: 'email', destination: 'tester@example.com' },
    });
    expect(response.status).toBe(200);
    const result = await response.json();
    expect(result).toMatchObject({
      ok: true,
      status: 202,
      sent: { event: 'welcome', to: { email: 'tester@example.com' }, data: { first_name: 'Ana' } },
    });
    expect(result.body).toMatchObject({ event: 'welcome', request_id: expect.any(String) });
    expect(fyno.received({ destination: 'tester@example.com' })).toHaveLength(1);
  });

  it('shows Fyno’s refusal in plain words when the key is wrong', async () => {
    await web.call('PUT', '/api/settings/fyno', { cookie: owner, body: { apiKey: 'wrong-key' } });
    const response = await web.call('POST', `/api/campaigns/${campaignId}/test-trigger`, {
      cookie: owner,
      body: { channel: 'email', destination: 'tester@example.com' },
    });
    const result = await response.json();
    expect(result).toMatchObject({
      ok: false,
      status: 401,
      body: { status: 'error', _message: 'Invalid API details' },
    });
    expect(result.message).toMatch(/API key/);
    await web.call('PUT', '/api/settings/fyno', { cookie: owner, body: { clearApiKey: true } });
  });

  it('asks before Run now: shows the cohort size, refuses without a confirmation or above the expected size', async () => {
    const preview = await web.call('GET', `/api/campaigns/${campaignId}/runs/preview`, { cookie: owner });
    // Counted exactly when that is quick: a never-analysed table's estimate can be far off.
    expect(await preview.json()).toMatchObject({
      cohortSize: { count: 2, exact: true },
      cohortError: null,
      lastSend: null,
    });
    const unconfirmed = await web.call('POST', `/api/campaigns/${campaignId}/runs`, { cookie: owner });
    expect(unconfirmed.status).toBe(400);
    expect((await unconfirmed.json()).error.message).toMatch(/needs a confirmation/);
    const tooMany = await web.call('POST', `/api/campaigns/${campaignId}/runs`, {
      cookie: owner,
      body: { confirm: true, expectedMaxRecipients: 0 },
    });
    expect(tooMany.status).toBe(409);
    expect((await tooMany.json()).error.message).toMatch(/more than the 0 expected; nothing was sent/);
    const runs = await (await web.call('GET', `/api/campaigns/${campaignId}/runs`, { cookie: owner })).json();
    expect(runs.runs).toEqual([]);
  });

  it('starts a run, reports it, and lets it be cancelled; a finished run cannot be paused', async () => {
    const started = await web.call('POST', `/api/campaigns/${campaignId}/runs`, {
      cookie: owner,
      body: { confirm: true, expectedMaxRecipients: 2 },
    });
    expect(started.status).toBe(201);
    const { run } = await started.json();
    expect(run.status).toBe('queued');

    const detail = await (await web.call('GET', `/api/runs/${run.id}`, { cookie: owner })).json();
    expect(detail).toMatchObject({ run: { id: run.id }, progress: { percent: null } });

    const cancelled = await web.call('POST', `/api/runs/${run.id}/cancel`, { cookie: owner });
    expect((await cancelled.json()).run.status).toBe('cancelled');
    const pause = await web.call('POST', `/api/runs/${run.id}/pause`, { cookie: owner });
    expect(pause.status).toBe(409);
    expect((await pause.json()).error.message).toBe(
      'Only a running run can be paused; this one is cancelled.',
    );
    const unknown = await web.call('POST', `/api/runs/${run.id}/explode`, { cookie: owner });
    expect(unknown.status).toBe(404);

    const list = await (await web.call('GET', `/api/campaigns/${campaignId}/runs`, { cookie: owner })).json();
    expect(list.runs.map((r: { id: string }) => r.id)).toEqual([run.id]);
    const { events } = await (await web.call('GET', '/api/audit-events?limit=200', { cookie: owner })).json();
    expect(events).toContainEqual(
      expect.objectContaining({ action: 'campaign.run_started', targetId: run.id, details: { campaignId } }),
    );
  });
});

describe('campaign schedules', () => {
  const weekly = {
    kind: 'recurring',
    frequency: 'week',
    weekdays: [1, 5],
    times: ['13:00', '16:30'],
    timeZone: 'Asia/Kolkata',
    startDate: '2026-01-01',
    endAfterRuns: 10,
  };

  /** The campaign's pending ticks, as the moments (ISO) they are for. */
  const ticks = async (campaignId: string) =>
    (await services().jobs.pendingJobIds('campaign-tick', `tick-${campaignId}-`)).map((id) =>
      new Date(Number(id.slice(`tick-${campaignId}-`.length))).toISOString(),
    );

  it('queues one tick for the next run in the chosen time zone, and shows the next five runs', async () => {
    const created = await web.call('POST', '/api/campaigns', {
      cookie: owner,
      body: { ...campaignBody(), name: 'Weekly digest', schedule: weekly },
    });
    expect(created.status).toBe(201);
    const { campaign } = await created.json();
    const overview = await (await web.call('GET', `/api/campaigns/${campaign.id}`, { cookie: owner })).json();
    expect(overview.nextRuns).toHaveLength(5);
    const weekdays = overview.nextRuns.map((run: { at: string }) =>
      new Intl.DateTimeFormat('en-US', { weekday: 'short', timeZone: 'Asia/Kolkata' }).format(
        new Date(run.at),
      ),
    );
    expect(new Set(weekdays)).toEqual(new Set(['Mon', 'Fri']));
    expect(overview.nextRuns.every((run: { note: string | null }) => run.note === null)).toBe(true);
    // What fires is the first run of the preview.
    expect(await ticks(campaign.id)).toEqual([overview.nextRuns[0].at]);

    // Pausing removes the tick; resuming brings it back; the runs list stays.
    expect((await web.call('POST', `/api/campaigns/${campaign.id}/pause`, { cookie: owner })).status).toBe(
      200,
    );
    expect(await ticks(campaign.id)).toEqual([]);
    expect(
      (await (await web.call('GET', `/api/campaigns/${campaign.id}`, { cookie: owner })).json()).nextRuns,
    ).toEqual([]);
    await web.call('POST', `/api/campaigns/${campaign.id}/resume`, { cookie: owner });
    expect(await ticks(campaign.id)).toEqual([overview.nextRuns[0].at]);

    // Editing reschedules: the old tick goes, the new schedule's next run is queued.
    const edited = await web.call('PUT', `/api/campaigns/${campaign.id}`, {
      cookie: owner,
      body: { ...campaignBody(), name: 'Weekly digest', schedule: { ...weekly, times: ['09:00'] } },
    });
    expect(edited.status).toBe(200);
    const [nextTick] = await ticks(campaign.id);
    expect(await ticks(campaign.id)).toHaveLength(1);
    expect(
      new Intl.DateTimeFormat('en-GB', {
        timeZone: 'Asia/Kolkata',
        hour: '2-digit',
        minute: '2-digit',
      }).format(new Date(nextTick!)),
    ).toBe('09:00');

    // A duplicate starts paused, so it cannot send by surprise.
    const copy = await (
      await web.call('POST', `/api/campaigns/${campaign.id}/duplicate`, { cookie: owner })
    ).json();
    expect(copy.campaign).toMatchObject({ name: 'Weekly digest (copy)', status: 'paused' });
    expect(await ticks(copy.campaign.id)).toEqual([]);

    // Deleting removes the tick.
    expect((await web.call('DELETE', `/api/campaigns/${campaign.id}`, { cookie: owner })).status).toBe(200);
    expect(await ticks(campaign.id)).toEqual([]);

    // Each change is in the audit log, under the owner, naming this campaign or its copy.
    const { events } = await (await web.call('GET', '/api/audit-events?limit=200', { cookie: owner })).json();
    const about = (id: string) =>
      events
        .filter((event: { targetId: string | null }) => event.targetId === id)
        .map((event: { action: string }) => event.action)
        .sort();
    expect(about(campaign.id)).toEqual([
      'campaign.created',
      'campaign.deleted',
      'campaign.pause',
      'campaign.resume',
      'campaign.updated',
    ]);
    expect(about(copy.campaign.id)).toEqual(['campaign.duplicate']);
  });

  it('previews why a daylight-saving change moves a run, and asks for a day when Week has none', async () => {
    const santiago = {
      kind: 'recurring',
      frequency: 'day',
      times: ['00:30'],
      timeZone: 'America/Santiago',
      startDate: '2030-09-06',
      endAfterRuns: 10,
    };
    const created = await web.call('POST', '/api/campaigns', {
      cookie: owner,
      body: { ...campaignBody(), name: 'Santiago nightly', schedule: santiago },
    });
    expect(created.status).toBe(201);
    const { campaign } = await created.json();
    const overview = await (await web.call('GET', `/api/campaigns/${campaign.id}`, { cookie: owner })).json();
    // 8 Sep 2030: clocks in Santiago jump from 00:00 to 01:00.
    expect(overview.nextRuns.slice(0, 4)).toEqual([
      { at: '2030-09-06T04:30:00.000Z', note: null }, // 00:30 -04
      { at: '2030-09-07T04:30:00.000Z', note: null },
      {
        at: '2030-09-08T04:00:00.000Z',
        note: '00:30 does not exist on 8 Sep 2030 (clocks move forward); runs at 01:00',
      },
      { at: '2030-09-09T03:30:00.000Z', note: null }, // 00:30 -03
    ]);
    const list = await (await web.call('GET', '/api/campaigns', { cookie: owner })).json();
    expect(list.campaigns.find((c: { id: string }) => c.id === campaign.id).scheduleWords).toBe(
      'Every day at 00:30, America/Santiago, starting 6 Sep 2030, ending after 10 runs (0 done)',
    );

    const noDay = await web.call('POST', '/api/campaigns', {
      cookie: owner,
      body: {
        ...campaignBody(),
        name: 'No day',
        schedule: { ...santiago, frequency: 'week', weekdays: [] },
      },
    });
    expect(noDay.status).toBe(400);
    expect((await noDay.json()).error.fieldErrors).toMatchObject({
      'schedule.weekdays': 'Choose at least one day of the week',
    });
  });
});
