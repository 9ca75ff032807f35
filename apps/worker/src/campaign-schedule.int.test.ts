import {
  ensureScheduleTicks,
  occurrenceKey,
  runScheduledOccurrence,
  syncCampaignSchedule,
} from '@connect/campaigns';
import { recurringScheduleSchema, upcomingRuns } from '@connect/core';
import { createRedisConnection, JobProducer } from '@connect/queue';
import { Queue, Worker } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CampaignFixture, createCampaignFixture } from './test-support/campaign-fixture';
import { waitUntil } from './test-support/delivery-checks';
import { startWorkerProcess, type WorkerProcess } from './test-support/worker-processes';

let fixture: CampaignFixture;
let worker: WorkerProcess | undefined;
let queue: Queue;

beforeAll(async () => {
  fixture = await createCampaignFixture();
  queue = new Queue('campaign-runs', { connection: fixture.redis.client, prefix: fixture.redis.prefix });
});
afterAll(async () => {
  await worker?.stop();
  await queue.close();
  await fixture.close();
});

const tickPrefix = (campaignId: string) => `tick-${campaignId}-`;

/** The campaign's pending tick: its job id and the moment it is for. */
async function pendingTick(jobs: JobProducer, campaignId: string): Promise<{ id: string; at: number }> {
  const ids = await jobs.pendingJobIds('campaign-tick', tickPrefix(campaignId));
  expect(ids).toHaveLength(1);
  return { id: ids[0]!, at: Number(ids[0]!.slice(tickPrefix(campaignId).length)) };
}

/** Time reaches a delayed tick: BullMQ releases it to the workers now. */
async function release(jobId: string): Promise<void> {
  const job = await queue.getJob(jobId);
  await job!.promote();
}

describe('ticks through a daylight-saving change, with the real BullMQ scheduler and a fake clock', () => {
  it('fires exactly the runs the preview showed, one per local day, including the day clocks skip 00:30', async () => {
    let now = Date.parse('2027-09-02T12:00:00Z');
    const connection = createRedisConnection(fixture.redis.url, 'worker');
    const jobs = new JobProducer({ connection, prefix: fixture.redis.prefix, clock: () => now });
    const deps = { store: fixture.store, jobs };
    const schedule = recurringScheduleSchema.parse({
      kind: 'recurring',
      frequency: 'day',
      times: ['00:30'],
      timeZone: 'America/Santiago',
      startDate: '2027-09-01',
    });
    const campaignId = await fixture.createCampaign({ schedule });
    const campaign = await fixture.store.campaigns.get(fixture.workspaceId, campaignId);
    const preview = upcomingRuns(schedule, { from: new Date(now), count: 6 });
    expect(preview.map((run) => run.slot)).toEqual([
      '2027-09-03T00:30',
      '2027-09-04T00:30',
      '2027-09-05T00:30', // clocks jump from 00:00 to 01:00: runs at 01:00
      '2027-09-06T00:30',
      '2027-09-07T00:30',
      '2027-09-08T00:30',
    ]);
    expect(preview[2]?.note).toBe('00:30 does not exist on 5 Sep 2027 (clocks move forward); runs at 01:00');

    // The worker's tick handler, on a worker of our own so it shares the fake clock.
    const fired: number[] = [];
    const tickWorker = new Worker(
      'campaign-runs',
      async (job) => {
        if (job.name !== 'campaign-tick') return 'ignored'; // runs themselves are not this test's concern
        fired.push(job.data.at);
        return runScheduledOccurrence(deps, job.data);
      },
      { connection, prefix: fixture.redis.prefix },
    );
    try {
      await syncCampaignSchedule(deps, campaign);
      for (const expected of preview) {
        const tick = await pendingTick(jobs, campaignId);
        expect(new Date(tick.at)).toEqual(expected.at);
        now = tick.at; // the clock reaches the tick...
        await release(tick.id); // ...and BullMQ hands it to the worker
        await waitUntil(async () => fired.length === preview.indexOf(expected) + 1, 'the tick fires');
        await waitUntil(
          async () =>
            (await jobs.pendingJobIds('campaign-tick', tickPrefix(campaignId))).every((id) => id !== tick.id),
          'the next tick is queued',
        );
      }
    } finally {
      await tickWorker.close();
    }

    expect(fired.map((at) => new Date(at))).toEqual(preview.map((run) => run.at));
    const runs = await fixture.store.campaignRuns.listByCampaign(fixture.workspaceId, campaignId);
    expect(runs.map((run) => run.occurrence).reverse()).toEqual(
      preview.map((run) => occurrenceKey(schedule, run)),
    );
    expect(runs.map((run) => run.occurrence)).toContain('slot:2027-09-05T00:30 America/Santiago');

    // A duplicate tick for a slot that has run starts nothing.
    const sep5 = preview[2]!;
    expect(
      await runScheduledOccurrence(deps, {
        campaignId,
        occurrence: occurrenceKey(schedule, sep5),
        at: sep5.at.getTime(),
      }),
    ).toBe('already-started');
    expect(await fixture.store.campaignRuns.listByCampaign(fixture.workspaceId, campaignId)).toHaveLength(6);

    // A lost tick is queued again by the sweep, for the same next run the preview shows.
    const next = await pendingTick(jobs, campaignId);
    expect(new Date(next.at)).toEqual(upcomingRuns(schedule, { from: new Date(now), count: 1 })[0]?.at);
    await jobs.removePending('campaign-tick', tickPrefix(campaignId));
    expect(await ensureScheduleTicks(deps)).toEqual([campaignId]);
    expect(await pendingTick(jobs, campaignId)).toEqual(next);
    expect(await ensureScheduleTicks(deps)).toEqual([]);

    // Pausing removes the tick; resuming (here: back to active) queues it again.
    const paused = await fixture.store.campaigns.setStatus(fixture.workspaceId, campaignId, 'paused');
    await syncCampaignSchedule(deps, paused);
    expect(await jobs.pendingJobIds('campaign-tick', tickPrefix(campaignId))).toEqual([]);
    expect(await ensureScheduleTicks(deps)).toEqual([]);
    const active = await fixture.store.campaigns.setStatus(fixture.workspaceId, campaignId, 'active');
    await syncCampaignSchedule(deps, active);
    expect(await pendingTick(jobs, campaignId)).toEqual(next);
    await syncCampaignSchedule(deps, active, true);
    expect(await jobs.pendingJobIds('campaign-tick', tickPrefix(campaignId))).toEqual([]);
    await jobs.close();
    connection.disconnect();
  }, 60_000);
});

describe('a recurring campaign with "end after 2"', () => {
  it('runs exactly twice, even with the worker stopped while a tick falls due, and then removes its tick', async () => {
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
    const first = await pendingTick(fixture.jobs, campaignId);
    expect(new Date(first.at)).toEqual(upcomingRuns(schedule, { count: 1 })[0]?.at);

    worker = await startWorkerProcess(fixture.workerEnv);
    await release(first.id); // the hour comes
    await waitUntil(
      async () => (await scheduledRuns(campaignId)).filter((r) => r.status === 'completed').length >= 1,
      'the first run completes',
    );
    expect(await worker.stop()).toBe(0);

    // The next tick falls due while no worker runs: it waits, neither lost nor piling up.
    const second = await pendingTick(fixture.jobs, campaignId);
    expect(second.at).toBe(first.at + 3_600_000);
    await release(second.id);
    worker = await startWorkerProcess(fixture.workerEnv);

    await waitUntil(
      async () => (await fixture.store.campaigns.get(fixture.workspaceId, campaignId)).status === 'completed',
      'the campaign completes',
    );
    const runs = await scheduledRuns(campaignId);
    expect(runs.map((run) => run.status)).toEqual(['completed', 'completed']);
    expect(new Set(runs.map((run) => run.occurrence)).size).toBe(2);
    expect(await fixture.jobs.pendingJobIds('campaign-tick', tickPrefix(campaignId))).toEqual([]);
    expect(fixture.fyno.countDeliveries({ event: 'welcome' })).toBe(100);
    expect(fixture.fyno.duplicates({ event: 'welcome' })).toHaveLength(50); // each user once per run, two runs
  }, 120_000);
});

async function scheduledRuns(campaignId: string) {
  const runs = await fixture.store.campaignRuns.listByCampaign(fixture.workspaceId, campaignId);
  return runs.filter((run) => run.trigger === 'schedule').reverse();
}
