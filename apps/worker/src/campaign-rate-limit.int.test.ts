import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CampaignFixture, createCampaignFixture } from './test-support/campaign-fixture';
import { expectDeliveredExactlyOnce } from './test-support/delivery-checks';
import { startWorkerProcess, type WorkerProcess } from './test-support/worker-processes';

let fixture: CampaignFixture;
const workers: WorkerProcess[] = [];

beforeAll(async () => {
  fixture = await createCampaignFixture();
});
afterAll(async () => {
  await Promise.all(workers.map((worker) => worker.stop()));
  await fixture.close();
});

describe('a campaign send rate limit', () => {
  it('holds across two worker processes: the measured rate stays within 10% of the limit', async () => {
    const limit = 200;
    await fixture.loadUsers(1_800);
    const campaignId = await fixture.createCampaign({ rateLimitPerSecond: limit });
    // Small batches, so both workers get a share of them.
    const env = { ...fixture.workerEnv, CAMPAIGN_BATCH_SIZE: '100' };
    workers.push(await startWorkerProcess(env), await startWorkerProcess(env));

    const run = await fixture.runNow(campaignId);
    const done = await fixture.waitForRun(run.id, ['completed', 'failed'], 60_000);
    expectDeliveredExactlyOnce(fixture, done);

    // Recipients that arrived in the whole seconds after the first one, per second.
    const times = fixture.fyno
      .received({ event: 'welcome' })
      .map((r) => r.receivedAt)
      .sort((a, b) => a - b);
    const first = times[0]!;
    const seconds = Math.floor((times.at(-1)! - first) / 1000);
    expect(seconds).toBeGreaterThanOrEqual(6);
    const inWindow = times.filter((t) => t < first + seconds * 1000).length;
    const rate = inWindow / seconds;
    console.info(`measured send rate with two workers: ${rate.toFixed(1)}/s for a limit of ${limit}/s`);
    expect(rate).toBeGreaterThan(limit * 0.9);
    expect(rate).toBeLessThan(limit * 1.1);

    // Both workers took part.
    for (const worker of workers) expect(worker.output()).toContain('"msg":"batch done"');
  }, 120_000);
});
