import { EnvError } from '@connect/core';
import { describe, expect, it } from 'vitest';
import { loadWorkerEnv } from './env';

const valid = {
  DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/connect',
  REDIS_URL: 'redis://127.0.0.1:6379',
  ENCRYPTION_KEY: 'ab'.repeat(32),
};

describe('loadWorkerEnv', () => {
  it('applies defaults', () => {
    expect(loadWorkerEnv(valid)).toMatchObject({
      QUEUE_PREFIX: 'connect',
      WORKER_CONCURRENCY: 4,
      LOG_LEVEL: 'info',
    });
  });

  it('names every missing variable with what it should look like', () => {
    try {
      loadWorkerEnv({});
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(EnvError);
      const problems = (error as EnvError).problems;
      expect(problems.map((p) => p.split(' ')[0])).toEqual(['DATABASE_URL', 'REDIS_URL', 'ENCRYPTION_KEY']);
      expect(problems[1]).toContain('redis://127.0.0.1:6379');
    }
  });

  it('reads DEFAULT_PHONE_COUNTRY as an ISO country code and refuses anything else', () => {
    expect(loadWorkerEnv({ ...valid, DEFAULT_PHONE_COUNTRY: 'in' }).DEFAULT_PHONE_COUNTRY).toBe('IN');
    expect(loadWorkerEnv(valid).DEFAULT_PHONE_COUNTRY).toBeUndefined();
    expect(() => loadWorkerEnv({ ...valid, DEFAULT_PHONE_COUNTRY: 'India' })).toThrow(
      /DEFAULT_PHONE_COUNTRY is not valid/,
    );
  });

  it('rejects a concurrency out of range', () => {
    expect(() => loadWorkerEnv({ ...valid, WORKER_CONCURRENCY: '0' })).toThrow(
      /WORKER_CONCURRENCY is not valid/,
    );
  });
});
