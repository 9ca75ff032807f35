import {
  createTestDatabase,
  createTestRedis,
  postgresUrlFor,
  withAdmin,
  type TestDatabase,
  type TestRedis,
} from '@connect/testkit';
import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from './test-support/repo-root';
import { requireTool } from './test-support/require-tool';
import { runScript } from './test-support/run-script';

// A native installation of its own: a database cloned from the migrated template,
// a Redis prefix, a settings file and a data folder in a temporary directory.
let database: TestDatabase;
let redis: TestRedis;
let folder: string;
let env: Record<string, string>;
const restored = `connect_test_restored_${randomBytes(5).toString('hex')}`;

beforeAll(async () => {
  requireTool('pg_dump', 'postgresql-client');
  requireTool('pg_restore', 'postgresql-client');
  database = await createTestDatabase();
  redis = createTestRedis();
  folder = mkdtempSync(join(tmpdir(), 'connect-backup-'));
  const settings = join(folder, '.env');
  writeFileSync(
    settings,
    [
      `DATABASE_URL=${database.url}`,
      `REDIS_URL=${redis.url}`,
      `QUEUE_PREFIX=${redis.prefix}`,
      `ENCRYPTION_KEY=${'4b'.repeat(32)}`,
      '',
    ].join('\n'),
    { mode: 0o600 },
  );
  env = { CONNECT_ENV_FILE: settings, CONNECT_DATA_DIR: join(folder, 'data') };
  const [workspace] = await database.query<{ id: string }>('select id from workspaces limit 1');
  await database.query(
    `insert into users (workspace_id, email, name, password_hash, role) values ($1, 'keep@example.com', 'Kept', 'x', 'owner')`,
    [workspace!.id],
  );
  await redis.client.set(`${redis.prefix}:campaign-runs:meta`, 'queue state');
});
afterAll(async () => {
  await database.drop();
  await withAdmin((admin) => admin.query(`drop database if exists "${restored}" with (force)`));
  await redis.cleanup();
  rmSync(folder, { recursive: true, force: true });
});

const databaseExists = async (name: string) =>
  (await withAdmin((admin) => admin.query('select 1 from pg_database where datname = $1', [name])))
    .rowCount === 1;

describe('update.sh --backup-only (the backup update.sh makes first)', () => {
  it('dumps the app database with the settings and version beside it, for the owner only', () => {
    const result = runScript('update.sh', ['--native', '--backup-only'], { env });
    expect(result.status, result.output).toBe(0);
    const backups = join(folder, 'data/backups');
    const files = readdirSync(backups).sort();
    expect(files).toEqual([
      expect.stringMatching(/^connect-\d{8}-\d{6}\.dump$/),
      expect.stringMatching(/^connect-\d{8}-\d{6}\.env$/),
      expect.stringMatching(/^connect-\d{8}-\d{6}\.version$/),
    ]);
    expect(result.output).toContain(`backup written: ${join(backups, files[0]!)}`);
    expect(statSync(backups).mode & 0o777).toBe(0o700);
    expect(statSync(join(backups, files[0]!)).mode & 0o777).toBe(0o600);
    expect(readFileSync(join(backups, files[1]!), 'utf8')).toBe(readFileSync(env.CONNECT_ENV_FILE!, 'utf8'));
    const head = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: repoRoot, encoding: 'utf8' });
    expect(readFileSync(join(backups, files[2]!), 'utf8')).toBe(head);
  });

  it('restores with the command the README gives, into an empty database', async () => {
    const dump = readdirSync(join(folder, 'data/backups')).find((file) => file.endsWith('.dump'))!;
    await withAdmin((admin) => admin.query(`create database "${restored}"`));
    const result = spawnSync(
      'pg_restore',
      [
        '--clean',
        '--if-exists',
        '--no-owner',
        '-d',
        postgresUrlFor(restored),
        join(folder, 'data/backups', dump),
      ],
      { encoding: 'utf8' },
    );
    expect(result.status, result.stderr).toBe(0);
    const client = new (await import('pg')).default.Client({ connectionString: postgresUrlFor(restored) });
    await client.connect();
    const users = await client.query('select email from users');
    await client.end();
    expect(users.rows).toEqual([{ email: 'keep@example.com' }]);
  });

  it('refuses to run where Connect was never started', () => {
    const result = runScript('update.sh', ['--native', '--backup-only'], {
      env: { CONNECT_ENV_FILE: join(folder, 'missing.env'), CONNECT_DATA_DIR: join(folder, 'nowhere') },
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('does not exist: Connect has not been started in this folder yet');
  });
});

describe('delete.sh', () => {
  it('changes nothing unless the confirmation is typed exactly', async () => {
    for (const input of ['', 'yes\n', 'delete\n', 'Delete Connect\n']) {
      const result = runScript('delete.sh', ['--native'], { env, input });
      expect(result.status).toBe(1);
      expect(result.stderr).toContain('not confirmed; nothing was changed');
    }
    expect(await databaseExists(database.name)).toBe(true);
  });

  it('keeps the data when not asked to delete it', async () => {
    const result = runScript('delete.sh', ['--native'], { env, input: 'delete connect\nn\n\n' });
    expect(result.status, result.output).toBe(0);
    expect(result.output).toContain('no final backup');
    expect(await databaseExists(database.name)).toBe(true);
    expect(await redis.client.get(`${redis.prefix}:campaign-runs:meta`)).toBe('queue state');
  });

  it('makes a final backup, then deletes the database and the Redis keys, keeping backups and settings', async () => {
    const before = readdirSync(join(folder, 'data/backups')).filter((f) => f.endsWith('.dump')).length;
    const result = runScript('delete.sh', ['--native'], { env, input: 'delete connect\ny\ny\n' });
    expect(result.status, result.output).toBe(0);
    expect(readdirSync(join(folder, 'data/backups')).filter((f) => f.endsWith('.dump'))).toHaveLength(
      before + 1,
    );
    expect(await databaseExists(database.name)).toBe(false);
    expect(await redis.client.keys(`${redis.prefix}:*`)).toEqual([]);
    expect(readFileSync(env.CONNECT_ENV_FILE!, 'utf8')).toContain('ENCRYPTION_KEY=');
    expect(result.output).toContain('Kept:');
  });
});
