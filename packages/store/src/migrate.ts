import { fileURLToPath } from 'node:url';
import { drizzle } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import { workspacesRepository } from './repositories/workspaces';
import * as schema from './schema/index';

const migrationsFolder = fileURLToPath(new URL('../migrations', import.meta.url));

// Any constant works; it only has to be the same in every process that migrates.
const migrationLockId = 7_311_042;

/**
 * (Exported as `@connect/store/migrate`, apart from the rest of the store, so the
 * web app's bundle never includes the migration files' location.)
 *
 * Brings the app database up to date and makes sure the default workspace exists.
 * Safe to call from several processes at once (web, workers): they take turns on
 * an advisory lock and the later ones find nothing left to do.
 */
export async function migrateStore(databaseUrl: string): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl, application_name: 'connect-migrate' });
  await client.connect();
  try {
    await client.query('select pg_advisory_lock($1)', [migrationLockId]);
    const db = drizzle(client, { schema });
    await migrate(db, { migrationsFolder });
    await workspacesRepository(db).ensureDefault();
  } finally {
    await client.query('select pg_advisory_unlock($1)', [migrationLockId]).catch(() => {});
    await client.end();
  }
}
