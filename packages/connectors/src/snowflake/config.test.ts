import { generateKeyPairSync } from 'node:crypto';
import { AppError } from '@connect/core';
import { describe, expect, it } from 'vitest';
import { connectorKinds, parseConnectorConfig } from '../registry';

function refusal(input: unknown): AppError {
  try {
    parseConnectorConfig('snowflake', input);
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

const base = {
  account: 'myorg-myaccount',
  username: 'CONNECT_READER',
  password: 'pw',
  warehouse: 'COMPUTE_WH',
  database: 'ANALYTICS',
};

describe('Snowflake connection config', () => {
  it("has the seed's fields plus schema, role and key-pair sign-in, with the secrets marked", () => {
    const kind = connectorKinds.snowflake;
    expect(kind.form.map((field) => [field.name, field.input, field.required, field.secret])).toEqual([
      ['account', 'text', true, false],
      ['username', 'text', true, false],
      ['password', 'password', false, true],
      ['privateKey', 'textarea', false, true],
      ['privateKeyPassphrase', 'password', false, true],
      ['warehouse', 'text', true, false],
      ['database', 'text', true, false],
      ['schema', 'text', false, false],
      ['role', 'text', false, false],
      ['accessUrl', 'text', false, false],
      ['queryTimeoutSeconds', 'number', false, false],
      ['countTimeoutSeconds', 'number', false, false],
    ]);
    expect(kind.secretFields).toEqual(['password', 'privateKey', 'privateKeyPassphrase']);
    expect(kind.label).toBe('Snowflake');
  });

  it('takes the account identifier from a pasted Snowflake URL', () => {
    for (const account of [
      'https://myorg-myaccount.snowflakecomputing.com/console#/worksheets',
      ' myorg-myaccount.snowflakecomputing.com ',
      'myorg-myaccount',
    ])
      expect(parseConnectorConfig('snowflake', { ...base, account })).toMatchObject({
        account: 'myorg-myaccount',
      });
    expect(parseConnectorConfig('snowflake', { ...base, account: 'xy12345.eu-west-1' }).account).toBe(
      'xy12345.eu-west-1',
    );
    expect(refusal({ ...base, account: 'my account' }).fieldErrors).toHaveProperty('account');
    expect(refusal({ ...base, account: '' }).message).toBe('Enter the account identifier');
  });

  it('accepts warehouse, database, schema and role names as Snowflake writes them', () => {
    expect(
      parseConnectorConfig('snowflake', { ...base, database: '"my db"', schema: 'crm', role: '' }),
    ).toMatchObject({ database: '"my db"', schema: 'crm', role: undefined });
    const bad = refusal({ ...base, warehouse: 'compute wh' });
    expect(bad.fieldErrors).toHaveProperty('warehouse');
    expect(bad.message).toMatch(/double quotes/);
    expect(refusal({ ...base, database: '' }).message).toBe('Enter the database name');
  });

  it('needs a password or a private key, and checks that a key is a PEM private key', () => {
    const { password: _password, ...withoutPassword } = base;
    const missing = refusal(withoutPassword);
    expect(missing.fieldErrors).toEqual({
      password: 'Enter the password, or paste a private key for key-pair sign-in',
    });
    const { privateKey } = generateKeyPairSync('rsa', {
      modulusLength: 2048,
      privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
      publicKeyEncoding: { type: 'spki', format: 'pem' },
    });
    expect(parseConnectorConfig('snowflake', { ...withoutPassword, privateKey })).toMatchObject({
      privateKey: privateKey.trim(),
    });
    expect(refusal({ ...withoutPassword, privateKey: 'ssh-rsa AAAA...' }).fieldErrors).toHaveProperty(
      'privateKey',
    );
  });

  it('accepts an access URL over https, and plain http only on this machine', () => {
    expect(
      parseConnectorConfig('snowflake', {
        ...base,
        accessUrl: 'https://myorg-myaccount.privatelink.snowflakecomputing.com/',
      }).accessUrl,
    ).toBe('https://myorg-myaccount.privatelink.snowflakecomputing.com');
    expect(parseConnectorConfig('snowflake', { ...base, accessUrl: 'http://127.0.0.1:8085' }).accessUrl).toBe(
      'http://127.0.0.1:8085',
    );
    expect(refusal({ ...base, accessUrl: 'http://snowflake.example.com' }).message).toMatch(
      /must start with https:\/\//,
    );
    expect(refusal({ ...base, accessUrl: 'https://user:pw@host.example.com' }).message).toMatch(
      /only the scheme, host and port/,
    );
  });
});
