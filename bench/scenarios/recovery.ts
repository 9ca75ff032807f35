import type { CampaignRun } from '@connect/store';
import {
  type BenchCampaignSetup,
  seedUsers,
  setUpBenchCampaign,
  startBenchCampaign,
} from '../support/bench-campaign';
import { ensureBenchTable } from '../support/bench-database';
import type { BenchScenario } from '../support/scenario';
import { type BenchWorker, startBenchWorker } from '../support/worker-process';

/**
 * The only worker is killed with SIGKILL in the middle of a run, once while it sends
 * and once while it reads the snapshot; a new worker starts at once. Measures seconds
 * from the new worker's start to the run moving again (more sent, or more of the
 * snapshot written), with the worker's default settings. Target: both <= 10 s. Each
 * run must then finish with every recipient delivered exactly once.
 */
const sendRows = 100_000;
const snapshotRows = 1_000_000;

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitFor(
  setup: BenchCampaignSetup,
  runId: string,
  done: (run: CampaignRun) => boolean,
  what: string,
  timeoutMs = 300_000,
): Promise<CampaignRun> {
  const started = Date.now();
  for (;;) {
    const run = await setup.store.campaignRuns.get(setup.workspaceId, runId);
    if (done(run)) return run;
    if (run.status === 'failed' || run.status === 'cancelled')
      throw new Error(`The run ended ${run.status} while waiting until ${what}: ${run.failureReason}`);
    if (Date.now() - started > timeoutMs) throw new Error(`Timed out waiting until ${what}`);
    await pause(20);
  }
}

/** How far the run has got in the phase being measured. */
type Progress = (run: CampaignRun) => number;
const sentSoFar: Progress = (run) => run.sent;
const snapshotWritten: Progress = (run) => run.snapshotCursor?.seq ?? 0;

async function killAndRecover(options: {
  table: string;
  rows: number;
  fynoLatencyMs: number;
  phase: CampaignRun['status'];
  progress: Progress;
  killAfter: number;
  log: (line: string) => void;
}): Promise<number> {
  const { table, rows, progress, log } = options;
  const setup = await setUpBenchCampaign(options.fynoLatencyMs);
  const workers: BenchWorker[] = [];
  try {
    workers.push(await startBenchWorker(setup.workerEnv));
    const runId = await startBenchCampaign(setup, table);
    await waitFor(
      setup,
      runId,
      (run) => run.status === options.phase && progress(run) >= options.killAfter,
      `the run is ${options.phase} with ${options.killAfter} done`,
    );
    await workers[0]!.kill();
    const atKill = progress(await setup.store.campaignRuns.get(setup.workspaceId, runId));
    log(`  killed the worker while ${options.phase} at ${atKill.toLocaleString('en')}`);

    const started = performance.now();
    workers.push(await startBenchWorker(setup.workerEnv));
    await waitFor(setup, runId, (run) => progress(run) > atKill, 'the run moves again');
    const seconds = (performance.now() - started) / 1000;
    log(`  the new worker moved the run on after ${seconds.toFixed(2)} s`);

    const finished = await waitFor(setup, runId, (run) => run.status === 'completed', 'the run completes');
    const delivered = setup.fyno.countDeliveries({ event: 'welcome' });
    if (finished.sent !== rows || delivered !== rows)
      throw new Error(
        `Expected ${rows} sent and delivered once each; sent ${finished.sent}, delivered ${delivered}`,
      );
    log(`  completed: ${rows.toLocaleString('en')} sent, each delivered once`);
    return seconds;
  } finally {
    await Promise.all(workers.map((worker) => worker.kill()));
    await setup.close();
  }
}

const scenario: BenchScenario = {
  name: 'recovery',
  description:
    'seconds for a new worker to move a run on after the only worker was killed mid-send and mid-snapshot',
  async run(log) {
    const sendTable = `campaign_users_${sendRows}`;
    await ensureBenchTable({
      table: sendTable,
      rows: sendRows,
      version: 1,
      seed: seedUsers(sendTable, sendRows),
      log,
    });
    // A slow Fyno keeps the run sending long enough to be killed in the middle.
    const send = await killAndRecover({
      table: sendTable,
      rows: sendRows,
      fynoLatencyMs: 200,
      phase: 'sending',
      progress: sentSoFar,
      killAfter: 5_000,
      log,
    });

    const snapshotTable = `campaign_users_${snapshotRows}`;
    await ensureBenchTable({
      table: snapshotTable,
      rows: snapshotRows,
      version: 1,
      seed: seedUsers(snapshotTable, snapshotRows),
      log,
    });
    const snapshot = await killAndRecover({
      table: snapshotTable,
      rows: snapshotRows,
      fynoLatencyMs: 0,
      phase: 'snapshotting',
      progress: snapshotWritten,
      killAfter: 100_000,
      log,
    });
    return `recovery_send_s=${send.toFixed(2)} recovery_snapshot_s=${snapshot.toFixed(2)}`;
  },
};

export default scenario;
