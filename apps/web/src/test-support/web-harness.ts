import { createTestDatabase, createTestRedis, type TestDatabase, type TestRedis } from '@connect/testkit';
import { NextRequest } from 'next/server';
import type { Services } from '@/server/services';
import { socketPeerHeaderName, socketPeerHeaderValue } from '@/server/socket-peer';
import { type HttpMethod, listApiRoutes, loadRouteHandlers, matchRoute } from './api-routes';

export const testOrigin = 'http://connect.test';

export interface CallOptions {
  body?: unknown;
  cookie?: string;
  /** Defaults to the app's own origin; pass null to send none. */
  origin?: string | null;
  /** The X-Forwarded-For header; by default a client's address as Caddy forwards it. */
  ip?: string;
  /**
   * The address of the socket the request comes in on, as the server would stamp it.
   * Defaults to 127.0.0.1: Caddy on this machine, a trusted proxy by default.
   */
  peer?: string;
  /** Extra request headers, such as the X-Request-Id a proxy adds. */
  headers?: Record<string, string>;
}

export interface WebHarness {
  database: TestDatabase;
  redis: TestRedis;
  /** Calls an API route handler exactly as Next.js would, with a real store and Redis. */
  call(method: HttpMethod, path: string, options?: CallOptions): Promise<Response>;
  /** The session cookie from a response's Set-Cookie, as a Cookie header value. */
  cookieFrom(response: Response): string;
  close(): Promise<void>;
}

const holder = globalThis as typeof globalThis & { connectServices?: Services };

/** A web app wired to its own test database and Redis prefix, for one test file. */
export async function startWebHarness(env: Record<string, string> = {}): Promise<WebHarness> {
  const database = await createTestDatabase();
  const redis = createTestRedis();
  Object.assign(process.env, {
    DATABASE_URL: database.url,
    REDIS_URL: redis.url,
    ENCRYPTION_KEY: 'ef'.repeat(32),
    QUEUE_PREFIX: redis.prefix,
    LOG_LEVEL: 'silent',
    ...env,
  });
  delete holder.connectServices;
  const routes = listApiRoutes();

  return {
    database,
    redis,
    async call(method, path, options = {}) {
      const { route, params } = matchRoute(routes, path);
      const handler = (await loadRouteHandlers(route))[method];
      if (!handler) throw new Error(`${route.pattern} has no ${method} handler`);
      const headers = new Headers({
        host: new URL(testOrigin).host,
        'x-forwarded-for': options.ip ?? '198.51.100.10',
        [socketPeerHeaderName]: socketPeerHeaderValue(options.peer ?? '127.0.0.1'),
      });
      if (options.origin !== null) headers.set('origin', options.origin ?? testOrigin);
      if (options.cookie) headers.set('cookie', options.cookie);
      if (options.body !== undefined) headers.set('content-type', 'application/json');
      for (const [name, value] of Object.entries(options.headers ?? {})) headers.set(name, value);
      const request = new NextRequest(new URL(path, testOrigin), {
        method,
        headers,
        body: options.body === undefined ? undefined : JSON.stringify(options.body),
      });
      return handler(request, { params: Promise.resolve(params) });
    },
    cookieFrom(response) {
      const setCookie = response.headers.get('set-cookie');
      const match = setCookie && /connect_session=([^;]+)/.exec(setCookie);
      if (!match) throw new Error('The response set no session cookie');
      return `connect_session=${match[1]}`;
    },
    async close() {
      const services = holder.connectServices;
      delete holder.connectServices;
      if (services) {
        await services.jobs.close();
        await services.connectors.close();
        await services.fyno.close();
        services.redis.disconnect();
        await services.store.close();
      }
      await redis.cleanup();
      await database.drop();
    },
  };
}
