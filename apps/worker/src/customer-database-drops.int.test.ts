import { withAdmin } from '@connect/testkit';
import { afterEach, describe, expect, it } from 'vitest';
import { type CampaignFixture, createCampaignFixture } from './test-support/campaign-fixture';
import { expectDeliveredExactlyOnce, waitUntil } from './test-support/delivery-checks';
import { startWorkerProcess, type WorkerProcess } from './test-support/worker-processes';

// A customer database that cuts the worker's connection while a run takes its
// snapshot (an administrator's pg_terminate_backend, a failover) must never take the
// worker process down: the snapshot is retried, or the run fails with the reason.

let fixture: CampaignFixture | undefined;
let worker: WorkerProcess | undefined;

afterEach(async () => {
  await worker?.stop();
  worker = undefined;
  await fixture?.close();
  fixture = undefined;
});

const customerDatabase = (f: CampaignFixture) => new URL(f.customerUrl).pathname.slice(1);

/** Ends every session on the customer database but the admin's own. */
async function terminateCustomerSessions(f: CampaignFixture): Promise<number> {
  return withAdmin(async (admin) => {
    const result = await admin.query<{ n: string }>(
      'SELECT count(pg_terminate_backend(pid)) AS n FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()',
      [customerDatabase(f)],
    );
    return Number(result.rows[0]!.n);
  });
}

async function snapshotUnderWay(f: CampaignFixture, runId: string, rows: number) {
  await waitUntil(async () => {
    const [row] = await f.app.query<{ n: string }>(
      'select count(*) as n from run_recipients where run_id = $1',
      [runId],
    );
    return Number(row!.n) >= rows;
  }, 'part of the snapshot is written');
}

describe('a customer database cutting the connection during a snapshot', () => {
  it('once: the worker stays up, retries the snapshot, and the run completes exactly once', async () => {
    fixture = await createCampaignFixture();
    const f = fixture;
    await f.loadUsers(200_000);
    const campaignId = await f.createCampaign();
    worker = await startWorkerProcess(f.workerEnv);

    const run = await f.runNow(campaignId);
    await snapshotUnderWay(f, run.id, 10_000);
    expect(await terminateCustomerSessions(f)).toBeGreaterThan(0);

    const done = await f.waitForRun(run.id, ['completed', 'failed'], 120_000);
    expect(worker.child.exitCode).toBeNull();
    expect(worker.output()).not.toMatch(/Unhandled 'error' event|uncaughtException/);
    expect(done).toMatchObject({ rowsRead: 200_000, recipients: 200_000 });
    expectDeliveredExactlyOnce(f, done);
  }, 180_000);

  it('for good: the worker stays up and the run fails with the reason, after its retries', async () => {
    fixture = await createCampaignFixture();
    const f = fixture;
    await f.loadUsers(200_000);
    const campaignId = await f.createCampaign();
    worker = await startWorkerProcess(f.workerEnv);

    const run = await f.runNow(campaignId);
    await snapshotUnderWay(f, run.id, 10_000);
    const database = customerDatabase(f);
    // The database stops taking connections (as during a failover that does not end), then cuts the open one.
    await withAdmin((admin) => admin.query(`ALTER DATABASE "${database}" ALLOW_CONNECTIONS false`));
    try {
      await terminateCustomerSessions(f);
      const cutAt = Date.now();
      const failed = await f.waitForRun(run.id, ['completed', 'failed'], 120_000);
      expect(failed.status).toBe('failed');
      // Retried with backoff first (5 s, then 10 s), not failed at the first refusal.
      expect(Date.now() - cutAt).toBeGreaterThan(14_000);
      expect(failed.failureReason).toBe(
        `Reading the cohort failed: PostgreSQL does not accept connections to database "${database}" right now (database "${database}" is not currently accepting connections). Try again shortly.`,
      );
      expect(f.fyno.countDeliveries({ event: 'welcome' })).toBe(0);
      expect(worker.child.exitCode).toBeNull();
      expect(worker.output()).not.toMatch(/Unhandled 'error' event|uncaughtException/);
    } finally {
      await withAdmin((admin) => admin.query(`ALTER DATABASE "${database}" ALLOW_CONNECTIONS true`));
    }
  }, 180_000);
});
