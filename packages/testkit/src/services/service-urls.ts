/**
 * Where tests find the local services. Tests read these (not the app's .env) so a
 * developer's own Connect database is never touched by a test run.
 */
export const testServiceUrls = {
  /** A superuser connection used to create and drop per-test databases. */
  postgresAdmin: process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
  redis: process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379',
  mysqlAdmin: process.env.TEST_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306',
};

/**
 * The migrated template each test database is cloned from. One per test run (the
 * global setup names it and passes it to the test workers through the
 * environment), so two runs on one machine never drop each other's template.
 */
export function templateDatabaseName(): string {
  const name = process.env.CONNECT_TEST_TEMPLATE_DB;
  if (!name)
    throw new Error(
      'CONNECT_TEST_TEMPLATE_DB is not set: integration tests must run through the vitest global setup.',
    );
  return name;
}

/** The admin URL with its database swapped, e.g. for a per-test database. */
export function postgresUrlFor(database: string): string {
  const url = new URL(testServiceUrls.postgresAdmin);
  url.pathname = `/${database}`;
  return url.toString();
}
