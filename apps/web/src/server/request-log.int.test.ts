import { NextRequest } from 'next/server';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { services } from '@/server/services';
import { listApiRoutes, loadRouteHandlers, matchRoute } from '@/test-support/api-routes';
import { startWebHarness, testOrigin, type WebHarness } from '@/test-support/web-harness';

let web: WebHarness;
const lines: Record<string, unknown>[] = [];

beforeAll(async () => {
  web = await startWebHarness();
  await web.call('GET', '/api/health');
  // The app's own pino logger, writing JSON lines here instead of to stdout.
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split('\n').filter(Boolean))
        lines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  services().logger = pino({ level: 'info', base: { service: 'web' } }, sink);
});
afterAll(() => web.close());

describe('request logs', () => {
  it('writes one JSON line per API request with the id the proxy gave it', async () => {
    lines.length = 0;
    const response = await web.call('POST', '/api/auth/sign-in', {
      body: { email: 'nobody@example.com', password: 'wrong password 1' },
      headers: { 'x-request-id': 'caddy-3f2b8c1e' },
    });
    expect(response.headers.get('x-request-id')).toBe('caddy-3f2b8c1e');
    expect(lines).toContainEqual(
      expect.objectContaining({
        service: 'web',
        msg: 'request',
        requestId: 'caddy-3f2b8c1e',
        method: 'POST',
        path: '/api/auth/sign-in',
        status: response.status,
        ms: expect.any(Number),
      }),
    );
    // The password never reaches the log.
    expect(JSON.stringify(lines)).not.toContain('wrong password 1');
  });

  it('gives a request without a usable id a fresh one, in the reply and the log', async () => {
    lines.length = 0;
    const response = await web.call('GET', '/api/auth/session', {
      headers: { 'x-request-id': 'not an id; {"forged": true}' },
    });
    const id = response.headers.get('x-request-id');
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(lines).toContainEqual(expect.objectContaining({ requestId: id, status: 401 }));
  });

  it('keeps health-check probes out of the info log', async () => {
    lines.length = 0;
    await web.call('GET', '/api/health');
    expect(lines.filter((line) => line.path === '/api/health')).toEqual([]);
  });

  it('logs a request whose browser went away as closed: 499 at info, no error and no stack', async () => {
    lines.length = 0;
    // Sign-in has no cancellation handling of its own: the shared route wrapper must
    // recognise the disconnect, as it does for every route.
    const { route, params } = matchRoute(listApiRoutes(), '/api/auth/sign-in');
    const handler = (await loadRouteHandlers(route)).POST!;
    const controller = new AbortController();
    let upload!: ReadableStreamDefaultController<Uint8Array>;
    const body = new ReadableStream<Uint8Array>({
      start(stream) {
        upload = stream;
        stream.enqueue(new TextEncoder().encode('{"email":"nobody@example.com",'));
      },
    });
    const init = {
      method: 'POST',
      headers: { origin: testOrigin, host: new URL(testOrigin).host, 'content-type': 'application/json' },
      body,
      duplex: 'half' as const,
      signal: controller.signal,
    };
    const pending = handler(new NextRequest(new URL('/api/auth/sign-in', testOrigin), init), {
      params: Promise.resolve(params),
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    // What Next.js sees when the client disconnects halfway through the body: the
    // request's signal aborts and the body stream fails.
    controller.abort();
    upload.error(new Error('aborted'));

    expect((await pending).status).toBe(499);
    expect(lines).toContainEqual(
      expect.objectContaining({ level: 30, msg: 'request', path: '/api/auth/sign-in', status: 499 }),
    );
    expect(lines.filter((line) => Number(line.level) >= 40)).toEqual([]);
    expect(JSON.stringify(lines)).not.toContain('stack');
  });

  it("logs Next.js's ResponseAborted as a closed request, even before the request's signal aborts", async () => {
    lines.length = 0;
    const { route, params } = matchRoute(listApiRoutes(), '/api/auth/sign-in');
    const handler = (await loadRouteHandlers(route)).POST!;
    const body = new ReadableStream<Uint8Array>({
      start(stream) {
        // What Next.js throws into a handler reading the body of a request whose socket closed.
        const aborted = new Error('');
        aborted.name = 'ResponseAborted';
        stream.error(aborted);
      },
    });
    const request = new NextRequest(new URL('/api/auth/sign-in', testOrigin), {
      method: 'POST',
      headers: { origin: testOrigin, host: new URL(testOrigin).host, 'content-type': 'application/json' },
      body,
      duplex: 'half' as const,
    });
    const response = await handler(request, { params: Promise.resolve(params) });

    expect(response.status).toBe(499);
    expect(lines).toContainEqual(
      expect.objectContaining({ level: 30, msg: 'request', path: '/api/auth/sign-in', status: 499 }),
    );
    expect(lines.filter((line) => Number(line.level) >= 40)).toEqual([]);
  });
});
