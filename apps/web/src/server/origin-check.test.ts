import { describe, expect, it } from 'vitest';
import { assertSameOrigin } from './origin-check';

const headers = (values: Record<string, string>) => new Headers(values);

describe('assertSameOrigin', () => {
  it('lets safe methods through without an Origin', () => {
    expect(() => assertSameOrigin('GET', headers({}), undefined)).not.toThrow();
  });

  it('accepts a POST from the same host', () => {
    expect(() =>
      assertSameOrigin(
        'POST',
        headers({ origin: 'http://localhost:3000', host: 'localhost:3000' }),
        undefined,
      ),
    ).not.toThrow();
  });

  it('accepts the proxy-facing host and APP_URL', () => {
    const behindCaddy = headers({
      origin: 'https://connect.example.com',
      host: 'web:3000',
      'x-forwarded-host': 'connect.example.com',
    });
    expect(() => assertSameOrigin('PUT', behindCaddy, undefined)).not.toThrow();
    const viaAppUrl = headers({ origin: 'https://connect.example.com', host: 'web:3000' });
    expect(() => assertSameOrigin('DELETE', viaAppUrl, 'https://connect.example.com')).not.toThrow();
  });

  it('refuses another site, a malformed Origin, and a missing one', () => {
    const host = { host: 'localhost:3000' };
    expect(() =>
      assertSameOrigin('POST', headers({ ...host, origin: 'https://evil.example' }), undefined),
    ).toThrow(/another site/);
    expect(() => assertSameOrigin('POST', headers({ ...host, origin: 'null' }), undefined)).toThrow(
      /another site/,
    );
    expect(() => assertSameOrigin('PATCH', headers(host), undefined)).toThrow(/no Origin header/);
  });
});
