import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CampaignFixture, createCampaignFixture } from './test-support/campaign-fixture';
import { startWorkerProcess, type WorkerProcess } from './test-support/worker-processes';

let fixture: CampaignFixture;
let worker: WorkerProcess | undefined;

beforeAll(async () => {
  fixture = await createCampaignFixture();
});
afterAll(async () => {
  await worker?.stop();
  await fixture.close();
});

describe('campaign delivery', () => {
  it('delivers every valid, distinct recipient of a Postgres cohort exactly once', async () => {
    await fixture.loadUsers(2_500, { invalidEvery: 100, duplicateEvery: 250 });
    const campaignId = await fixture.createCampaign();
    worker = await startWorkerProcess(fixture.workerEnv);

    const started = await fixture.runNow(campaignId);
    const run = await fixture.waitForRun(started.id, ['completed', 'failed']);

    // Every 100th row has an invalid email; every 250th that is not also a 100th repeats the row before's.
    expect(run).toMatchObject({
      status: 'completed',
      rowsRead: 2_500,
      invalid: 25,
      invalidReasons: { 'invalid email': 25 },
      duplicates: 5,
      recipients: 2_470,
    });
    expect(run.sent).toBe(run.recipients);
    expect(run.failed).toBe(0);

    expect(fixture.fyno.countDeliveries({ event: 'welcome' })).toBe(run.recipients);
    expect(fixture.fyno.duplicates({ event: 'welcome' })).toEqual([]);
    const first = fixture.fyno.received({ destination: 'user1@example.com' });
    expect(first).toHaveLength(1);
    expect(first[0]).toMatchObject({ data: { first_name: 'Name 1' } });
    // A campaign sent when started (no schedule) is done once its run is.
    expect((await fixture.store.campaigns.get(fixture.workspaceId, campaignId)).status).toBe('completed');
  }, 120_000);
});
