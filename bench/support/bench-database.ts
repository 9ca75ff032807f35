import { postgresUrlFor, withAdmin } from '@connect/testkit';
import pg from 'pg';

/** Benchmarks keep their big tables here between runs; tests never touch it. */
export const benchDatabase = 'connect_bench';

export function benchDatabaseUrl(): string {
  return postgresUrlFor(benchDatabase);
}

/**
 * Makes sure `connect_bench` exists and `table` holds exactly `rows` rows built by
 * `seed` at `version`. Seeding a big table takes minutes, so it happens only when the
 * table is missing, of another size, or built by an older version of the seed.
 */
export async function ensureBenchTable(options: {
  table: string;
  rows: number;
  version: number;
  seed: (client: pg.Client, log: (line: string) => void) => Promise<void>;
  log: (line: string) => void;
}): Promise<void> {
  await withAdmin(async (admin) => {
    const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [benchDatabase]);
    if (!exists.rowCount) await admin.query(`CREATE DATABASE ${benchDatabase}`);
  });
  const client = new pg.Client({ connectionString: benchDatabaseUrl() });
  await client.connect();
  try {
    await client.query(
      'CREATE TABLE IF NOT EXISTS bench_meta (table_name text PRIMARY KEY, rows bigint NOT NULL, version integer NOT NULL)',
    );
    const meta = await client.query<{ rows: string; version: number }>(
      'SELECT rows, version FROM bench_meta WHERE table_name = $1',
      [options.table],
    );
    const current = meta.rows[0];
    if (current && Number(current.rows) === options.rows && current.version === options.version) {
      options.log(`${options.table}: ${options.rows.toLocaleString('en')} rows cached in ${benchDatabase}`);
      return;
    }
    options.log(
      `${options.table}: seeding ${options.rows.toLocaleString('en')} rows in ${benchDatabase} (once; later runs reuse it)`,
    );
    const started = performance.now();
    await client.query(`DROP TABLE IF EXISTS ${options.table}`);
    await client.query('DELETE FROM bench_meta WHERE table_name = $1', [options.table]);
    await options.seed(client, options.log);
    await client.query('INSERT INTO bench_meta (table_name, rows, version) VALUES ($1, $2, $3)', [
      options.table,
      options.rows,
      options.version,
    ]);
    options.log(`${options.table}: seeded in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  } finally {
    await client.end();
  }
}
