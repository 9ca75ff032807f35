import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { decodeEncryptionKey, EnvError, envVars, parseEnv } from './env';

const shape = {
  DATABASE_URL: envVars.databaseUrl,
  ENCRYPTION_KEY: envVars.encryptionKey,
  PORT: envVars.port.default(3000),
};

const validKey = 'a'.repeat(64);

describe('parseEnv', () => {
  it('returns typed values when everything is valid', () => {
    const env = parseEnv(shape, {
      DATABASE_URL: 'postgres://u@localhost:5432/connect',
      ENCRYPTION_KEY: validKey,
      PORT: '4000',
    });
    expect(env.PORT).toBe(4000);
  });

  it('names a missing variable and says what it should look like', () => {
    const error = captureEnvError(() => parseEnv(shape, { ENCRYPTION_KEY: validKey }));
    expect(error.problems).toEqual([
      'DATABASE_URL is missing: a PostgreSQL connection string such as postgres://connect:password@127.0.0.1:5432/connect',
    ]);
  });

  it('names a malformed variable', () => {
    const error = captureEnvError(() =>
      parseEnv(shape, { DATABASE_URL: 'mysql://x', ENCRYPTION_KEY: 'short', PORT: '99999' }),
    );
    expect(error.problems).toHaveLength(3);
    expect(error.problems[0]).toMatch(/^DATABASE_URL is not valid: a PostgreSQL connection string/);
    expect(error.problems[1]).toMatch(/^ENCRYPTION_KEY is not valid: 32 random bytes/);
    expect(error.problems[2]).toMatch(/^PORT is not valid: a TCP port number/);
    expect(error.message).toContain('.env.example');
  });

  it('treats an empty value as missing so defaults apply', () => {
    const env = parseEnv(shape, {
      DATABASE_URL: 'postgresql://localhost/connect',
      ENCRYPTION_KEY: validKey,
      PORT: '',
    });
    expect(env.PORT).toBe(3000);
  });

  it('never echoes the offending value, which may be a secret', () => {
    const secret = 'postgres-password-should-not-appear';
    const error = captureEnvError(() =>
      parseEnv({ ENCRYPTION_KEY: envVars.encryptionKey, X: z.string() }, { ENCRYPTION_KEY: secret }),
    );
    expect(error.message).not.toContain(secret);
  });
});

describe('decodeEncryptionKey', () => {
  it('accepts 64 hex characters and base64 of 32 bytes', () => {
    expect(decodeEncryptionKey(validKey)?.length).toBe(32);
    expect(decodeEncryptionKey(Buffer.alloc(32, 7).toString('base64'))?.length).toBe(32);
  });

  it('rejects anything that is not 32 bytes', () => {
    expect(decodeEncryptionKey('abc')).toBeUndefined();
    expect(decodeEncryptionKey(Buffer.alloc(16).toString('base64'))).toBeUndefined();
  });
});

function captureEnvError(fn: () => unknown): EnvError {
  try {
    fn();
  } catch (error) {
    if (error instanceof EnvError) return error;
    throw error;
  }
  throw new Error('expected an EnvError');
}
