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
