import type pg from 'pg';

/**
 * A `seed` for {@link ensureBenchTable}: `rows` customer-like users in `table`, with
 * deterministic, well-spread values from multiplicative hashes of the row number, a
 * primary key, an index on signed_up_at and fresh statistics.
 */
export function seedBenchUsers(table: string, rows: number) {
  const chunk = 1_000_000;
  return async (client: pg.Client, log: (line: string) => void): Promise<void> => {
    await client.query(`CREATE TABLE ${table} (
      id bigint NOT NULL,
      email text NOT NULL,
      name text,
      age integer,
      plan text NOT NULL,
      country text,
      is_active boolean NOT NULL,
      signed_up_at timestamptz NOT NULL,
      score double precision NOT NULL
    )`);
    for (let from = 1; from <= rows; from += chunk) {
      const to = Math.min(rows, from + chunk - 1);
      await client.query(
        `INSERT INTO ${table}
         SELECT g,
                'user' || g || '@' || (ARRAY['example.com', 'example.org', 'mail.test'])[1 + g % 3],
                CASE WHEN g % 20 = 0 THEN NULL ELSE 'User ' || g END,
                CASE WHEN g % 13 = 0 THEN NULL ELSE 18 + (g * 7919) % 73 END,
                (ARRAY['free', 'free', 'free', 'free', 'free', 'free', 'pro', 'pro', 'pro', 'enterprise'])[1 + (g * 31) % 10],
                CASE WHEN g % 17 = 0 THEN NULL ELSE (ARRAY['US', 'DE', 'IN', 'BR', 'JP', 'FR', 'GB'])[1 + (g * 17) % 7] END,
                (g * 13) % 10 < 7,
                now() - make_interval(secs => ((g * 104729) % (5 * 365 * 86400))::double precision),
                ((g * 6151) % 10000) / 100.0
           FROM generate_series($1::bigint, $2::bigint) AS g`,
        [from, to],
      );
      log(`  ${to.toLocaleString('en')} rows`);
    }
    log('  primary key and index on signed_up_at');
    await client.query(`ALTER TABLE ${table} ADD PRIMARY KEY (id)`);
    await client.query(`CREATE INDEX ${table}_signed_up_at ON ${table} (signed_up_at)`);
    await client.query(`VACUUM ANALYZE ${table}`);
  };
}
