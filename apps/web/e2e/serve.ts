// Starts the production build of the web app and a worker against a fresh, empty
// app database, as a new installation would be: the e2e tests begin at first-run setup.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { dropDatabase, postgresUrlFor, startFakeFyno, testServiceUrls, withAdmin } from '@connect/testkit';
import { migrateStore } from '@connect/store/migrate';
import { Redis } from 'ioredis';
import pg from 'pg';
import {
  customerDatabase,
  customerDatabaseUrl,
  customerUsersSql,
  e2eDatabase,
  e2ePort,
  e2eQueuePrefix,
  fakeFyno,
} from './support/e2e-services';

const port = String(e2ePort);
const database = e2eDatabase;
const prefix = e2eQueuePrefix;
const webDir = fileURLToPath(new URL('..', import.meta.url));
const workerMain = fileURLToPath(new URL('../../worker/src/main.ts', import.meta.url));

await dropDatabase(database);
await withAdmin((admin) => admin.query(`create database "${database}"`));
await migrateStore(postgresUrlFor(database));

const redis = new Redis(testServiceUrls.redis);
const stale = await redis.keys(`${prefix}*`);
if (stale.length > 0) await redis.del(...stale);
redis.disconnect();

// A customer database to build cohorts from, and a fake Fyno Cloud for campaigns to send to.
if (customerDatabaseUrl !== postgresUrlFor(customerDatabase))
  throw new Error('e2e/support/e2e-services.ts no longer agrees with the test kit on database URLs');
await dropDatabase(customerDatabase);
await withAdmin((admin) => admin.query(`create database "${customerDatabase}"`));
const customers = new pg.Client({ connectionString: customerDatabaseUrl });
await customers.connect();
await customers.query(customerUsersSql);
await customers.end();
const fyno = await startFakeFyno({
  port: fakeFyno.port,
  workspaceId: fakeFyno.workspaceId,
  apiKey: fakeFyno.apiKey,
  events: [{ name: 'spring_sale', channels: ['email', 'sms'], placeholders: ['first_name', 'discount'] }],
});

const env = {
  ...process.env,
  NODE_ENV: 'production' as const,
  DATABASE_URL: postgresUrlFor(database),
  REDIS_URL: testServiceUrls.redis,
  ENCRYPTION_KEY: '5e'.repeat(32),
  QUEUE_PREFIX: prefix,
  LOG_LEVEL: 'warn',
  PORT: port,
  FYNO_WSID: '',
  FYNO_API_KEY: '',
  FYNO_API_BASE: fyno.baseUrl,
  // No Magic Query model until an owner sets one up under Settings, as on a new installation.
  LLM_BASE_URL: undefined,
  LLM_MODEL: undefined,
  LLM_API_KEY: undefined,
};

const children: ChildProcess[] = [
  spawn(process.execPath, ['node_modules/next/dist/bin/next', 'start', '--port', port], {
    cwd: webDir,
    env,
    stdio: 'inherit',
  }),
  spawn(process.execPath, ['--import', 'tsx', workerMain], { cwd: webDir, env, stdio: 'inherit' }),
];

const stop = () => {
  for (const child of children) child.kill('SIGTERM');
  void fyno.close();
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
for (const child of children) {
  child.on('exit', (code) => {
    if (code !== 0 && code !== null) {
      console.error(`e2e server process exited with ${code}`);
      stop();
      process.exitCode = 1;
    }
  });
}
