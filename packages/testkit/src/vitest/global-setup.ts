import { migrateStore } from '@connect/store/migrate';
import { Redis } from 'ioredis';
import { dropDatabase, withAdmin } from '../services/test-database';
import { postgresUrlFor, testServiceUrls } from '../services/service-urls';

/**
 * Runs once before the integration tests: checks the services answer (and says how
 * to start them if not), then builds the migrated template database that each test
 * file clones.
 */
export default async function setup(): Promise<() => Promise<void>> {
  await requireService('PostgreSQL', testServiceUrls.postgresAdmin, () =>
    withAdmin((admin) => admin.query('select 1')),
  );
  await requireService('Redis', testServiceUrls.redis, async () => {
    const redis = new Redis(testServiceUrls.redis, {
      lazyConnect: true,
      maxRetriesPerRequest: 0,
      retryStrategy: () => null,
    });
    try {
      await redis.connect();
      await redis.ping();
    } finally {
      redis.disconnect();
    }
  });

  await dropStaleTemplates();
  const template = `connect_test_template_${process.pid}`;
  process.env.CONNECT_TEST_TEMPLATE_DB = template;
  await dropDatabase(template);
  await withAdmin((admin) => admin.query(`create database "${template}"`));
  await migrateStore(postgresUrlFor(template));

  return async () => {
    await dropDatabase(template);
  };
}

/** Templates and test databases left by runs that were killed, older than an hour. */
async function dropStaleTemplates() {
  const stale = await withAdmin(async (admin) => {
    const result = await admin.query<{ datname: string }>(
      `select d.datname from pg_database d
       where d.datname like 'connect\\_test\\_%'
         and (pg_stat_file('base/' || d.oid || '/PG_VERSION')).modification < now() - interval '1 hour'`,
    );
    return result.rows.map((r) => r.datname);
  });
  for (const name of stale) await dropDatabase(name).catch(() => {});
}

async function requireService(name: string, url: string, probe: () => Promise<unknown>) {
  try {
    await probe();
  } catch (error) {
    const where = new URL(url);
    throw new Error(
      `${name} is not reachable at ${where.host} (${String(error)}). ` +
        'Run `pnpm services` to start the local services, or set TEST_POSTGRES_URL / TEST_REDIS_URL.',
    );
  }
}
