import { startRedisServer } from '@connect/testkit';
import { afterEach, describe, expect, it } from 'vitest';
import { type CampaignFixture, createCampaignFixture } from './test-support/campaign-fixture';
import { expectDeliveredExactlyOnce, waitUntil } from './test-support/delivery-checks';
import { startWorkerProcess, type WorkerProcess } from './test-support/worker-processes';

// Workers take over a dead worker's jobs after this long (6 s by default).
const stalledCheck = { WORKER_STALLED_CHECK_MS: '2000' };

let fixture: CampaignFixture | undefined;
const workers: WorkerProcess[] = [];
const cleanups: (() => Promise<void>)[] = [];

afterEach(async () => {
  await Promise.all(workers.splice(0).map((worker) => worker.kill()));
  await fixture?.close();
  fixture = undefined;
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

async function sentSoFar(f: CampaignFixture, runId: string) {
  return (await f.store.campaignRuns.get(f.workspaceId, runId)).sent;
}

describe('a worker killed with SIGKILL', () => {
  it('in the middle of sending: after a restart the run completes with nothing lost and nothing twice', async () => {
    fixture = await createCampaignFixture();
    const f = fixture;
    await f.loadUsers(30_000);
    f.fyno.setFaults({ latencyMs: 150 });
    const campaignId = await f.createCampaign();
    const first = await startWorkerProcess({ ...f.workerEnv, ...stalledCheck });
    workers.push(first);

    const run = await f.runNow(campaignId);
    await waitUntil(async () => (await sentSoFar(f, run.id)) >= 4_000, 'some recipients are sent');
    await first.kill();
    const sentAtKill = await sentSoFar(f, run.id);
    expect(sentAtKill).toBeLessThan(30_000);

    f.fyno.setFaults({});
    workers.push(await startWorkerProcess({ ...f.workerEnv, ...stalledCheck }));
    const done = await f.waitForRun(run.id, ['completed', 'failed'], 120_000);
    expect(done.recipients).toBe(30_000);
    expectDeliveredExactlyOnce(f, done);
  }, 240_000);

  it('during the snapshot: the restarted worker continues after the rows already written and the run completes once', async () => {
    fixture = await createCampaignFixture();
    const f = fixture;
    await f.loadUsers(200_000);
    const campaignId = await f.createCampaign();
    const first = await startWorkerProcess({ ...f.workerEnv, ...stalledCheck });
    workers.push(first);

    const run = await f.runNow(campaignId);
    await waitUntil(async () => {
      const [row] = await f.app.query<{ n: string }>(
        'select count(*) as n from run_recipients where run_id = $1',
        [run.id],
      );
      return Number(row!.n) >= 10_000;
    }, 'part of the snapshot is written');
    expect((await f.store.campaignRuns.get(f.workspaceId, run.id)).status).toBe('snapshotting');
    await first.kill();
    expect(f.fyno.countDeliveries({ event: 'welcome' })).toBe(0);
    const cursorAtKill = (await f.store.campaignRuns.get(f.workspaceId, run.id)).snapshotCursor;
    expect(cursorAtKill?.seq).toBeGreaterThan(0);

    const second = await startWorkerProcess({ ...f.workerEnv, ...stalledCheck });
    workers.push(second);
    const done = await f.waitForRun(run.id, ['completed', 'failed'], 180_000);
    expect(done).toMatchObject({ rowsRead: 200_000, recipients: 200_000, duplicates: 0, invalid: 0 });
    // It read on from where the dead worker's last recorded chunk ended, not from the first row.
    const resumedFrom = /"fromSeq":(\d+)/.exec(second.output())?.[1];
    expect(Number(resumedFrom)).toBeGreaterThan(cursorAtKill!.seq);
    expectDeliveredExactlyOnce(f, done);
  }, 240_000);
});

describe('Redis restarting in the middle of a run', () => {
  it('the run completes with nothing lost and nothing twice', async () => {
    const redis = await startRedisServer();
    cleanups.push(() => redis.destroy());
    fixture = await createCampaignFixture({ redisUrl: redis.url });
    const f = fixture;
    await f.loadUsers(30_000);
    f.fyno.setFaults({ latencyMs: 150 });
    const campaignId = await f.createCampaign();
    workers.push(await startWorkerProcess({ ...f.workerEnv, ...stalledCheck }));

    const run = await f.runNow(campaignId);
    await waitUntil(async () => (await sentSoFar(f, run.id)) >= 4_000, 'some recipients are sent');
    await redis.stop();
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    await redis.start();
    f.fyno.setFaults({});

    const done = await f.waitForRun(run.id, ['completed', 'failed'], 120_000);
    expect(done.recipients).toBe(30_000);
    expectDeliveredExactlyOnce(f, done);
  }, 240_000);
});
