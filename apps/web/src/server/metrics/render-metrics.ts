import { readWorkerHeartbeats } from '@connect/queue';
import type { Services } from '../services';
import { webMetrics } from './web-metrics';

/**
 * Reads the current campaign, queue and worker figures into the gauges, then
 * renders every metric in the Prometheus text format. The figures come from the
 * app database and Redis at scrape time, so every web process reports the same
 * installation-wide totals.
 */
export async function renderMetrics({ store, jobs, redis, env }: Services): Promise<string> {
  const metrics = webMetrics();
  const [totals, depths, heartbeats] = await Promise.all([
    store.runTotals.read(),
    jobs.depths(),
    readWorkerHeartbeats(redis, env.QUEUE_PREFIX),
  ]);

  for (const [status, count] of Object.entries(totals.runs)) metrics.runs.set({ status }, count);
  metrics.recipients.set({ status: 'sent' }, totals.recipientsSent);
  metrics.recipients.set({ status: 'failed' }, totals.recipientsFailed);
  for (const [queue, counts] of Object.entries(depths)) {
    for (const [state, count] of Object.entries(counts)) metrics.queueJobs.set({ queue, state }, count);
  }
  metrics.workers.set(heartbeats.length);

  return metrics.registry.metrics();
}

/** The Content-Type of the text `renderMetrics` returns. */
export function metricsContentType(): string {
  return webMetrics().registry.contentType;
}
