import { randomBytes } from 'node:crypto';
import { cancelRun, pauseRun, resumeRun, startCampaignRun } from '@connect/campaigns';
import type { CampaignMapping, FynoChannel, ScheduleSpec } from '@connect/core';
import { JobProducer } from '@connect/queue';
import { type CampaignRun, createStore, type Store } from '@connect/store';
import {
  createTestDatabase,
  createTestRedis,
  dropDatabase,
  type FakeFyno,
  postgresUrlFor,
  startFakeFyno,
  type TestDatabase,
  type TestRedis,
  withAdmin,
} from '@connect/testkit';
import pg from 'pg';

export interface CampaignFixture {
  app: TestDatabase;
  redis: TestRedis;
  fyno: FakeFyno;
  store: Store;
  workspaceId: string;
  userId: string;
  customerUrl: string;
  /** The environment a worker process needs to serve this fixture. */
  workerEnv: Record<string, string>;
  /** Creates a Postgres customer table `users(id, email, first_name)` with these rows. */
  loadUsers(count: number, options?: { invalidEvery?: number; duplicateEvery?: number }): Promise<void>;
  createCampaign(options?: {
    rateLimitPerSecond?: number;
    mapping?: Partial<CampaignMapping>;
    schedule?: ScheduleSpec | null;
  }): Promise<string>;
  /** A producer on the fixture's queues, for tests that schedule jobs themselves. */
  jobs: JobProducer;
  runNow(campaignId: string): Promise<CampaignRun>;
  /** What the run page's buttons do. */
  runControls(action: 'pause' | 'resume' | 'cancel', runId: string): Promise<CampaignRun>;
  waitForRun(runId: string, statuses: CampaignRun['status'][], timeoutMs?: number): Promise<CampaignRun>;
  close(): Promise<void>;
}

/**
 * Everything a campaign delivery test needs: its own app database, Redis prefix,
 * fake Fyno Cloud and customer database, with Fyno settings pointing at the fake.
 */
export async function createCampaignFixture(
  options: { redisUrl?: string; channels?: FynoChannel[] } = {},
): Promise<CampaignFixture> {
  const app = await createTestDatabase();
  const redis = createTestRedis(options.redisUrl);
  const fyno = await startFakeFyno({
    events: [{ name: 'welcome', channels: options.channels ?? ['email'], placeholders: ['first_name'] }],
  });
  const customerDb = `connect_test_customer_${randomBytes(5).toString('hex')}`;
  await withAdmin((admin) => admin.query(`create database "${customerDb}"`));
  const customerUrl = postgresUrlFor(customerDb);

  const encryptionKey = randomBytes(32).toString('hex');
  const store = createStore({ databaseUrl: app.url, encryptionKey });
  const workspaceId = (await store.workspaces.getDefault()).id;
  const user = await store.users.create({
    workspaceId,
    email: 'runner@example.com',
    name: 'Runner',
    passwordHash: 'x',
    role: 'owner',
  });
  await store.settings.updateFyno(
    workspaceId,
    { workspaceId: fyno.workspaceId, apiKey: fyno.apiKey, version: 'live', apiBase: fyno.baseUrl },
    user.id,
  );
  const jobs = new JobProducer({ connection: redis.client, prefix: redis.prefix });

  const fixture: CampaignFixture = {
    app,
    redis,
    fyno,
    store,
    workspaceId,
    userId: user.id,
    customerUrl,
    jobs,
    workerEnv: {
      DATABASE_URL: app.url,
      REDIS_URL: redis.url,
      ENCRYPTION_KEY: encryptionKey,
      QUEUE_PREFIX: redis.prefix,
      LOG_LEVEL: 'info',
      WORKER_CONCURRENCY: '4',
    },

    async loadUsers(count, options = {}) {
      const client = new pg.Client({ connectionString: customerUrl });
      await client.connect();
      try {
        await client.query('create table users (id integer primary key, email text, first_name text)');
        await client.query(
          `insert into users (id, email, first_name)
           select i,
                  case when $2 > 0 and i % $2 = 0 then 'not-an-email'
                       when $3 > 0 and i % $3 = 0 then 'user' || (i - 1) || '@example.com'
                       else 'user' || i || '@example.com' end,
                  'Name ' || i
           from generate_series(1, $1) as i`,
          [count, options.invalidEvery ?? 0, options.duplicateEvery ?? 0],
        );
      } finally {
        await client.end();
      }
    },

    async createCampaign(options = {}) {
      const connection = await store.connections.create({
        workspaceId,
        kind: 'postgres',
        name: `Customers ${randomBytes(3).toString('hex')}`,
        config: { url: customerUrl },
        secrets: {},
        test: { ok: true },
        createdBy: user.id,
      });
      const cohort = await store.cohorts.create({
        workspaceId,
        connectionId: connection.id,
        name: `Everyone ${randomBytes(3).toString('hex')}`,
        source: { schema: 'public', name: 'users' },
        definition: { type: 'filter', filter: { combinator: 'and', rules: [] } },
        createdBy: user.id,
      });
      const campaign = await store.campaigns.create(
        workspaceId,
        {
          name: `Welcome ${randomBytes(3).toString('hex')}`,
          type: 'Onboarding',
          cohortId: cohort.id,
          mapping: {
            eventName: 'welcome',
            to: { email: 'email' },
            data: { first_name: { kind: 'column', column: 'first_name' } },
            distinctIdColumn: null,
            phoneCountry: null,
            ...options.mapping,
          },
          rateLimitPerSecond: options.rateLimitPerSecond ?? null,
          errorPolicy: { mode: 'continue' },
          schedule: options.schedule ?? null,
        },
        user.id,
      );
      return campaign.id;
    },

    async runNow(campaignId) {
      const { run } = await startCampaignRun(
        { store, jobs },
        { workspaceId, campaignId, trigger: 'manual', requestedBy: user.id },
      );
      return run;
    },

    runControls(action, runId) {
      const control = { pause: pauseRun, resume: resumeRun, cancel: cancelRun }[action];
      return control({ store, jobs }, { workspaceId, user, ip: null }, runId);
    },

    async waitForRun(runId, statuses, timeoutMs = 60_000) {
      const started = Date.now();
      for (;;) {
        const run = await store.campaignRuns.get(workspaceId, runId);
        if (statuses.includes(run.status)) return run;
        if (Date.now() - started > timeoutMs) {
          throw new Error(
            `Run stayed ${run.status} (sent ${run.sent}/${run.recipients}); wanted ${statuses.join(' or ')}`,
          );
        }
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    },

    async close() {
      await jobs.close();
      await store.close();
      await fyno.close();
      await redis.cleanup();
      await dropDatabase(customerDb);
      await app.drop();
    },
  };
  return fixture;
}
