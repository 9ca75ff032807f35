import { createTestDatabase, createTestRedis, type TestDatabase, type TestRedis } from '@connect/testkit';
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoPath } from './test-support/repo-root';

// The worker container's healthcheck (ops/docker/worker-healthcheck.ts, copied into
// the image), run against a real worker process as docker would run it.
let database: TestDatabase;
let redis: TestRedis;
let worker: ChildProcess | undefined;

beforeAll(async () => {
  database = await createTestDatabase();
  redis = createTestRedis();
});
afterAll(async () => {
  worker?.kill('SIGKILL');
  await redis.cleanup();
  await database.drop();
});

function healthcheck(redisUrl = redis.url) {
  return spawnSync(process.execPath, ['--import', 'tsx', repoPath('ops/docker/worker-healthcheck.ts')], {
    cwd: repoPath('apps/worker'),
    env: { PATH: process.env.PATH, REDIS_URL: redisUrl, QUEUE_PREFIX: redis.prefix },
    encoding: 'utf8',
    timeout: 20_000,
  });
}

async function startWorker(): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--max-old-space-size=256', '--import', 'tsx', 'src/main.ts'], {
    cwd: repoPath('apps/worker'),
    env: {
      PATH: process.env.PATH,
      DATABASE_URL: database.url,
      REDIS_URL: redis.url,
      QUEUE_PREFIX: redis.prefix,
      ENCRYPTION_KEY: '5a'.repeat(32),
      LOG_LEVEL: 'info',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const started = Date.now();
  while (!output.includes('worker started')) {
    if (child.exitCode !== null) throw new Error(`The worker exited at start:\n${output}`);
    if (Date.now() - started > 30_000) throw new Error(`The worker did not start:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return child;
}

describe('worker container healthcheck', () => {
  it('is unhealthy while no worker on this host reports', () => {
    const result = healthcheck();
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('No heartbeat from a worker on');
  });

  it('is healthy while the worker runs, and unhealthy again once it has stopped', async () => {
    worker = await startWorker();
    const running = healthcheck();
    expect(running.status, running.stderr).toBe(0);
    expect(running.stdout).toMatch(/^Worker .+ reported /);

    const exited = once(worker, 'exit');
    worker.kill('SIGTERM');
    await exited;
    worker = undefined;
    expect(healthcheck().status).toBe(1);
  });

  it('is unhealthy when Redis does not answer', () => {
    const result = healthcheck('redis://127.0.0.1:1');
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('Redis did not answer');
  });
});
