import { syncCampaignSchedule } from '@connect/campaigns';
import { recurringScheduleSchema } from '@connect/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CampaignFixture, createCampaignFixture } from './test-support/campaign-fixture';
import { waitUntil } from './test-support/delivery-checks';
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

describe('a recurring campaign with "end after 2"', () => {
  it('runs exactly twice, even with the worker restarted between runs, and then removes its scheduler', async () => {
    await fixture.loadUsers(50);
    const schedule = recurringScheduleSchema.parse({
      kind: 'recurring',
      frequency: 'hour',
      minute: 0,
      timeZone: 'UTC',
      startDate: '2026-01-01',
      endAfterRuns: 2,
    });
    const campaignId = await fixture.createCampaign({ schedule });
    const campaign = await fixture.store.campaigns.get(fixture.workspaceId, campaignId);
    await syncCampaignSchedule(fixture, campaign);
    expect(await schedulerIds(campaignId)).toEqual([`campaign-${campaignId}-p0`]);

    // For the test, the same scheduler fires every 3 seconds instead of hourly.
    await fixture.jobs.upsertCronScheduler(
      `campaign-${campaignId}-p0`,
      'campaign-tick',
      { campaignId },
      { pattern: '*/3 * * * * *', tz: 'UTC' },
    );

    worker = await startWorkerProcess(fixture.workerEnv);
    await waitUntil(
      async () => (await scheduledRuns(campaignId)).filter((r) => r.status === 'completed').length >= 1,
      'the first run completes',
    );
    expect(await worker.stop()).toBe(0);
    // Ticks fall due while no worker runs; they must neither be lost nor pile up.
    await new Promise((resolve) => setTimeout(resolve, 7_000));
    worker = await startWorkerProcess(fixture.workerEnv);

    await waitUntil(
      async () => (await fixture.store.campaigns.get(fixture.workspaceId, campaignId)).status === 'completed',
      'the campaign completes',
    );
    // Give a wrongly surviving scheduler time to fire again.
    await new Promise((resolve) => setTimeout(resolve, 7_000));

    const runs = await scheduledRuns(campaignId);
    expect(runs.map((run) => run.status)).toEqual(['completed', 'completed']);
    expect(new Set(runs.map((run) => run.occurrence)).size).toBe(2);
    expect(await schedulerIds(campaignId)).toEqual([]);
    expect(fixture.fyno.countDeliveries({ event: 'welcome' })).toBe(100);
    expect(fixture.fyno.duplicates({ event: 'welcome' })).toHaveLength(50); // each user once per run, two runs
  }, 120_000);
});

async function scheduledRuns(campaignId: string) {
  const runs = await fixture.store.campaignRuns.listByCampaign(fixture.workspaceId, campaignId);
  return runs.filter((run) => run.trigger === 'schedule').reverse();
}

async function schedulerIds(campaignId: string): Promise<string[]> {
  return (await fixture.jobs.listSchedulers('campaign-tick', `campaign-${campaignId}-`)).map(
    (scheduler) => scheduler.id,
  );
}
