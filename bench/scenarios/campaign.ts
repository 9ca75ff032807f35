import pg from 'pg';
import QueryStream from 'pg-query-stream';
import {
  type BenchCampaignSetup,
  seedUsers,
  setUpBenchCampaign,
  startBenchCampaign,
} from '../support/bench-campaign';
import { benchDatabaseUrl, ensureBenchTable } from '../support/bench-database';
import type { BenchScenario } from '../support/scenario';
import { type BenchWorker, startBenchWorker } from '../support/worker-process';

/**
 * A real campaign through real worker processes to the fake Fyno (bulk endpoint, no
 * rate limit), against the time it takes merely to stream the same rows out of
 * PostgreSQL with pg-query-stream. Targets: dispatch within 3x the read, worker peak
 * RSS under 300 MB and about the same at 100k and 1M. Then one against two workers
 * with a fake that takes 20 ms per request: the speed-up of scaling out.
 */
const sizes = (process.env.BENCH_CAMPAIGN_SIZES ?? '100000,1000000').split(',').map(Number);

/** Seconds to stream every row of the table, doing nothing with them. */
async function readTime(table: string): Promise<number> {
  const client = new pg.Client({ connectionString: benchDatabaseUrl() });
  await client.connect();
  try {
    const started = performance.now();
    const stream = client.query(
      new QueryStream(`SELECT id, email, first_name FROM ${table} ORDER BY id`, [], { batchSize: 2_000 }),
    );
    let count = 0;
    for await (const _row of stream) count += 1;
    if (count === 0) throw new Error(`${table} is empty`);
    return (performance.now() - started) / 1000;
  } finally {
    await client.end();
  }
}

/** Creates a campaign over the whole table, starts it, and waits for it to finish; returns seconds. */
async function dispatch(
  setup: BenchCampaignSetup,
  table: string,
  expected: number,
  log: (line: string) => void,
): Promise<number> {
  const { store, workspaceId } = setup;
  const started = performance.now();
  const runId = await startBenchCampaign(setup, table);
  for (;;) {
    const now = await store.campaignRuns.get(workspaceId, runId);
    if (now.status === 'completed') break;
    if (now.status === 'failed' || now.status === 'cancelled')
      throw new Error(`The run ended ${now.status}: ${now.failureReason}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const seconds = (performance.now() - started) / 1000;
  const finished = await store.campaignRuns.get(workspaceId, runId);
  const phase = (from: Date | null, to: Date | null) =>
    from && to ? ((to.getTime() - from.getTime()) / 1000).toFixed(2) : '?';
  log(
    `  phases: queued_s=${phase(finished.createdAt, finished.startedAt)} snapshot_s=${phase(finished.startedAt, finished.snapshotAt)} ` +
      `send_s=${phase(finished.snapshotAt, finished.finishedAt)}`,
  );
  const delivered = setup.fyno.countDeliveries({ event: 'welcome' });
  if (delivered !== expected)
    throw new Error(`The fake received ${delivered} recipients, expected ${expected}`);
  return seconds;
}

const scenario: BenchScenario = {
  name: 'campaign',
  description: 'campaign dispatch against a plain read of the cohort, worker memory, scale-out speed-up',
  async run(log) {
    let last = '';
    for (const rows of sizes) {
      const table = `campaign_users_${rows}`;
      await ensureBenchTable({ table, rows, version: 1, seed: seedUsers(table, rows), log });
      const read = await readTime(table);
      const setup = await setUpBenchCampaign();
      let worker: BenchWorker | undefined;
      try {
        worker = await startBenchWorker(setup.workerEnv);
        const seconds = await dispatch(setup, table, rows, log);
        const rss = worker.peakRssMb();
        const ratio = seconds / read;
        const perSecond = Math.round(rows / seconds);
        log(
          `size=${rows} read_s=${read.toFixed(2)} dispatch_s=${seconds.toFixed(2)} ratio=${ratio.toFixed(2)} ` +
            `recipients_per_s=${perSecond} worker_peak_rss_mb=${rss.toFixed(0)}`,
        );
        last = `dispatch_ratio=${ratio.toFixed(2)} rss_mb=${rss.toFixed(0)} recipients_per_s=${perSecond}`;
      } finally {
        await worker?.stop();
        await setup.close();
      }
    }

    // Scaling out: a slow Fyno (20 ms per request) and small batches make sending the bottleneck.
    const rows = 50_000;
    const table = `campaign_users_${rows}`;
    await ensureBenchTable({ table, rows, version: 1, seed: seedUsers(table, rows), log });
    const timings: number[] = [];
    for (const workerCount of [1, 2]) {
      const setup = await setUpBenchCampaign(20);
      const workers: BenchWorker[] = [];
      try {
        for (let i = 0; i < workerCount; i += 1) {
          workers.push(
            await startBenchWorker({
              ...setup.workerEnv,
              CAMPAIGN_BATCH_SIZE: '100',
              WORKER_CONCURRENCY: '4',
            }),
          );
        }
        const seconds = await dispatch(setup, table, rows, log);
        timings.push(seconds);
        log(
          `scale-out workers=${workerCount} recipients=${rows} fyno_latency_ms=20 dispatch_s=${seconds.toFixed(2)}`,
        );
      } finally {
        await Promise.all(workers.map((worker) => worker.stop()));
        await setup.close();
      }
    }
    log(`scale-out speedup=${(timings[0]! / timings[1]!).toFixed(2)} (two workers against one)`);
    return last;
  },
};

export default scenario;
