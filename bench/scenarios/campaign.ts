import { randomBytes } from 'node:crypto';
import { startCampaignRun } from '@connect/campaigns';
import { JobProducer } from '@connect/queue';
import { createStore, type Store } from '@connect/store';
import { migrateStore } from '@connect/store/migrate';
import {
  dropDatabase,
  type FakeFyno,
  postgresUrlFor,
  startFakeFyno,
  testServiceUrls,
  withAdmin,
} from '@connect/testkit';
import { Redis } from 'ioredis';
import pg from 'pg';
import QueryStream from 'pg-query-stream';
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

async function seed(table: string, rows: number) {
  return async (client: pg.Client, log: (line: string) => void) => {
    await client.query(`CREATE TABLE ${table} (id bigint PRIMARY KEY, email text NOT NULL, first_name text)`);
    for (let from = 1; from <= rows; from += 1_000_000) {
      const to = Math.min(rows, from + 999_999);
      await client.query(
        `INSERT INTO ${table} SELECT g, 'user' || g || '@example.com', 'User ' || g FROM generate_series($1::bigint, $2::bigint) g`,
        [from, to],
      );
      log(`  ${to.toLocaleString('en')} rows`);
    }
    await client.query(`VACUUM ANALYZE ${table}`);
  };
}

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

interface Setup {
  store: Store;
  jobs: JobProducer;
  redis: Redis;
  fyno: FakeFyno;
  workspaceId: string;
  userId: string;
  workerEnv: Record<string, string>;
  close(): Promise<void>;
}

async function setUp(fynoLatencyMs = 0): Promise<Setup> {
  const appDb = `connect_bench_app_${randomBytes(4).toString('hex')}`;
  await withAdmin((admin) => admin.query(`CREATE DATABASE "${appDb}"`));
  await migrateStore(postgresUrlFor(appDb));
  const encryptionKey = randomBytes(32).toString('hex');
  const store = createStore({ databaseUrl: postgresUrlFor(appDb), encryptionKey });
  const prefix = `connect-bench-${randomBytes(4).toString('hex')}`;
  const redis = new Redis(testServiceUrls.redis);
  const jobs = new JobProducer({ connection: redis, prefix });
  const fyno = await startFakeFyno({
    events: [{ name: 'welcome', channels: ['email'], placeholders: ['first_name'] }],
    keep: 'counts',
    faults: { latencyMs: fynoLatencyMs },
  });
  const workspaceId = (await store.workspaces.getDefault()).id;
  const user = await store.users.create({
    workspaceId,
    email: 'bench@example.com',
    name: 'Bench',
    passwordHash: 'x',
    role: 'owner',
  });
  await store.settings.updateFyno(
    workspaceId,
    { workspaceId: fyno.workspaceId, apiKey: fyno.apiKey, apiBase: fyno.baseUrl },
    user.id,
  );
  return {
    store,
    jobs,
    redis,
    fyno,
    workspaceId,
    userId: user.id,
    workerEnv: {
      DATABASE_URL: postgresUrlFor(appDb),
      REDIS_URL: testServiceUrls.redis,
      ENCRYPTION_KEY: encryptionKey,
      QUEUE_PREFIX: prefix,
      LOG_LEVEL: 'info',
    },
    async close() {
      await jobs.close();
      const keys = await redis.keys(`${prefix}*`);
      if (keys.length > 0) await redis.del(...keys);
      redis.disconnect();
      await fyno.close();
      await store.close();
      await dropDatabase(appDb);
    },
  };
}

/** Creates a campaign over the whole table, starts it, and waits for it to finish; returns seconds. */
async function dispatch(
  setup: Setup,
  table: string,
  expected: number,
  log: (line: string) => void,
): Promise<number> {
  const { store, workspaceId, userId } = setup;
  const connection = await store.connections.create({
    workspaceId,
    kind: 'postgres',
    name: `Bench ${table}`,
    config: { url: benchDatabaseUrl() },
    secrets: {},
    test: { ok: true },
    createdBy: userId,
  });
  const cohort = await store.cohorts.create({
    workspaceId,
    connectionId: connection.id,
    name: `All of ${table}`,
    source: { schema: 'public', name: table },
    definition: { type: 'filter', filter: { combinator: 'and', rules: [] } },
    createdBy: userId,
  });
  const campaign = await store.campaigns.create(
    workspaceId,
    {
      name: `Bench ${table}`,
      type: 'Engagement',
      cohortId: cohort.id,
      mapping: {
        eventName: 'welcome',
        to: { email: 'email' },
        data: { first_name: { kind: 'column', column: 'first_name' } },
        distinctIdColumn: null,
      },
      rateLimitPerSecond: null,
      errorPolicy: { mode: 'continue' },
      schedule: null,
    },
    userId,
  );
  const started = performance.now();
  const { run } = await startCampaignRun(
    { store, jobs: setup.jobs },
    { workspaceId, campaignId: campaign.id, trigger: 'manual', requestedBy: userId },
  );
  for (;;) {
    const now = await store.campaignRuns.get(workspaceId, run.id);
    if (now.status === 'completed') break;
    if (now.status === 'failed' || now.status === 'cancelled')
      throw new Error(`The run ended ${now.status}: ${now.failureReason}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const seconds = (performance.now() - started) / 1000;
  const finished = await store.campaignRuns.get(workspaceId, run.id);
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
      await ensureBenchTable({ table, rows, version: 1, seed: await seed(table, rows), log });
      const read = await readTime(table);
      const setup = await setUp();
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
    await ensureBenchTable({ table, rows, version: 1, seed: await seed(table, rows), log });
    const timings: number[] = [];
    for (const workerCount of [1, 2]) {
      const setup = await setUp(20);
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
