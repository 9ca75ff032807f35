import { AppError } from '@connect/core';
import { describe, expect, it } from 'vitest';
import { connectorKinds, parseConnectorConfig } from './registry';

function refusal(run: () => unknown): AppError {
  try {
    run();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('connector kinds', () => {
  it('describe the "Add database" form as data, with the password secret', () => {
    expect(
      connectorKinds.postgres.form.map((field) => [field.name, field.input, field.required, field.secret]),
    ).toEqual([
      ['url', 'text', true, false],
      ['password', 'password', false, true],
      ['caCertificate', 'textarea', false, false],
      ['queryTimeoutSeconds', 'number', false, false],
      ['countTimeoutSeconds', 'number', false, false],
    ]);
    expect(connectorKinds.postgres.form[0]).toMatchObject({
      label: 'Connection string',
      placeholder: expect.stringMatching(/^postgresql:\/\//),
      help: expect.stringMatching(/sslmode/),
    });
    expect(
      connectorKinds.mysql.form.find((field) => field.name === 'queryTimeoutSeconds')?.defaultValue,
    ).toBe(30);
    expect(connectorKinds.mysql.secretFields).toEqual(['password']);
  });

  it('create a new connector on every call: nothing is shared', async () => {
    const config = parseConnectorConfig('postgres', { url: 'postgresql://reader@db.example.com/app' });
    const first = connectorKinds.postgres.create(config);
    const second = connectorKinds.postgres.create(config);
    expect(first).not.toBe(second);
    await Promise.all([first.close(), second.close()]);
  });
});

describe('parseConnectorConfig', () => {
  it('moves a password out of the connection string into the secret field', () => {
    expect(
      parseConnectorConfig('postgres', {
        url: 'postgres://reader:s%3Acret@db.example.com:6543/app?sslmode=require',
      }),
    ).toEqual({
      url: 'postgres://reader@db.example.com:6543/app?sslmode=require',
      password: 's:cret',
      queryTimeoutSeconds: 30,
      countTimeoutSeconds: 120,
    });
    expect(
      parseConnectorConfig('mysql', { url: 'mysql://reader:pw@db/app', password: 'typed' }),
    ).toMatchObject({
      url: 'mysql://reader@db/app',
      password: 'typed',
    });
  });

  it('refuses what a pasted string must not switch on, with the reason on the field', () => {
    const cases: [string, unknown, string][] = [
      [
        'postgres',
        { url: 'postgres://u@h/db?sslrootcert=/etc/passwd' },
        'The parameter "sslrootcert" is not supported; allowed: sslmode, application_name, connect_timeout.',
      ],
      [
        'postgres',
        { url: 'postgres://u@h/db?sslmode=allow' },
        'sslmode must be one of disable, prefer, require, verify-ca, verify-full.',
      ],
      [
        'postgres',
        { url: 'mysql://u@h/db' },
        'Start the connection string with postgres:// or postgresql://, e.g. postgres://user@host:5432/database',
      ],
      [
        'postgres',
        { url: 'postgres://h/db' },
        'Add the user name before the host: postgresql://user@host/...',
      ],
      ['postgres', { url: 'postgres://u@h' }, 'Add the database name after the host: .../dbname'],
      [
        'mysql',
        { url: 'mysql://u@h/db?ssl-mode=sometimes' },
        'ssl-mode must be one of DISABLED, PREFERRED, REQUIRED, VERIFY_CA, VERIFY_IDENTITY.',
      ],
      [
        'mysql',
        { url: 'mysql://u@h/db?allowLoadLocalInfile=true' },
        'The parameter "allowLoadLocalInfile" is not supported; allowed: ssl-mode, connect_timeout.',
      ],
    ];
    for (const [kind, config, message] of cases) {
      const error = refusal(() => parseConnectorConfig(kind, config));
      expect(error.code).toBe('invalid_input');
      expect(error.fieldErrors).toEqual({ url: message });
    }
    expect(refusal(() => parseConnectorConfig('oracle', {})).message).toMatch(
      /Unknown kind of database "oracle"/,
    );
  });
});
