import type { ServerResponse } from 'node:http';
import type { FakeFynoEvent } from './fake-fyno-events';
import type { FakeFynoFaults } from './fake-fyno-faults';
import type { FakeFyno } from './fake-fyno-handle';
import type { DeliveryFilter } from './fake-fyno-ledger';

/** The test-only routes, listed by `GET /__fake`. None of them exists in Fyno's API. */
export const fakeAdminRoutes = [
  'GET  /__fake/events              events the fake knows',
  'PUT  /__fake/events              replace them: [{ name, channels, placeholders?, versions? }]',
  'POST /__fake/events              add or update some',
  'GET  /__fake/received            accepted recipients (?event=&channel=&destination=&offset=&limit=)',
  'GET  /__fake/deliveries          deliveries per channel:destination, and duplicates (?event=&channel=)',
  'GET  /__fake/requests            every API request with its outcome',
  'GET  /__fake/stats               counters',
  'GET  /__fake/faults              current fault injection',
  'PUT  /__fake/faults              set it: { rateLimitRate, serverErrorRate, dropRate, latencyMs, ... }',
  'POST /__fake/reset               forget received, requests, stats, idempotency keys, faults',
];

/** Serves `/__fake/...`; bodies and replies are JSON. */
export function handleAdminRoute(
  method: string,
  url: URL,
  bodyText: string,
  res: ServerResponse,
  fake: FakeFyno,
): void {
  const route = `${method} ${url.pathname.replace(/\/+$/, '')}`;
  try {
    switch (route) {
      case 'GET /__fake':
        return reply(res, 200, {
          routes: fakeAdminRoutes,
          baseUrl: fake.baseUrl,
          workspaceId: fake.workspaceId,
        });
      case 'GET /__fake/events':
        return reply(res, 200, fake.events());
      case 'PUT /__fake/events':
      case 'POST /__fake/events':
        // setEvents checks the shape itself.
        fake.setEvents(parseJson(bodyText) as FakeFynoEvent[], { replace: method === 'PUT' });
        return reply(res, 200, fake.events());
      case 'GET /__fake/received': {
        const all = fake.received(filterOf(url));
        const offset = Number(url.searchParams.get('offset') ?? 0);
        const limit = Number(url.searchParams.get('limit') ?? 1000);
        return reply(res, 200, { total: all.length, offset, items: all.slice(offset, offset + limit) });
      }
      case 'GET /__fake/deliveries': {
        const counts = fake.deliveryCounts(filterOf(url));
        const total = [...counts.values()].reduce((sum, n) => sum + n, 0);
        const duplicates = [...counts].filter(([, n]) => n > 1).map(([label]) => label);
        return reply(res, 200, {
          total,
          destinations: counts.size,
          duplicates,
          counts: Object.fromEntries(counts),
        });
      }
      case 'GET /__fake/requests':
        return reply(res, 200, fake.requests());
      case 'GET /__fake/stats':
        return reply(res, 200, fake.stats());
      case 'GET /__fake/faults':
        return reply(res, 200, fake.faults());
      case 'PUT /__fake/faults':
        // setFaults checks the shape itself.
        fake.setFaults(parseJson(bodyText) as FakeFynoFaults);
        return reply(res, 200, fake.faults());
      case 'POST /__fake/reset':
        fake.reset();
        return reply(res, 200, { reset: true });
      default:
        return reply(res, 404, { error: `No test route ${route}`, routes: fakeAdminRoutes });
    }
  } catch (error) {
    return reply(res, 400, { error: error instanceof Error ? error.message : String(error) });
  }
}

function filterOf(url: URL): DeliveryFilter {
  const filter: DeliveryFilter = {};
  for (const key of ['event', 'channel', 'destination'] as const) {
    const value = url.searchParams.get(key);
    if (value !== null) filter[key] = value;
  }
  return filter;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new Error('The request body must be JSON');
  }
}

function reply(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.statusCode = status;
  res.setHeader('content-type', 'application/json; charset=utf-8');
  res.setHeader('content-length', Buffer.byteLength(text));
  res.end(text);
}
