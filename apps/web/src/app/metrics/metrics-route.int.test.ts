import { NextRequest } from 'next/server';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { services } from '@/server/services';
import { startWebHarness, type WebHarness } from '@/test-support/web-harness';
import { GET } from './route';

const token = 'metrics-token-'.padEnd(48, '7');
let web: WebHarness;

beforeAll(async () => {
  web = await startWebHarness({ METRICS_TOKEN: token });
});
afterAll(() => web.close());

function scrape(authorization?: string): Promise<Response> {
  const headers = new Headers(authorization ? { authorization } : {});
  return GET(new NextRequest('http://connect.test/metrics', { headers }), { params: Promise.resolve({}) });
}

/** The value of one sample line (`name{labels} value`) in Prometheus text, or undefined. */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

/** A campaign with one completed run (7 sent, 2 failed) and one queued run, arranged in the store. */
async function arrangeRuns(): Promise<void> {
  const { store } = services();
  const workspaceId = (await store.workspaces.getDefault()).id;
  const user = await store.users.create({
    workspaceId,
    email: 'ops@example.com',
    name: 'Ops',
    passwordHash: 'x',
    role: 'editor',
  });
  const connection = await store.connections.create({
    workspaceId,
    kind: 'postgres',
    name: 'Customers',
    config: {},
    secrets: {},
    test: { ok: true },
    createdBy: user.id,
  });
  const cohort = await store.cohorts.create({
    workspaceId,
    connectionId: connection.id,
    name: 'Everyone',
    source: { name: 'users' },
    definition: { type: 'filter', filter: { combinator: 'and', rules: [] } },
    createdBy: user.id,
  });
  const campaign = await store.campaigns.create(
    workspaceId,
    {
      name: 'Welcome',
      type: 'Onboarding',
      cohortId: cohort.id,
      mapping: {
        eventName: 'welcome',
        to: { email: 'email' },
        data: {},
        distinctIdColumn: null,
        phoneCountry: null,
      },
      rateLimitPerSecond: null,
      errorPolicy: { mode: 'continue' },
      schedule: null,
    },
    user.id,
  );
  const run = (occurrence: string) =>
    store.campaignRuns.createForOccurrence({
      workspaceId,
      campaignId: campaign.id,
      occurrence,
      trigger: 'manual',
      settings: {},
      requestedBy: user.id,
    });
  const done = await run('manual:1');
  await run('manual:2');
  // The counters are the ledger's; the engine keeps them, here they are set directly.
  const client = new pg.Client({ connectionString: web.database.url });
  await client.connect();
  await client.query(`update campaign_runs set status = 'completed', sent = 7, failed = 2 where id = $1`, [
    done.run.id,
  ]);
  await client.end();
}

describe('GET /metrics', () => {
  it('refuses a scrape without the token, or with a wrong one', async () => {
    const none = await scrape();
    expect(none.status).toBe(401);
    expect(await none.json()).toMatchObject({ error: { code: 'unauthenticated' } });
    expect((await scrape(`Bearer ${token}x`)).status).toBe(401);
    expect((await scrape(`Basic ${token}`)).status).toBe(401);
  });

  it('reports runs, recipients sent and failed, queue depth and workers', async () => {
    await arrangeRuns();
    await services().jobs.enqueue('purge-expired-sessions', {});

    const response = await scrape(`Bearer ${token}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await response.text();
    expect(sample(text, 'connect_campaign_runs{status="completed"}')).toBe(1);
    expect(sample(text, 'connect_campaign_runs{status="queued"}')).toBe(1);
    expect(sample(text, 'connect_campaign_runs{status="failed"}')).toBe(0);
    expect(sample(text, 'connect_campaign_recipients{status="sent"}')).toBe(7);
    expect(sample(text, 'connect_campaign_recipients{status="failed"}')).toBe(2);
    expect(sample(text, 'connect_queue_jobs{queue="maintenance",state="waiting"}')).toBe(1);
    expect(sample(text, 'connect_queue_jobs{queue="campaign-batches",state="waiting"}')).toBe(0);
    expect(sample(text, 'connect_workers')).toBe(0);
    expect(text).toContain('connect_web_process_resident_memory_bytes');
  });

  it('times every API request by method, route and status', async () => {
    const status = (await web.call('GET', '/api/health')).status;
    const series = `connect_http_request_duration_seconds_count{method="GET",route="/api/health",status="${status}"}`;
    const before = sample(await (await scrape(`Bearer ${token}`)).text(), series) ?? 0;
    await web.call('GET', '/api/health');
    await web.call('GET', '/api/health');
    const after = await (await scrape(`Bearer ${token}`)).text();
    expect(sample(after, series)).toBe(before + 2);
    expect(after).toContain(
      `connect_http_request_duration_seconds_bucket{le="10",method="GET",route="/api/health",status="${status}"}`,
    );
  });

  it('is off, with a 404 that says how to turn it on, when METRICS_TOKEN is not set', async () => {
    const app = services();
    const { METRICS_TOKEN: _, ...env } = app.env;
    app.env = env;
    try {
      const response = await scrape(`Bearer ${token}`);
      expect(response.status).toBe(404);
      expect((await response.json()) as unknown).toMatchObject({
        error: { code: 'not_found', message: expect.stringContaining('METRICS_TOKEN') },
      });
    } finally {
      app.env = { ...env, METRICS_TOKEN: token };
    }
  });
});
