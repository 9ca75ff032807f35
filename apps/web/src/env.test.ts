import { describe, expect, it } from 'vitest';
import { loadWebEnv } from './env';

const valid = {
  DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/connect',
  REDIS_URL: 'redis://127.0.0.1:6379',
  ENCRYPTION_KEY: 'ab'.repeat(32),
};

describe('loadWebEnv', () => {
  it('accepts the minimum and leaves Fyno settings optional', () => {
    const env = loadWebEnv(valid);
    expect(env.SESSION_IDLE_MINUTES).toBe(720);
    expect(env.FYNO_API_KEY).toBeUndefined();
  });

  it('explains a wrong Fyno version and a wrong app URL', () => {
    expect(() => loadWebEnv({ ...valid, FYNO_VERSION: 'prod', APP_URL: 'connect.example.com' })).toThrow(
      /APP_URL is not valid: the address people use[\s\S]*FYNO_VERSION is not valid: live or test/,
    );
  });
});

describe('TRUSTED_PROXIES', () => {
  it('takes DEFAULT_PHONE_COUNTRY as an ISO country code and explains a wrong one', () => {
    expect(loadWebEnv({ ...valid, DEFAULT_PHONE_COUNTRY: 'IN' }).DEFAULT_PHONE_COUNTRY).toBe('IN');
    expect(() => loadWebEnv({ ...valid, DEFAULT_PHONE_COUNTRY: 'XX' })).toThrow(
      /DEFAULT_PHONE_COUNTRY is not valid: the two-letter ISO country code/,
    );
  });

  it('defaults to the loopback addresses Caddy connects from', () => {
    const trusted = loadWebEnv(valid).TRUSTED_PROXIES.map(
      ([address, bits]) => `${address.toString()}/${bits}`,
    );
    expect(trusted).toEqual(['127.0.0.1/32', '::1/128']);
  });

  it('takes IPv4 and IPv6 addresses and ranges, and refuses anything else at boot', () => {
    expect(
      loadWebEnv({ ...valid, TRUSTED_PROXIES: '10.0.0.0/8, fd00::/8, 192.0.2.1' }).TRUSTED_PROXIES,
    ).toHaveLength(3);
    expect(() => loadWebEnv({ ...valid, TRUSTED_PROXIES: '127.0.0.1, caddy' })).toThrow(
      /TRUSTED_PROXIES is not valid: comma-separated IP addresses or CIDR ranges/,
    );
  });
});
