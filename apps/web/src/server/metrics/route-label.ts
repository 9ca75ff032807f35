const idSegment = /^(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|\d+|[0-9a-f]{24,})$/i;

/**
 * The route a path belongs to, for metric labels: ids become `:id`, so
 * `/api/runs/<uuid>/pause` and every other run's pause share one time series
 * instead of one series per run (which would grow without bound).
 */
export function routeLabel(pathname: string): string {
  return pathname
    .split('/')
    .map((segment) => (idSegment.test(segment) ? ':id' : segment))
    .join('/');
}
