import { collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import { routeLabel } from './route-label';

/** The web process's Prometheus instruments, all on one registry. */
export interface WebMetrics {
  registry: Registry;
  httpDuration: Histogram<'method' | 'route' | 'status'>;
  runs: Gauge<'status'>;
  recipients: Gauge<'status'>;
  queueJobs: Gauge<'queue' | 'state'>;
  workers: Gauge;
}

const holder = globalThis as typeof globalThis & { connectMetrics?: WebMetrics };

/**
 * The instruments, created on first use and kept on globalThis (as services() is),
 * so a dev-mode reload does not register every metric twice.
 */
export function webMetrics(): WebMetrics {
  holder.connectMetrics ??= createWebMetrics();
  return holder.connectMetrics;
}

/**
 * Records how long one API request took. Never throws: a metrics problem must not
 * turn a good reply into an error.
 */
export function recordRequest(method: string, pathname: string, status: number, seconds: number): void {
  try {
    webMetrics()
      .httpDuration.labels({ method, route: routeLabel(pathname), status: String(status) })
      .observe(seconds);
  } catch {
    // Nothing to do: the request itself succeeded or failed on its own terms.
  }
}

function createWebMetrics(): WebMetrics {
  const registry = new Registry();
  // Memory, CPU, event loop lag and GC of this web process.
  collectDefaultMetrics({ register: registry, prefix: 'connect_web_' });
  return {
    registry,
    httpDuration: new Histogram({
      name: 'connect_http_request_duration_seconds',
      help: 'Time the web app took to answer API requests, by method, route and status.',
      labelNames: ['method', 'route', 'status'] as const,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    }),
    runs: new Gauge({
      name: 'connect_campaign_runs',
      help: 'Campaign runs on record, by status (queued, snapshotting, sending, paused, completed, failed, cancelled).',
      labelNames: ['status'] as const,
      registers: [registry],
    }),
    recipients: new Gauge({
      name: 'connect_campaign_recipients',
      help: 'Recipients of all campaign runs on record that were sent to Fyno or failed for good.',
      labelNames: ['status'] as const,
      registers: [registry],
    }),
    queueJobs: new Gauge({
      name: 'connect_queue_jobs',
      help: 'Jobs in each queue by state (waiting, active, delayed, failed).',
      labelNames: ['queue', 'state'] as const,
      registers: [registry],
    }),
    workers: new Gauge({
      name: 'connect_workers',
      help: 'Worker processes that reported a heartbeat in the last 30 seconds.',
      registers: [registry],
    }),
  };
}
