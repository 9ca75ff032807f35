import type pg from 'pg';

/** What holding a lease gave: the work's value, or nothing because another holder has it. */
export type LeaseOutcome<T> = { held: true; value: T } | { held: false };

/**
 * Exclusive leases on a run's long work (its snapshot), as PostgreSQL session advisory
 * locks on a connection of their own. A worker that dies loses its connection and,
 * with it, the lease, at once: no expiry to wait for. Two workers handed the same
 * job (a stalled-job check that fired while the first was still alive) cannot both
 * write the run's ledger.
 */
export function runLeasesRepository(pool: pg.Pool) {
  return {
    async hold<T>(key: string, work: () => Promise<T>): Promise<LeaseOutcome<T>> {
      const client = await pool.connect();
      let broken = false;
      client.on('error', () => {
        broken = true;
      });
      try {
        const taken = await client.query<{ held: boolean }>(
          'SELECT pg_try_advisory_lock(hashtextextended($1, 0)) AS held',
          [key],
        );
        if (!taken.rows[0]?.held) return { held: false };
        try {
          return { held: true, value: await work() };
        } finally {
          await client.query('SELECT pg_advisory_unlock(hashtextextended($1, 0))', [key]).catch(() => {
            broken = true;
          });
        }
      } finally {
        client.release(broken ? true : undefined);
      }
    },
  };
}
