import { openConnector, type PreviewRequest } from '@connect/connectors';
import pg from 'pg';
import { benchDatabaseUrl, ensureBenchTable } from '../support/bench-database';
import { seedBenchUsers } from '../support/bench-users-table';
import type { BenchScenario } from '../support/scenario';
import { compare } from '../support/timing';

/**
 * The first filtered page of a 10,000,000-row PostgreSQL table, through the
 * connector and as the same SQL run directly with `pg`. The connector may add a
 * read-only transaction, a time limit, validation and JSON-safe conversion; the
 * target is at most 1.2x the direct time or at most 20 ms more.
 */
const rows = Number(process.env.BENCH_PREVIEW_ROWS ?? 10_000_000);
const table = 'bench_users';
interface Shape {
  name: string;
  definition: PreviewRequest['definition'];
  sort?: { field: string; direction: 'asc' | 'desc' }[];
  /** The SQL the connector compiles for this preview, written out by hand for `pg`. */
  direct: { text: string; values: unknown[] };
}

const pageSize = 50;

const shapes: Shape[] = [
  {
    name: 'four rules, default order',
    definition: {
      type: 'filter',
      filter: {
        combinator: 'and',
        rules: [
          { field: 'plan', operator: 'in', value: ['pro', 'enterprise'] },
          { field: 'age', operator: 'between', value: [30, 45] },
          { field: 'is_active', operator: '=', value: true },
          { field: 'country', operator: '!=', value: 'US' },
        ],
      },
    },
    direct: {
      text: `SELECT * FROM public.${table}
              WHERE plan = ANY($1) AND age BETWEEN $2 AND $3 AND is_active = $4 AND (country IS NULL OR NOT (country = $5))
              ORDER BY id ASC LIMIT ${pageSize + 1} OFFSET 0`,
      values: [['pro', 'enterprise'], 30, 45, true, 'US'],
    },
  },
  {
    name: 'relative date and plan, newest first',
    definition: {
      type: 'filter',
      filter: {
        combinator: 'and',
        rules: [
          { field: 'signed_up_at', operator: 'inLast', value: { amount: 90, unit: 'days' } },
          { field: 'plan', operator: '=', value: 'enterprise' },
        ],
      },
    },
    sort: [{ field: 'signed_up_at', direction: 'desc' }],
    direct: {
      text: `SELECT * FROM public.${table}
              WHERE (signed_up_at >= now() - make_interval(days => $1::int) AND signed_up_at <= now()) AND plan = $2
              ORDER BY signed_up_at DESC, id ASC LIMIT ${pageSize + 1} OFFSET 0`,
      values: [90, 'enterprise'],
    },
  },
  {
    name: 'text search (contains), default order',
    definition: {
      type: 'filter',
      filter: { combinator: 'or', rules: [{ field: 'email', operator: 'contains', value: 'user1234' }] },
    },
    direct: {
      text: `SELECT * FROM public.${table} WHERE email ILIKE $1 ESCAPE '!' ORDER BY id ASC LIMIT ${pageSize + 1} OFFSET 0`,
      values: ['%user1234%'],
    },
  },
];

const scenario: BenchScenario = {
  name: 'preview',
  description: `first filtered page of a ${rows.toLocaleString('en')}-row PostgreSQL table: connector vs pg`,
  async run(log) {
    await ensureBenchTable({ table, rows, version: 1, seed: seedBenchUsers(table, rows), log });
    const url = benchDatabaseUrl();
    const connector = openConnector('postgres', { url });
    const direct = new pg.Client({ connectionString: url });
    await direct.connect();
    // A shape meets the target when R <= 1.2 or M <= 20; the one furthest from it speaks for all.
    let worst = { ratio: 0, overhead: Number.NEGATIVE_INFINITY, shortfall: Number.NEGATIVE_INFINITY };
    let meeting = 0;
    try {
      for (const shape of shapes) {
        const viaConnector = async () => {
          const page = await connector.preview({
            source: { schema: 'public', name: table },
            definition: shape.definition,
            sort: shape.sort,
            pageSize,
          });
          if (page.rows.length === 0) throw new Error(`${shape.name}: the connector found no rows`);
        };
        const viaPg = async () => {
          const result = await direct.query(shape.direct.text, shape.direct.values);
          if (result.rows.length === 0) throw new Error(`${shape.name}: pg found no rows`);
        };
        const times = await compare(viaConnector, viaPg, { warmup: 5, rounds: 31 });
        const ratio = times.a / times.b;
        const overhead = times.a - times.b;
        const shortfall = Math.min(ratio / 1.2, overhead / 20);
        if (shortfall <= 1) meeting += 1;
        if (shortfall > worst.shortfall) worst = { ratio, overhead, shortfall };
        log(
          `  ${shape.name}: pg ${times.b.toFixed(2)} ms, connector ${times.a.toFixed(2)} ms (x${ratio.toFixed(2)}, +${overhead.toFixed(2)} ms)`,
        );
      }
    } finally {
      await direct.end();
      await connector.close();
    }
    log(`${meeting} of ${shapes.length} query shapes meet the target on their own`);
    return `preview_ratio=${worst.ratio.toFixed(2)} overhead_ms=${worst.overhead.toFixed(2)} shapes_meeting_target=${meeting}/${shapes.length}`;
  },
};

export default scenario;
