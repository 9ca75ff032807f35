import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { openConnector } from '@connect/connectors';
import type { SnowflakeTestServerProcess } from '@connect/testkit';
import type { BenchScenario } from '../support/scenario';

/**
 * Streams a 1,000,000-row Snowflake table through the connector, as a campaign
 * snapshot reads a cohort: the real snowflake-sdk downloading gzip result chunks from
 * the Snowflake test server. The server runs in a child process of its own and the
 * stream in another, started with the worker's own Node flags (apps/worker
 * package.json: --max-old-space-size=256), so the peak resident memory printed (the
 * kernel's high-water mark, VmHWM) is the streaming process's alone. It is measured a
 * second time with Node's default heap limit, for comparison. Target: under 300 MB.
 */
const rows = Number(process.env.BENCH_SNOWFLAKE_ROWS ?? 1_000_000);
const workerNodeFlags = ['--max-old-space-size=256'];
const childFlag = 'CONNECT_BENCH_SNOWFLAKE_STREAM';

interface StreamOutcome {
  rows: number;
  duplicates: number;
  missing: number;
  batches: number;
  seconds: number;
  peakRssMb: number;
}

const peakRssMb = () =>
  Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1] ?? 0) / 1024;

/** The streaming process: every row once, kept only as long as a snapshot keeps a batch. */
async function streamInThisProcess(
  config: Record<string, unknown>,
  expected: number,
): Promise<StreamOutcome> {
  const connector = openConnector('snowflake', config);
  const seen = new Uint8Array(expected + 1);
  let count = 0;
  let duplicates = 0;
  let batches = 0;
  const started = performance.now();
  try {
    for await (const batch of connector.stream({
      source: { schema: 'PUBLIC', name: 'COHORT' },
      definition: { type: 'filter', filter: { combinator: 'and', rules: [] } },
      batchSize: 1_000,
    })) {
      batches += 1;
      for (const row of batch) {
        const id = Number(row.ID);
        if (seen[id]) duplicates += 1;
        seen[id] = 1;
        // What a snapshot reads from each row: the destination and the payload fields.
        if (typeof row.EMAIL !== 'string' || typeof row.SIGNED_UP_AT !== 'string')
          throw new Error(`row ${id}`);
        count += 1;
      }
    }
  } finally {
    await connector.close();
  }
  return {
    rows: count,
    duplicates,
    missing: seen.subarray(1).filter((flag) => flag === 0).length,
    batches,
    seconds: (performance.now() - started) / 1000,
    peakRssMb: peakRssMb(),
  };
}

/** Runs the stream in a fresh Node process with `nodeFlags` and returns what it measured. */
async function streamInChild(config: Record<string, unknown>, nodeFlags: string[]): Promise<StreamOutcome> {
  const child = spawn(process.execPath, [...nodeFlags, '--import', 'tsx', fileURLToPath(import.meta.url)], {
    env: { PATH: process.env.PATH, [childFlag]: JSON.stringify({ config, rows }) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  const line = output.split('\n').find((text) => text.startsWith('{"rows"'));
  if (code !== 0 || !line)
    throw new Error(`The streaming process failed (exit ${code}):\n${output.slice(-4_000)}`);
  return JSON.parse(line) as StreamOutcome;
}

const scenario: BenchScenario = {
  name: 'snowflake-stream',
  description: `stream a ${rows.toLocaleString('en')}-row Snowflake table through the connector (real snowflake-sdk, test server): peak RSS of the streaming process`,
  async run(log) {
    // Imported here, not at the top: the streaming process loads this file too, and needs only the connector.
    const { createSnowflakeTestDatabase, startSnowflakeTestServerProcess } = await import('@connect/testkit');
    log('  loading the table into the test server database');
    const database = await createSnowflakeTestDatabase({
      database: 'BENCH',
      tables: [
        {
          name: 'COHORT',
          columns: [
            { name: 'ID', type: 'NUMBER(10,0)', nullable: false },
            { name: 'EMAIL', type: 'VARCHAR(320)', nullable: false },
            { name: 'NAME', type: 'VARCHAR(200)' },
            { name: 'PLAN', type: 'VARCHAR(20)', nullable: false },
            { name: 'COUNTRY', type: 'VARCHAR(2)' },
            { name: 'IS_ACTIVE', type: 'BOOLEAN', nullable: false },
            { name: 'SIGNED_UP_AT', type: 'TIMESTAMP_NTZ', nullable: false },
            { name: 'SCORE', type: 'FLOAT', nullable: false },
            { name: 'PROFILE', type: 'OBJECT' },
          ],
        },
      ],
    });
    let server: SnowflakeTestServerProcess | undefined;
    try {
      await database.query(
        `INSERT INTO "PUBLIC"."COHORT"
         SELECT g, 'user' || g || '@example.com',
                CASE WHEN g % 20 = 0 THEN NULL ELSE 'User ' || g END,
                (ARRAY['free', 'free', 'free', 'pro', 'enterprise'])[1 + g % 5],
                CASE WHEN g % 17 = 0 THEN NULL ELSE (ARRAY['US', 'DE', 'IN', 'BR', 'JP'])[1 + g % 5] END,
                g % 10 < 7,
                timestamp '2020-01-01' + ((g::bigint * 104729) % (5 * 365 * 86400)) * interval '1 second',
                ((g::bigint * 6151) % 10000) / 100.0,
                jsonb_build_object('locale', (ARRAY['en', 'de', 'ja'])[1 + g % 3], 'logins', g % 500)
           FROM generate_series(1, $1::int) AS g`,
        [rows],
      );
      server = await startSnowflakeTestServerProcess({
        postgresUrl: database.postgresUrl,
        database: 'BENCH',
        account: 'BENCHACCT',
        warehouses: ['BENCH_WH'],
        users: [{ name: 'BENCH', password: 'bench-pw' }],
      });
      const config = {
        account: server.account,
        username: 'BENCH',
        password: 'bench-pw',
        warehouse: 'BENCH_WH',
        database: 'BENCH',
        accessUrl: server.accessUrl,
      };
      const measured: Record<string, StreamOutcome> = {};
      for (const [label, flags] of [
        ['worker flags (--max-old-space-size=256)', workerNodeFlags],
        ['Node defaults', []],
      ] as const) {
        const outcome = await streamInChild(config, [...flags]);
        if (outcome.rows !== rows || outcome.duplicates !== 0 || outcome.missing !== 0)
          throw new Error(
            `Streamed ${outcome.rows} rows (${outcome.duplicates} twice, ${outcome.missing} missing)`,
          );
        measured[label] = outcome;
        log(
          `  ${label}: ${outcome.rows.toLocaleString('en')} rows in ${outcome.seconds.toFixed(1)} s ` +
            `(${Math.round(outcome.rows / outcome.seconds).toLocaleString('en')} rows/s, ${outcome.batches} batches), ` +
            `peak RSS ${outcome.peakRssMb.toFixed(0)} MB`,
        );
      }
      const stats = await server.stats();
      log(
        `  server: ${stats.chunkDownloads} chunks downloaded, ${(stats.chunkBytesServed / 1e6).toFixed(1)} MB gzip`,
      );
      const worker = measured['worker flags (--max-old-space-size=256)']!;
      const defaults = measured['Node defaults']!;
      return (
        `snowflake_stream_rows=${rows} peak_rss_mb=${worker.peakRssMb.toFixed(0)} ` +
        `peak_rss_mb_node_defaults=${defaults.peakRssMb.toFixed(0)} rows_per_s=${Math.round(worker.rows / worker.seconds)}`
      );
    } finally {
      await server?.close();
      await database.drop();
    }
  },
};

export default scenario;

// Started as the streaming process by streamInChild: stream, report one JSON line, exit.
const child = process.env[childFlag];
if (child) {
  const { config, rows: expected } = JSON.parse(child) as { config: Record<string, unknown>; rows: number };
  const outcome = await streamInThisProcess(config, expected);
  console.log(JSON.stringify(outcome));
}
