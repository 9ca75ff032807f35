import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { services } from '@/server/services';
import { startWebHarness, type WebHarness } from '@/test-support/web-harness';

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
});
