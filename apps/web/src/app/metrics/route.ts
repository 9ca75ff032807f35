import { AppError } from '@connect/core';
import { publicRoute } from '@/server/api-route';
import { bearerTokenMatches } from '@/server/metrics/bearer-token';
import { metricsContentType, renderMetrics } from '@/server/metrics/render-metrics';

/**
 * GET /metrics: Prometheus figures (campaign runs, recipients sent and failed,
 * queue depth, workers, API latency). No session: Prometheus sends METRICS_TOKEN
 * as a Bearer token. Without METRICS_TOKEN the endpoint is off.
 */
export const GET = publicRoute({}, async ({ req, services }) => {
  const token = services.env.METRICS_TOKEN;
  if (!token) {
    throw new AppError(
      'not_found',
      'Metrics are off. Set METRICS_TOKEN in .env and restart to turn them on.',
    );
  }
  if (!bearerTokenMatches(req.headers.get('authorization'), token)) {
    throw new AppError(
      'unauthenticated',
      'Send the METRICS_TOKEN from .env as "Authorization: Bearer <token>".',
    );
  }
  return new Response(await renderMetrics(services), {
    headers: { 'Content-Type': metricsContentType() },
  });
});
