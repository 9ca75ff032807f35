import { retryRun } from '@connect/campaigns';
import { JobProducer } from '@connect/queue';
import { afterEach, describe, expect, it } from 'vitest';
import { type CampaignFixture, createCampaignFixture } from './test-support/campaign-fixture';
import { expectDeliveredExactlyOnce } from './test-support/delivery-checks';
import { startWorkerProcess, type WorkerProcess } from './test-support/worker-processes';

let fixture: CampaignFixture | undefined;
let worker: WorkerProcess | undefined;

afterEach(async () => {
  await worker?.kill();
  worker = undefined;
  await fixture?.close();
  fixture = undefined;
});

async function setUp(users: number) {
  fixture = await createCampaignFixture();
  await fixture.loadUsers(users);
  worker = await startWorkerProcess(fixture.workerEnv);
  return fixture;
}

describe('when Fyno misbehaves', () => {
  it('rate limits, server errors, dropped replies and slow answers: everything arrives once, retries are counted', async () => {
    const f = await setUp(5_000);
    f.fyno.setFaults({
      rateLimitRate: 0.1,
      retryAfterSeconds: 1,
      serverErrorRate: 0.05,
      dropAfterAcceptRate: 0.05,
      slowRate: 0.2,
      slowMs: 400,
      seed: 7,
    });
    const run = await f.runNow(await f.createCampaign({ mapping: {} }));
    const done = await f.waitForRun(run.id, ['completed', 'failed'], 120_000);
    expectDeliveredExactlyOnce(f, done);
    const stats = f.fyno.stats();
    expect(
      stats.faults.rateLimited + stats.faults.serverError + stats.faults.droppedAfterAccept,
    ).toBeGreaterThan(0);
    expect(stats.replays).toBeGreaterThan(0); // a dropped reply's retry was answered from the idempotency record
    expect(done.retries).toBeGreaterThanOrEqual(stats.faults.rateLimited + stats.faults.serverError);
  }, 180_000);

  it('a wrong API key stops the run at once with the reason in plain words, without a retry storm', async () => {
    const f = await setUp(3_000);
    await f.store.settings.updateFyno(f.workspaceId, { apiKey: 'not-the-right-key' }, f.userId);
    const run = await f.runNow(await f.createCampaign());
    const done = await f.waitForRun(run.id, ['completed', 'failed']);
    expect(done.status).toBe('failed');
    expect(done.failureReason).toMatch(/^Fyno refused the send: Fyno rejected the API key or workspace ID/);
    expect(f.fyno.countDeliveries()).toBe(0);
    // At most one request per batch that was already running when the first 401 came back.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(f.fyno.stats().requests).toBeLessThanOrEqual(4);
  }, 180_000);

  it('an unknown event stops the run at once and names the event', async () => {
    const f = await setUp(1_000);
    const run = await f.runNow(await f.createCampaign({ mapping: { eventName: 'no_such_event' } }));
    const done = await f.waitForRun(run.id, ['completed', 'failed']);
    expect(done.status).toBe('failed');
    expect(done.failureReason).toContain('no_such_event');
    expect(f.fyno.stats().requests).toBeLessThanOrEqual(4);
  }, 180_000);
});

describe('when the customer database cannot be reached', () => {
  it('the run fails with a clear reason, and once the database is back a retry delivers everyone once', async () => {
    const f = await setUp(1_500);
    const campaignId = await f.createCampaign();
    const campaign = await f.store.campaigns.get(f.workspaceId, campaignId);
    const cohort = await f.store.cohorts.get(f.workspaceId, campaign.cohortId);
    const connection = await f.store.connections.get(f.workspaceId, cohort.connectionId);
    const goodUrl = connection.config.url as string;
    const update = (url: string) =>
      f.store.connections.update(f.workspaceId, connection.id, {
        name: connection.name,
        config: { url },
        secrets: {},
        test: { ok: true },
      });
    await update('postgresql://postgres@127.0.0.1:1/nowhere');

    const run = await f.runNow(campaignId);
    const failed = await f.waitForRun(run.id, ['failed', 'completed'], 90_000);
    expect(failed.status).toBe('failed');
    expect(failed.failureReason).toMatch(
      /^Reading the cohort failed: Nothing is accepting connections at 127\.0\.0\.1:1\. Check the host and port/,
    );
    expect(f.fyno.countDeliveries()).toBe(0);

    await update(goodUrl);
    const jobs = new JobProducer({ connection: f.redis.client, prefix: f.redis.prefix });
    try {
      const actor = {
        workspaceId: f.workspaceId,
        user: { id: f.userId, email: 'owner@example.com' },
        ip: null,
      };
      await retryRun({ store: f.store, jobs }, actor, run.id);
    } finally {
      await jobs.close();
    }
    const done = await f.waitForRun(run.id, ['completed', 'failed']);
    expectDeliveredExactlyOnce(f, done);
  }, 180_000);
});
