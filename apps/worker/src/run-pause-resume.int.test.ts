import { sweepRuns } from '@connect/campaigns';
import { afterEach, describe, expect, it } from 'vitest';
import { type CampaignFixture, createCampaignFixture } from './test-support/campaign-fixture';
import { expectDeliveredExactlyOnce, waitUntil } from './test-support/delivery-checks';
import { startWorkerProcess, type WorkerProcess } from './test-support/worker-processes';

// Pause and resume at every phase of a run, with a real worker process: whatever
// moment the pause lands on, the resumed run finishes, every recipient exactly once.

let fixture: CampaignFixture | undefined;
let worker: WorkerProcess | undefined;

afterEach(async () => {
  await worker?.stop();
  worker = undefined;
  await fixture?.close();
  fixture = undefined;
});

const runs = (f: CampaignFixture) => ({
  pause: (id: string) => f.runControls('pause', id),
  resume: (id: string) => f.runControls('resume', id),
  status: async (id: string) => (await f.store.campaignRuns.get(f.workspaceId, id)).status,
});

/** Nothing moves for a while: no delivery arrives and the run's counters stand still. */
async function staysStill(f: CampaignFixture, runId: string, ms = 1_500) {
  const before = {
    delivered: f.fyno.countDeliveries(),
    run: await f.store.campaignRuns.get(f.workspaceId, runId),
  };
  await new Promise((resolve) => setTimeout(resolve, ms));
  const after = await f.store.campaignRuns.get(f.workspaceId, runId);
  expect(f.fyno.countDeliveries()).toBe(before.delivered);
  expect(after.sent).toBe(before.run.sent);
  expect(after.status).toBe('paused');
}

describe('pause and resume', () => {
  it('while queued: the snapshot waits (its job is skipped) and resume queues it again', async () => {
    fixture = await createCampaignFixture();
    const f = fixture;
    await f.loadUsers(3_000);
    const run = await f.runNow(await f.createCampaign());
    await runs(f).pause(run.id);
    // The snapshot job meets a paused run and leaves it: this is the job that used to be lost.
    worker = await startWorkerProcess(f.workerEnv);
    await waitUntil(async () => !(await f.jobs.liveRunIds()).has(run.id), 'the snapshot job is done with');
    await staysStill(f, run.id);
    expect((await f.store.campaignRuns.get(f.workspaceId, run.id)).snapshotAt).toBeNull();
    await runs(f).resume(run.id);
    const done = await f.waitForRun(run.id, ['completed', 'failed']);
    expect(done.recipients).toBe(3_000);
    expectDeliveredExactlyOnce(f, done);
  }, 120_000);

  it('while snapshotting: the snapshot is recorded, nothing is sent until resume', async () => {
    fixture = await createCampaignFixture();
    const f = fixture;
    await f.loadUsers(200_000);
    worker = await startWorkerProcess(f.workerEnv);
    const run = await f.runNow(await f.createCampaign());
    await waitUntil(async () => (await runs(f).status(run.id)) === 'snapshotting', 'the snapshot starts');
    await runs(f).pause(run.id);
    await waitUntil(
      async () => (await f.store.campaignRuns.get(f.workspaceId, run.id)).snapshotAt !== null,
      'the snapshot is recorded',
    );
    await staysStill(f, run.id);
    expect(f.fyno.countDeliveries()).toBe(0);
    await runs(f).resume(run.id);
    const done = await f.waitForRun(run.id, ['completed', 'failed'], 120_000);
    expect(done.recipients).toBe(200_000);
    expectDeliveredExactlyOnce(f, done);
  }, 240_000);

  it('between batches: sending stops, and goes on where it stopped', async () => {
    fixture = await createCampaignFixture();
    const f = fixture;
    await f.loadUsers(20_000);
    f.fyno.setFaults({ latencyMs: 100 });
    worker = await startWorkerProcess({ ...f.workerEnv, WORKER_CONCURRENCY: '1' });
    const run = await f.runNow(await f.createCampaign());
    await waitUntil(
      async () => (await f.store.campaignRuns.get(f.workspaceId, run.id)).sent >= 3_000,
      'some batches are sent',
    );
    await runs(f).pause(run.id);
    // The batch in flight finishes its request; then nothing more goes out.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    await staysStill(f, run.id);
    expect((await f.store.campaignRuns.get(f.workspaceId, run.id)).sent).toBeLessThan(20_000);
    f.fyno.setFaults({});
    await runs(f).resume(run.id);
    const done = await f.waitForRun(run.id, ['completed', 'failed']);
    expect(done.recipients).toBe(20_000);
    expectDeliveredExactlyOnce(f, done);
    // Who paused and resumed it is in the audit log.
    const audit = await f.store.auditLog.list(f.workspaceId, { limit: 10 });
    expect(audit.filter((e) => e.targetId === run.id).map((e) => [e.action, e.actorEmail])).toEqual([
      ['run.resume', 'runner@example.com'],
      ['run.pause', 'runner@example.com'],
    ]);
  }, 120_000);

  it('during the last batch: the results land after the pause, and resume completes the run', async () => {
    fixture = await createCampaignFixture();
    const f = fixture;
    await f.loadUsers(500);
    // One batch, whose request is in flight when the pause lands.
    f.fyno.setFaults({ latencyMs: 2_000 });
    worker = await startWorkerProcess(f.workerEnv);
    const run = await f.runNow(await f.createCampaign());
    await waitUntil(async () => f.fyno.requests().length > 0, 'the last batch is being sent');
    await runs(f).pause(run.id);
    await waitUntil(
      async () => (await f.store.campaignRuns.get(f.workspaceId, run.id)).sent === 500,
      'the batch records its results',
    );
    // Everything is sent, but the run was paused before it could complete: resume must see that.
    await staysStill(f, run.id);
    await runs(f).resume(run.id);
    const done = await f.waitForRun(run.id, ['completed', 'failed'], 10_000);
    expectDeliveredExactlyOnce(f, done);
  }, 120_000);
});

describe('the sweeper', () => {
  it('finds a run with work left and no live job, and queues it again', async () => {
    fixture = await createCampaignFixture();
    const f = fixture;
    await f.loadUsers(5_000);
    const run = await f.runNow(await f.createCampaign());
    // The run's job is lost (as a Redis without persistence would lose it): no worker will ever see it.
    await f.jobs.removePending('campaign-run', `run-${run.id}`);
    worker = await startWorkerProcess(f.workerEnv);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(await runs(f).status(run.id)).toBe('queued');
    expect(await sweepRuns({ store: f.store, jobs: f.jobs }, { idleMs: 0 })).toEqual({
      [run.id]: 'requeued-snapshot',
    });
    const done = await f.waitForRun(run.id, ['completed', 'failed']);
    expectDeliveredExactlyOnce(f, done);
    // A run that is moving is left alone.
    expect(await sweepRuns({ store: f.store, jobs: f.jobs }, { idleMs: 0 })).toEqual({});
  }, 120_000);
});
