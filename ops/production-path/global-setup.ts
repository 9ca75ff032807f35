import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import pg from 'pg';
import {
  appDatabase,
  caddyPort,
  dataDir,
  envFile,
  fynoPort,
  queuePrefix,
  webPort,
  type InstallFacts,
} from './production-install';

const repo = fileURLToPath(new URL('../../', import.meta.url));
const customerDatabase = `connect_production_path_customers`;
// The same local services as the other tests (see @connect/testkit's service-urls).
const postgresAdmin = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const redisUrl = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/**
 * Installs Connect the way the README says, on a fresh database: `sh start.sh
 * --native` with its own settings file and data folder, the project's Caddyfile
 * with the domain switched to a local HTTP port, and Fyno Cloud played by the fake.
 * Returns the teardown, which stops it all and leaves nothing behind.
 */
export default async function globalSetup(): Promise<() => Promise<void>> {
  const fyno = await startFynoSandbox();
  await resetState();
  await createCustomerDatabase();

  rmSync(dataDir, { recursive: true, force: true });
  mkdirSync(dataDir, { recursive: true });
  const metricsToken = randomBytes(24).toString('hex');
  // The example settings, as a new installation has them, pointed at this test's
  // services. ENCRYPTION_KEY stays empty: start.sh generates it.
  const settings: Record<string, string> = {
    DATABASE_URL: postgresUrlFor(appDatabase),
    REDIS_URL: redisUrl,
    QUEUE_PREFIX: queuePrefix,
    PORT: String(webPort),
    FYNO_WSID: fyno.workspaceId,
    FYNO_API_KEY: fyno.apiKey,
    FYNO_API_BASE: fyno.baseUrl,
    METRICS_TOKEN: metricsToken,
  };
  const example = readFileSync(`${repo}.env.example`, 'utf8');
  writeFileSync(
    envFile,
    example.replace(/^([A-Z_]+)=.*$/gm, (line, name: string) =>
      name in settings ? `${name}=${settings[name]}` : line,
    ),
    { mode: 0o600 },
  );
  const caddyfile = readFileSync(`${repo}Caddyfile.example`, 'utf8');
  if (!/^connect\.example\.com \{$/m.test(caddyfile))
    throw new Error('Caddyfile.example no longer has its site line');
  writeFileSync(
    `${dataDir}/Caddyfile`,
    caddyfile.replace(/^connect\.example\.com \{$/m, `http://127.0.0.1:${caddyPort} {`),
  );

  await runStartScript(['--native']);

  const facts: InstallFacts = {
    fynoOrigin: fyno.origin,
    customerUrl: postgresUrlFor(customerDatabase),
    metricsToken,
  };
  process.env.PRODUCTION_PATH_FACTS = JSON.stringify(facts);

  return async () => {
    await runStartScript(['stop']).catch((error: unknown) => console.error(error));
    // The logs outlive the run, for reading after a failure.
    cpSync(`${dataDir}/logs`, fileURLToPath(new URL('./test-results/logs', import.meta.url)), {
      recursive: true,
    });
    fyno.process.kill('SIGTERM');
    await resetState();
    await dropDatabase(customerDatabase);
    rmSync(dataDir, { recursive: true, force: true });
  };
}

function runStartScript(args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    // Connect's settings come from the file, as on a server: none are inherited.
    const env = Object.fromEntries(
      Object.entries(process.env).filter(
        ([name]) =>
          !/^(DATABASE_URL|REDIS_URL|QUEUE_PREFIX|PORT|ENCRYPTION_KEY|FYNO_.*|APP_URL|METRICS_TOKEN|LOG_LEVEL)$/.test(
            name,
          ),
      ),
    );
    const child = spawn('sh', [`${repo}start.sh`, ...args], {
      cwd: repo,
      env: { ...env, CONNECT_ENV_FILE: envFile, CONNECT_DATA_DIR: dataDir },
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`sh start.sh ${args.join(' ')} exited with ${code}`)),
    );
  });
}

interface FynoSandbox {
  process: ChildProcess;
  origin: string;
  baseUrl: string;
  workspaceId: string;
  apiKey: string;
}

/**
 * Fyno Cloud, played by `pnpm fyno:sandbox` (the fake Fyno from @connect/testkit,
 * standalone) with one event: welcome, by email, with a first_name placeholder.
 */
async function startFynoSandbox(): Promise<FynoSandbox> {
  const apiKey = randomBytes(12).toString('hex');
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      'packages/testkit/src/fyno/sandbox.ts',
      '--port',
      String(fynoPort),
      '--api-key',
      apiKey,
      '--quiet',
    ],
    { cwd: repo, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  let output = '';
  const origin = await new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (http:\/\/\S+)/.exec(output);
      if (match) resolve(match[1]!);
    });
    child.on('exit', (code) => reject(new Error(`The Fyno sandbox exited (${code}):\n${output}`)));
  });
  const events = await fetch(`${origin}/__fake/events`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify([{ name: 'welcome', channels: ['email'], placeholders: ['first_name'] }]),
  });
  if (!events.ok) throw new Error(`The Fyno sandbox refused the events: ${await events.text()}`);
  return {
    process: child,
    origin,
    baseUrl: /FYNO_API_BASE=(\S+)/.exec(output)![1]!,
    workspaceId: /FYNO_WSID=(\S+)/.exec(output)![1]!,
    apiKey,
  };
}

function postgresUrlFor(database: string): string {
  const url = new URL(postgresAdmin);
  url.pathname = `/${database}`;
  return url.toString();
}

async function withAdmin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: postgresAdmin });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

const dropDatabase = (name: string) =>
  withAdmin((admin) => admin.query(`drop database if exists "${name}" with (force)`));

/** A fresh installation: no app database, no keys in Redis. start.sh creates the database. */
async function resetState(): Promise<void> {
  await dropDatabase(appDatabase);
  const redis = new Redis(redisUrl);
  const keys = await redis.keys(`${queuePrefix}:*`);
  if (keys.length > 0) await redis.del(...keys);
  redis.disconnect();
}

/** The customer's database Connect reads the cohort from: three users, two on the pro plan. */
async function createCustomerDatabase(): Promise<void> {
  await dropDatabase(customerDatabase);
  await withAdmin((admin) => admin.query(`create database "${customerDatabase}"`));
  const client = new pg.Client({ connectionString: postgresUrlFor(customerDatabase) });
  await client.connect();
  await client.query(`
    create table users (id int primary key, email text not null, first_name text not null, plan text not null);
    insert into users values
      (1, 'ana@example.com', 'Ana', 'pro'),
      (2, 'ben@example.com', 'Ben', 'free'),
      (3, 'cleo@example.com', 'Cleo', 'pro');`);
  await client.end();
}
