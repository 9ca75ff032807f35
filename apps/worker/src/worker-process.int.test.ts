import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { JobProducer, readWorkerHeartbeats } from '@connect/queue';
import { createTestDatabase, createTestRedis, type TestDatabase, type TestRedis } from '@connect/testkit';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadWorkerEnv } from './env';
import { startWorker } from './worker-process';

let database: TestDatabase;
let redis: TestRedis;
let envSource: Record<string, string>;

beforeAll(async () => {
  database = await createTestDatabase();
  redis = createTestRedis();
  envSource = {
    DATABASE_URL: database.url,
    REDIS_URL: redis.url,
    ENCRYPTION_KEY: 'cd'.repeat(32),
    QUEUE_PREFIX: redis.prefix,
    LOG_LEVEL: 'warn',
  };
});
afterAll(async () => {
  await redis.cleanup();
  await database.drop();
});

describe('worker process', () => {
  it('reports a heartbeat, runs catalogue jobs, and removes its heartbeat on shutdown', async () => {
    const worker = await startWorker(loadWorkerEnv(envSource), pino({ level: 'silent' }));
    try {
      const beats = await readWorkerHeartbeats(redis.client, redis.prefix);
      expect(beats.map((b) => b.workerId)).toEqual([worker.workerId]);

      // An expired session and a live one; the purge job removes only the first.
      const [workspace] = await database.query<{ id: string }>('select id from workspaces');
      const [user] = await database.query<{ id: string }>(
        `insert into users (workspace_id, email, name, password_hash, role)
         values ($1, 'w@example.com', 'W', 'x', 'viewer') returning id`,
        [workspace!.id],
      );
      await database.query(
        `insert into sessions (id_hash, workspace_id, user_id, expires_at) values
         ('expired', $1, $2, now() - interval '1 minute'), ('live', $1, $2, now() + interval '1 day')`,
        [workspace!.id, user!.id],
      );
      const producer = new JobProducer({ connection: redis.client, prefix: redis.prefix });
      await producer.enqueue('purge-expired-sessions', {});
      await expect
        .poll(
          async () => (await database.query('select id_hash from sessions order by 1')).map((r) => r.id_hash),
          {
            timeout: 10_000,
          },
        )
        .toEqual(['live']);
      await producer.close();
    } finally {
      await worker.shutdown();
    }
    expect(await readWorkerHeartbeats(redis.client, redis.prefix)).toEqual([]);
  });

  it('stops cleanly on SIGTERM as a real process', async () => {
    const main = fileURLToPath(new URL('./main.ts', import.meta.url));
    const child = spawn(process.execPath, ['--import', 'tsx', main], {
      env: { ...process.env, ...envSource, LOG_LEVEL: 'info' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    await expect.poll(() => output, { timeout: 20_000 }).toContain('worker started');
    expect(await readWorkerHeartbeats(redis.client, redis.prefix)).toHaveLength(1);

    child.kill('SIGTERM');
    const [code] = (await once(child, 'exit')) as [number | null];
    expect(code).toBe(0);
    expect(output).toContain('worker stopped');
    expect(await readWorkerHeartbeats(redis.client, redis.prefix)).toEqual([]);
  });

  it('refuses to start with a clear message when the environment is wrong', async () => {
    const main = fileURLToPath(new URL('./main.ts', import.meta.url));
    const child = spawn(process.execPath, ['--import', 'tsx', main], {
      env: { PATH: process.env.PATH, REDIS_URL: 'http://nope' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const [code] = (await once(child, 'exit')) as [number | null];
    expect(code).toBe(1);
    expect(stderr).toContain('DATABASE_URL is missing');
    expect(stderr).toContain('REDIS_URL is not valid: a Redis URL such as redis://127.0.0.1:6379');
  });
});
