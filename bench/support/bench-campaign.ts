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
import type pg from 'pg';
import { benchDatabaseUrl } from './bench-database';

/**
 * What the campaign benchmarks share: a users table of a given size in the bench
 * database, a fresh app database and queue prefix with the fake Fyno configured, and
 * a campaign over the whole table started as a person would start it.
 */

/** Seeds `table` with `rows` users that all have a valid email. */
export function seedUsers(table: string, rows: number) {
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

export interface BenchCampaignSetup {
  store: Store;
  jobs: JobProducer;
  redis: Redis;
  fyno: FakeFyno;
  workspaceId: string;
  userId: string;
  workerEnv: Record<string, string>;
  close(): Promise<void>;
}

export async function setUpBenchCampaign(fynoLatencyMs = 0): Promise<BenchCampaignSetup> {
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

/** Creates a campaign over the whole of `table` and starts it; returns the run's id. */
export async function startBenchCampaign(setup: BenchCampaignSetup, table: string): Promise<string> {
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
        phoneCountry: null,
      },
      rateLimitPerSecond: null,
      errorPolicy: { mode: 'continue' },
      schedule: null,
    },
    userId,
  );
  const { run } = await startCampaignRun(
    { store, jobs: setup.jobs },
    { workspaceId, campaignId: campaign.id, trigger: 'manual', requestedBy: userId },
  );
  return run.id;
}
