import { randomBytes } from 'node:crypto';
import { migrateStore } from '@connect/store/migrate';
import { dropDatabase, postgresUrlFor, testServiceUrls, withAdmin } from '@connect/testkit';
import autocannon from 'autocannon';
import { Redis } from 'ioredis';
import { benchDatabaseUrl, ensureBenchTable } from '../support/bench-database';
import { seedBenchUsers } from '../support/bench-users-table';
import type { BenchScenario } from '../support/scenario';
import { type BenchWeb, ensureWebBuild, startBenchWeb } from '../support/web-process';

/**
 * The production web app (`next start`) under rounds of concurrent first-page
 * previews of a filter on a 300,000-row PostgreSQL table, through the HTTP API with
 * a signed-in owner, as the load drill ran it. After each round it prints the
 * resident memory of the next-server process and its V8 heap (from /metrics), then
 * the same after an idle spell. Target: RSS after the last round at most 1.2x RSS
 * after the first (`web_rss_growth`). Options, as environment variables:
 * BENCH_SOAK_ROUNDS (3), BENCH_SOAK_SECONDS (30 per round), BENCH_SOAK_CONNECTIONS
 * (20), BENCH_SOAK_IDLE_SECONDS (30), BENCH_SOAK_PORT (3800), BENCH_SOAK_ROWS
 * (300000) and BENCH_SOAK_NODE_FLAGS (extra node flags for the web process, e.g.
 * `--heapsnapshot-signal=SIGUSR2` to take heap snapshots between rounds).
 */
const rounds = Number(process.env.BENCH_SOAK_ROUNDS ?? 3);
const seconds = Number(process.env.BENCH_SOAK_SECONDS ?? 30);
const connections = Number(process.env.BENCH_SOAK_CONNECTIONS ?? 20);
const idleSeconds = Number(process.env.BENCH_SOAK_IDLE_SECONDS ?? 30);
const port = Number(process.env.BENCH_SOAK_PORT ?? 3800);
const rows = Number(process.env.BENCH_SOAK_ROWS ?? 300_000);
const nodeFlags = (process.env.BENCH_SOAK_NODE_FLAGS ?? '').split(/\s+/).filter(Boolean);
const table = 'bench_soak_users';

const owner = { name: 'Bench Owner', email: 'bench-owner@example.com', password: 'a long bench password' };

/** What the data explorer sends for the first page of a filter on a table. */
const previewBody = JSON.stringify({
  source: { schema: 'public', name: table },
  definition: {
    type: 'filter',
    filter: {
      combinator: 'and',
      rules: [
        { field: 'plan', operator: 'in', value: ['pro', 'enterprise'] },
        { field: 'age', operator: 'between', value: [30, 45] },
        { field: 'is_active', operator: '=', value: true },
      ],
    },
  },
  sort: [],
  page: 1,
  pageSize: 50,
});

interface Sample {
  rssMb: number;
  heapUsedMb: number;
  heapTotalMb: number;
  externalMb: number;
}

const mb = (value: number) => value.toFixed(0);

/** A JSON API call as the browser makes it: same-origin, with the session cookie. */
async function api(web: BenchWeb, path: string, body: unknown, cookie?: string): Promise<Response> {
  const response = await fetch(`${web.baseUrl}${path}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      origin: web.baseUrl,
      ...(cookie ? { cookie } : {}),
    },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`POST ${path}: ${response.status} ${await response.text()}`);
  return response;
}

/** The V8 heap (used and reserved) and memory outside it, as the web process reports them on /metrics. */
async function heapFigures(web: BenchWeb, token: string): Promise<Omit<Sample, 'rssMb'>> {
  const response = await fetch(`${web.baseUrl}/metrics`, { headers: { authorization: `Bearer ${token}` } });
  const text = await response.text();
  const figure = (name: string) => {
    const value = new RegExp(`^connect_web_nodejs_${name} (\\S+)$`, 'm').exec(text)?.[1];
    if (!response.ok || value === undefined)
      throw new Error(`/metrics: ${response.status} ${text.slice(0, 200)}`);
    return Number(value) / 1024 / 1024;
  };
  return {
    heapUsedMb: figure('heap_size_used_bytes'),
    heapTotalMb: figure('heap_size_total_bytes'),
    externalMb: figure('external_memory_bytes'),
  };
}

async function sample(web: BenchWeb, token: string): Promise<Sample> {
  return { rssMb: web.rssMb(), ...(await heapFigures(web, token)) };
}

const describe = (value: Sample) =>
  `rss ${mb(value.rssMb)} MB, heap used ${mb(value.heapUsedMb)} of ${mb(value.heapTotalMb)} MB, external ${mb(value.externalMb)} MB`;

const scenario: BenchScenario = {
  name: 'web-soak',
  description: `${rounds} rounds of ${seconds} s, ${connections} concurrent first-page previews of a ${rows.toLocaleString('en')}-row PostgreSQL table through next start: memory of the web process`,
  async run(log) {
    await ensureWebBuild(log);
    await ensureBenchTable({ table, rows, version: 1, seed: seedBenchUsers(table, rows), log });

    const suffix = randomBytes(4).toString('hex');
    const appDb = `connect_soak_app_${suffix}`;
    const prefix = `connect-soak-${suffix}`;
    const metricsToken = randomBytes(32).toString('hex');
    await withAdmin((admin) => admin.query(`CREATE DATABASE "${appDb}"`));
    let web: BenchWeb | undefined;
    try {
      await migrateStore(postgresUrlFor(appDb));
      web = await startBenchWeb({
        port,
        nodeFlags,
        env: {
          NODE_ENV: 'production',
          DATABASE_URL: postgresUrlFor(appDb),
          REDIS_URL: testServiceUrls.redis,
          ENCRYPTION_KEY: randomBytes(32).toString('hex'),
          QUEUE_PREFIX: prefix,
          LOG_LEVEL: 'warn',
          METRICS_TOKEN: metricsToken,
        },
      });
      log(
        `web app on ${web.baseUrl}, next-server pid ${web.pid}${nodeFlags.length ? ` (${nodeFlags.join(' ')})` : ''}`,
      );

      // First-run setup signs the owner in; the connection is tested and saved by the API.
      const setup = await api(web, '/api/setup', owner);
      const cookie = setup.headers
        .getSetCookie()
        .map((line) => line.split(';')[0])
        .join('; ');
      const created = await api(
        web,
        '/api/connections',
        { kind: 'postgres', name: 'Bench customers', config: { url: benchDatabaseUrl() } },
        cookie,
      );
      const { connection } = (await created.json()) as { connection: { id: string } };
      const previewPath = `/api/connections/${connection.id}/preview`;
      const first = (await (await api(web, previewPath, JSON.parse(previewBody), cookie)).json()) as {
        rows: unknown[];
      };
      if (first.rows.length === 0) throw new Error('The preview found no rows');

      const start = await sample(web, metricsToken);
      log(`before load: ${describe(start)}`);
      const samples: Sample[] = [];
      let requests = 0;
      let failed = 0;
      let busySeconds = 0;
      for (let round = 1; round <= rounds; round += 1) {
        const result = await autocannon({
          url: `${web.baseUrl}${previewPath}`,
          method: 'POST',
          headers: { 'content-type': 'application/json', origin: web.baseUrl, cookie },
          body: previewBody,
          connections,
          duration: seconds,
        });
        const ok = result['2xx'];
        const bad = result.non2xx + result.errors + result.timeouts;
        requests += ok;
        failed += bad;
        busySeconds += result.duration;
        const after = await sample(web, metricsToken);
        samples.push(after);
        log(
          `round ${round}: ${ok} previews (${(ok / result.duration).toFixed(0)}/s, p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, ${bad} failed); ${describe(after)}`,
        );
      }
      if (failed > 0) log(`${failed} requests failed or timed out; the last server output:\n${web.output()}`);

      await new Promise((resolve) => setTimeout(resolve, idleSeconds * 1000));
      const idle = await sample(web, metricsToken);
      log(`after ${idleSeconds} s idle: ${describe(idle)}`);

      const growth = samples.at(-1)!.rssMb / samples[0]!.rssMb;
      return [
        `web_rss_growth=${growth.toFixed(2)}`,
        `rounds=${rounds}`,
        `seconds=${seconds}`,
        `connections=${connections}`,
        `requests_per_s=${(requests / busySeconds).toFixed(0)}`,
        `failed=${failed}`,
        `rss_start_mb=${mb(start.rssMb)}`,
        `rss_mb=${samples.map((each) => mb(each.rssMb)).join(',')}`,
        `heap_used_mb=${samples.map((each) => mb(each.heapUsedMb)).join(',')}`,
        `idle_rss_mb=${mb(idle.rssMb)}`,
        `idle_heap_used_mb=${mb(idle.heapUsedMb)}`,
      ].join(' ');
    } finally {
      await web?.stop();
      await dropDatabase(appDb);
      const redis = new Redis(testServiceUrls.redis);
      const keys = await redis.keys(`${prefix}*`);
      if (keys.length > 0) await redis.del(...keys);
      redis.disconnect();
    }
  },
};

export default scenario;
