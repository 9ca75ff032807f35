import { randomBytes } from 'node:crypto';
import { dropDatabase, postgresUrlFor, withAdmin } from '@connect/testkit';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { migrateStore } from './migrate';

const name = `connect_test_empty_${randomBytes(4).toString('hex')}`;
afterAll(() => dropDatabase(name));

describe('migrateStore', () => {
  it('builds the schema on an empty database, creates one default workspace, and is safe to repeat concurrently', async () => {
    await withAdmin((admin) => admin.query(`create database "${name}"`));
    const url = postgresUrlFor(name);

    await Promise.all([migrateStore(url), migrateStore(url), migrateStore(url)]);
    await migrateStore(url);

    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const tables = await client.query<{ table_name: string }>(
        "select table_name from information_schema.tables where table_schema = 'public' order by 1",
      );
      expect(tables.rows.map((r) => r.table_name)).toEqual([
        'audit_events',
        'campaign_runs',
        'campaigns',
        'cohorts',
        'connections',
        'event_catalog',
        'run_recipients',
        'sessions',
        'users',
        'workspace_settings',
        'workspaces',
      ]);
      const workspaces = await client.query('select name, setup_completed_at from workspaces');
      expect(workspaces.rows).toEqual([{ name: 'Default', setup_completed_at: null }]);

      // Every table a workspace owns carries workspace_id.
      const missing = await client.query<{ table_name: string }>(`
        select t.table_name from information_schema.tables t
        where t.table_schema = 'public' and t.table_name <> 'workspaces'
          and not exists (select 1 from information_schema.columns c
            where c.table_name = t.table_name and c.column_name = 'workspace_id')`);
      expect(missing.rows).toEqual([]);
    } finally {
      await client.end();
    }
  });
});
