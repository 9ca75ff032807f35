import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSnowflakeTestDatabase, type SnowflakeTestDatabase } from './create-snowflake-database';
import { startSnowflakeTestServerProcess } from './process/start-server-process';
import { startSnowflakeTestServer, type SnowflakeTestServer } from './snowflake-test-server';
import { connect, destroy, type SdkConnection } from './test-support/sdk';

// SNOWFLAKE_STREAM_ROWS=1000000 measures the million-row case.
const ROWS = Number(process.env.SNOWFLAKE_STREAM_ROWS ?? 200_000);

let database: SnowflakeTestDatabase;
let server: SnowflakeTestServer;
let connection: SdkConnection;

beforeAll(async () => {
  database = await createSnowflakeTestDatabase({
    tables: [
      {
        name: 'EVENTS',
        columns: [
          { name: 'ID', type: 'NUMBER(38,0)', nullable: false },
          { name: 'EMAIL', type: 'VARCHAR(200)' },
          { name: 'AT', type: 'TIMESTAMP_NTZ' },
          { name: 'SCORE', type: 'FLOAT' },
          { name: 'PAYLOAD', type: 'OBJECT' },
        ],
      },
    ],
  });
  await database.query(
    `INSERT INTO "PUBLIC"."EVENTS"
     SELECT g, 'user' || g || '@example.com', timestamp '2024-01-01' + g * interval '1 second', g / 8.0,
            jsonb_build_object('n', g, 'even', g % 2 = 0)
     FROM generate_series(1, $1::int) AS g`,
    [ROWS],
  );
  server = await startSnowflakeTestServer({
    postgresUrl: database.postgresUrl,
    database: 'TESTDB',
    account: 'TESTACCT',
    users: [{ name: 'LOADER', password: 'pw' }],
    warehouses: ['ETL_WH'],
  });
  connection = await connect(server, {
    username: 'LOADER',
    password: 'pw',
    warehouse: 'ETL_WH',
    database: 'TESTDB',
  });
}, 120_000);

afterAll(async () => {
  if (connection) await destroy(connection);
  await server?.close();
  await database?.drop();
});

interface StreamOutcome {
  /** Chunks the server had served when the first row and the middle row reached the test. */
  downloadsAtFirstRow: number;
  downloadsAtMiddleRow: number;
  count: number;
  duplicates: number;
  missing: number;
  wrongValues: number;
  peakRssBytes: number;
  seconds: number;
}

/** Streams the table with streamResult / streamRows, checking every row, sampling RSS. */
async function streamEvents(connection: SdkConnection, chunkDownloads = () => -1): Promise<StreamOutcome> {
  let downloadsAtFirstRow = -1;
  let downloadsAtMiddleRow = -1;
  let peakRssBytes = process.memoryUsage().rss;
  const sampler = setInterval(() => {
    peakRssBytes = Math.max(peakRssBytes, process.memoryUsage().rss);
  }, 20);
  const seen = new Uint8Array(ROWS + 1);
  let count = 0;
  let duplicates = 0;
  let wrongValues = 0;
  const started = Date.now();
  try {
    await new Promise<void>((resolve, reject) => {
      const statement = connection.execute({
        sqlText: 'SELECT ID, EMAIL, AT, SCORE, PAYLOAD FROM EVENTS WHERE ID > ? ORDER BY ID',
        binds: [0],
        streamResult: true,
        complete: (error) => {
          if (error) reject(error);
        },
      });
      statement
        .streamRows()
        .on('data', (row: { ID: number; EMAIL: string; AT: Date; SCORE: number; PAYLOAD: { n: number } }) => {
          count += 1;
          if (count === 1) downloadsAtFirstRow = chunkDownloads();
          if (count === ROWS / 2) downloadsAtMiddleRow = chunkDownloads();
          if (seen[row.ID]) duplicates += 1;
          seen[row.ID] = 1;
          const atMs = Date.UTC(2024, 0, 1) + row.ID * 1000;
          if (
            row.EMAIL !== `user${row.ID}@example.com` ||
            row.AT.getTime() !== atMs ||
            row.SCORE !== row.ID / 8 ||
            row.PAYLOAD.n !== row.ID
          ) {
            wrongValues += 1;
          }
        })
        .on('error', reject)
        .on('end', () => resolve());
    });
  } finally {
    clearInterval(sampler);
  }
  const missing = seen.subarray(1).filter((flag) => flag === 0).length;
  const seconds = (Date.now() - started) / 1000;
  return {
    downloadsAtFirstRow,
    downloadsAtMiddleRow,
    count,
    duplicates,
    missing,
    wrongValues,
    peakRssBytes,
    seconds,
  };
}

const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MiB`;

describe('large results', () => {
  it(`streams ${ROWS} rows through chunks downloaded from the server, every row exactly once`, async () => {
    const outcome = await streamEvents(connection, () => server.stats().chunkDownloads);
    const stats = server.stats();
    console.log(
      `[snowflake streaming, server in the test process] ${outcome.count} rows in ${outcome.seconds.toFixed(1)} s, ` +
        `${stats.chunkDownloads} chunks (${(stats.chunkBytesServed / 1e6).toFixed(1)} MB gzip), ` +
        `peak RSS ${megabytes(outcome.peakRssBytes)}`,
    );
    expect(outcome).toMatchObject({ count: ROWS, duplicates: 0, missing: 0, wrongValues: 0 });
    expect(stats.chunkDownloads).toBeGreaterThan(10);
    // Rows flow while later chunks are still on the server: the SDK fetches a few ahead
    // (CLIENT_RESULT_PREFETCH_SLOTS), never the whole result first.
    expect(outcome.downloadsAtFirstRow).toBeLessThanOrEqual(3);
    expect(outcome.downloadsAtMiddleRow).toBeLessThan(stats.chunkDownloads);
    // Server and client share this process. Live data stays small; most of the peak is garbage V8
    // has not collected yet (with --max-old-space-size=160 a million rows stream in ~210 MiB).
    expect(outcome.peakRssBytes).toBeLessThan(500 * 1024 * 1024);
  }, 600_000);

  it(`streams ${ROWS} rows from a server in a child process, as a benchmark runs it`, async () => {
    const remote = await startSnowflakeTestServerProcess({
      postgresUrl: database.postgresUrl,
      database: 'TESTDB',
      account: 'TESTACCT',
      users: [{ name: 'LOADER', password: 'pw' }],
      warehouses: ['ETL_WH'],
    });
    try {
      const client = await connect(remote, {
        username: 'LOADER',
        password: 'pw',
        warehouse: 'ETL_WH',
        database: 'TESTDB',
      });
      const outcome = await streamEvents(client);
      await destroy(client);
      const stats = await remote.stats();
      console.log(
        `[snowflake streaming, server in a child process] ${outcome.count} rows in ${outcome.seconds.toFixed(1)} s, ` +
          `${stats.chunkDownloads} chunks, peak RSS of the test process ${megabytes(outcome.peakRssBytes)}`,
      );
      expect(outcome).toMatchObject({ count: ROWS, duplicates: 0, missing: 0, wrongValues: 0 });
      expect(stats.chunkDownloads).toBeGreaterThan(10);
      expect(outcome.peakRssBytes).toBeLessThan(500 * 1024 * 1024);
    } finally {
      await remote.close();
    }
  }, 600_000);
});
