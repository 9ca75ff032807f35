import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWebHarness, type WebHarness } from '@/test-support/web-harness';

// The address the audit log records and the per-IP sign-in limit counts: a client
// that reaches the app directly (native mode without Caddy) must not choose it.
let web: WebHarness;
const owner = { name: 'Olu Owner', email: 'olu@example.com', password: 'owner password 77' };

beforeAll(async () => {
  web = await startWebHarness();
  await web.call('POST', '/api/setup', { body: owner });
});
afterAll(() => web.close());

/** One failed sign-in for the owner, with the given socket peer and forwarding headers. */
async function failSignIn(peer: string, headers: Record<string, string>): Promise<void> {
  const response = await web.call('POST', '/api/auth/sign-in', {
    body: { email: owner.email, password: 'not the password' },
    peer,
    ip: headers['x-forwarded-for'],
    headers,
  });
  expect(response.status).toBe(401);
}

async function lastFailureIp(): Promise<string | null> {
  const [row] = await web.database.query<{ ip: string | null }>(
    `select ip from audit_events where action = 'auth.sign_in_failed' order by id desc limit 1`,
  );
  return row!.ip;
}

/** The addresses the per-IP sign-in limit has counted, from its keys in Redis. */
async function throttledAddresses(): Promise<string[]> {
  const prefix = `${web.redis.prefix}:login-fail-ip:`;
  const keys = await web.redis.client.keys(`${prefix}*`);
  return keys.map((key) => key.slice(prefix.length)).sort();
}

describe('client address', () => {
  it('is the socket peer when a direct client forges X-Forwarded-For and X-Real-IP', async () => {
    await failSignIn('203.0.113.9', { 'x-forwarded-for': '10.9.9.9', 'x-real-ip': '10.9.9.8' });
    expect(await lastFailureIp()).toBe('203.0.113.9');
    // A different forged address on every attempt still counts against the one client.
    await failSignIn('203.0.113.9', { 'x-forwarded-for': '10.9.9.10' });
    expect(await lastFailureIp()).toBe('203.0.113.9');
    expect(await throttledAddresses()).toEqual(['203.0.113.9']);
  });

  it('is the client Caddy names when the request comes through it (a trusted proxy)', async () => {
    await failSignIn('127.0.0.1', { 'x-forwarded-for': '10.9.9.9, 198.51.100.77' });
    expect(await lastFailureIp()).toBe('198.51.100.77');
    await failSignIn('::1', { 'x-forwarded-for': '2001:db8::77' });
    expect(await lastFailureIp()).toBe('2001:db8::77');
    expect(await throttledAddresses()).toEqual(['198.51.100.77', '2001:db8::77', '203.0.113.9']);
  });

  it('ignores the headers of a peer that TRUSTED_PROXIES does not list, even on loopback', async () => {
    await failSignIn('127.0.0.5', { 'x-forwarded-for': '198.51.100.78' });
    expect(await lastFailureIp()).toBe('127.0.0.5');
  });
});
