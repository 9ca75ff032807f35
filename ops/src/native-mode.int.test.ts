import { createTestDatabase, createTestRedis, type TestDatabase, type TestRedis } from '@connect/testkit';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoPath } from './test-support/repo-root';
import { runScriptAsync } from './test-support/run-script';

// `sh start.sh --native` for real: the production build, migrations, the web app and
// a worker, each under its supervisor, in a settings file and data folder of their
// own (a cloned database, a Redis prefix, a free port). Then the drill: kill -9.
let database: TestDatabase;
let redis: TestRedis;
let folder: string;
let dataDir: string;
let port: number;
let env: Record<string, string>;
/** Every pid this installation had, to check that none outlives `stop`. */
const seen = new Set<number>();

beforeAll(async () => {
  database = await createTestDatabase();
  redis = createTestRedis();
  port = await freePort();
  folder = mkdtempSync(join(tmpdir(), 'connect-native-'));
  dataDir = join(folder, 'data');
  const settings = join(folder, '.env');
  writeFileSync(
    settings,
    [
      `DATABASE_URL=${database.url}`,
      `REDIS_URL=${redis.url}`,
      `QUEUE_PREFIX=${redis.prefix}`,
      `ENCRYPTION_KEY=${'6c'.repeat(32)}`,
      `PORT=${port}`,
      'LOG_LEVEL=info',
      '',
    ].join('\n'),
    { mode: 0o600 },
  );
  env = { CONNECT_ENV_FILE: settings, CONNECT_DATA_DIR: dataDir };
  // Installs, builds (minutes on a cold cache) and waits for /api/health.
  const started = await startScript(['--native'], 15 * 60_000);
  expect(started.status, started.output).toBe(0);
  expect(started.output).toContain('Connect is running');
}, 16 * 60_000);

afterAll(async () => {
  if (env) await startScript(['stop']);
  await redis?.cleanup();
  await database?.drop();
  if (folder) rmSync(folder, { recursive: true, force: true });
}, 120_000);

const startScript = (args: string[], timeoutMs = 120_000) =>
  runScriptAsync(repoPath('start.sh'), args, { env, timeoutMs });

function pidOf(name: string): number | undefined {
  const file = join(dataDir, 'run', `${name}.pid`);
  if (!existsSync(file)) return undefined;
  const pid = Number(readFileSync(file, 'utf8'));
  if (alive(pid)) seen.add(pid);
  return alive(pid) ? pid : undefined;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function health(): Promise<string | undefined> {
  try {
    const response = await fetch(`http://127.0.0.1:${port}/api/health`);
    return ((await response.json()) as { status: string }).status;
  } catch {
    return undefined;
  }
}

/** The pids of the workers whose heartbeat is in Redis now. */
async function heartbeatPids(): Promise<number[]> {
  const keys = await redis.client.keys(`${redis.prefix}:worker-heartbeat:*`);
  const beats = keys.length > 0 ? await redis.client.mget(...keys) : [];
  return beats.flatMap((beat) => (beat ? [(JSON.parse(beat) as { pid: number }).pid] : []));
}

const log = (name: string) => readFileSync(join(dataDir, 'logs', `${name}.log`), 'utf8');
const restartLine = (name: string) =>
  new RegExp(
    `^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ \\[supervisor\\] ${name}: exited \\(signal KILL\\) after \\d+s; restart attempt 1 in 1s$`,
    'm',
  );

/** Processes, of any name, that carry this installation's data folder in their environment. */
function processesOfThisInstallation(): number[] {
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .filter((pid) => {
      try {
        return readFileSync(`/proc/${pid}/environ`, 'utf8')
          .split('\0')
          .includes(`CONNECT_DATA_DIR=${dataDir}`);
      } catch {
        return false;
      }
    })
    .map(Number);
}

describe('start.sh --native: supervised processes', () => {
  it('brings the worker back after kill -9, and status says it was restarted', async () => {
    expect(await health()).toBe('ok');
    const worker = pidOf('worker')!;
    expect(await heartbeatPids()).toContain(worker);
    pidOf('worker.supervisor');

    process.kill(worker, 'SIGKILL');
    await expect
      .poll(() => pidOf('worker') !== undefined && pidOf('worker') !== worker, { timeout: 30_000 })
      .toBe(true);
    const again = pidOf('worker')!;
    // The new worker reports in (the old one's heartbeat may linger until it expires).
    await expect.poll(heartbeatPids, { timeout: 60_000, interval: 500 }).toContain(again);
    expect(await health()).toBe('ok');

    expect(log('worker')).toMatch(restartLine('worker'));
    expect(log('supervisor')).toMatch(restartLine('worker'));
    const status = await startScript(['status']);
    expect(status.output).toMatch(
      new RegExp(`worker is running \\(pid ${again}\\); restarted 1 time, last at \\S+Z \\(signal KILL\\)`),
    );
  });

  it('brings the web app back after kill -9: the health check answers ok again', async () => {
    const web = pidOf('web')!;
    pidOf('web.supervisor');
    process.kill(web, 'SIGKILL');
    await expect
      .poll(() => pidOf('web') !== undefined && pidOf('web') !== web, { timeout: 30_000 })
      .toBe(true);
    const again = pidOf('web')!;
    await expect.poll(health, { timeout: 60_000, interval: 500 }).toBe('ok');

    expect(log('web')).toMatch(restartLine('web'));
    expect(log('supervisor')).toMatch(restartLine('web'));
    const status = await startScript(['status']);
    expect(status.output).toMatch(
      new RegExp(`web is running \\(pid ${again}\\); restarted 1 time, last at \\S+Z \\(signal KILL\\)`),
    );
    expect(status.output).toMatch(/worker is running \(pid \d+\); restarted 1 time/);
    expect(status.output).toContain('"status":"ok"');
  });

  it('takes a client that reaches the web app directly at its own address, whatever X-Forwarded-For says', async () => {
    // From 127.0.0.2: on this machine, but not one of the default trusted proxies.
    const status = await failedSignIn('127.0.0.2', {
      'x-forwarded-for': '10.9.9.9',
      'x-real-ip': '10.9.9.8',
    });
    expect(status).toBe(401);
    const keys = await redis.client.keys(`${redis.prefix}:login-fail-ip:*`);
    expect(keys.map((key) => key.split(':').at(-1))).toEqual(['127.0.0.2']);
  });

  it('stops the supervisors and their processes on stop, and nothing comes back', async () => {
    expect(processesOfThisInstallation().length).toBeGreaterThanOrEqual(4);
    const stopped = await startScript(['stop']);
    expect(stopped.status, stopped.output).toBe(0);
    expect(stopped.output).not.toContain('did not stop');
    // Longer than the first restart delay: a supervisor still around would have acted.
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    expect([...seen].filter(alive)).toEqual([]);
    expect(processesOfThisInstallation()).toEqual([]);
    expect(await health()).toBeUndefined();
    expect(readdirSync(join(dataDir, 'run'))).toEqual([]);
    const status = await startScript(['status']);
    expect(status.output).toContain('web is not running');
    expect(status.output).toContain('worker is not running');
  });

  it('fails a start whose web app exits at boot, saying why, and leaves nothing restarting it', async () => {
    const settings = env.CONNECT_ENV_FILE!;
    writeFileSync(settings, `${readFileSync(settings, 'utf8')}TRUSTED_PROXIES=caddy\n`);
    const started = await startScript(['--native'], 10 * 60_000);
    expect(started.status).toBe(1);
    expect(started.stderr).toContain('the web app stopped');
    expect(started.stderr).toContain('TRUSTED_PROXIES is not valid');
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    expect(processesOfThisInstallation()).toEqual([]);
  });
});

function failedSignIn(localAddress: string, headers: Record<string, string>): Promise<number | undefined> {
  const body = JSON.stringify({ email: 'nobody@example.com', password: 'not the password' });
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        localAddress,
        method: 'POST',
        path: '/api/auth/sign-in',
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          origin: `http://127.0.0.1:${port}`,
          ...headers,
        },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port: free } = server.address() as { port: number };
      server.close(() => resolve(free));
    });
  });
}
