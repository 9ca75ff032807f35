import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { postgresUrlFor, templateDatabaseName, testServiceUrls } from './service-urls';

export interface TestDatabase {
  name: string;
  url: string;
  /** Runs one statement on this database (for arranging and inspecting test state). */
  query<Row extends pg.QueryResultRow = Record<string, unknown>>(
    text: string,
    values?: unknown[],
  ): Promise<Row[]>;
  drop(): Promise<void>;
}

/**
 * A fresh, migrated app database for one test file, cloned from the template the
 * global setup prepared. Cloning takes milliseconds, so every file gets its own
 * database and files run in parallel without seeing each other's rows.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const name = `connect_test_${randomBytes(6).toString('hex')}`;
  await withAdmin(async (admin) => {
    // Two clones of one template at the same instant can collide; a retry settles it.
    for (let attempt = 1; ; attempt += 1) {
      try {
        await admin.query(`create database "${name}" template "${templateDatabaseName()}"`);
        return;
      } catch (error) {
        if (attempt >= 10 || !String(error).includes('being accessed by other users')) throw error;
        await new Promise((resolve) => setTimeout(resolve, 100 * attempt));
      }
    }
  });
  const url = postgresUrlFor(name);
  return {
    name,
    url,
    query: (text, values) => queryOnce(url, text, values),
    drop: () => dropDatabase(name),
  };
}

export async function dropDatabase(name: string): Promise<void> {
  await withAdmin((admin) => admin.query(`drop database if exists "${name}" with (force)`));
}

export async function withAdmin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: testServiceUrls.postgresAdmin });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

async function queryOnce<Row extends pg.QueryResultRow>(
  url: string,
  text: string,
  values?: unknown[],
): Promise<Row[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<Row>(text, values)).rows;
  } finally {
    await client.end();
  }
}
