import { AppError } from '@connect/core';
import { describe, expect, it } from 'vitest';
import { connectorKinds, parseConnectorConfig } from '../registry';

function refusal(input: unknown): AppError {
  try {
    parseConnectorConfig('mongodb', input);
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('MongoDB connection config', () => {
  it('moves a password out of the connection string, keeping hosts and options', () => {
    expect(
      parseConnectorConfig('mongodb', {
        url: 'mongodb://reader:s%3Acret@db1.example.com:27017,db2.example.com:27018/app?replicaSet=rs0&authSource=admin',
      }),
    ).toEqual({
      url: 'mongodb://reader@db1.example.com:27017,db2.example.com:27018/app?replicaSet=rs0&authSource=admin',
      password: 's:cret',
      sampleSize: 1000,
      queryTimeoutSeconds: 30,
      countTimeoutSeconds: 120,
    });
  });

  it('takes the database from the path or from the form', () => {
    expect(
      parseConnectorConfig('mongodb', {
        url: 'mongodb+srv://reader@cluster0.example.net/',
        database: 'shop',
      }),
    ).toMatchObject({ database: 'shop' });
    const missing = refusal({ url: 'mongodb+srv://reader@cluster0.example.net' });
    expect(missing.message).toMatch(/^Choose a database, or add its name after the host/);
    expect(missing.fieldErrors).toHaveProperty('database');
    expect(refusal({ url: 'mongodb://h/app', database: 'a.b' }).message).toMatch(/does not allow/);
  });

  it('refuses options that would read files on this server or need other sign-in methods', () => {
    expect(refusal({ url: 'mongodb://h/app?tls=true&tlsCAFile=/etc/passwd' }).message).toMatch(
      /^The option "tlsCAFile" is not supported; allowed: /,
    );
    expect(refusal({ url: 'mongodb://h/app?authMechanism=MONGODB-X509' }).message).toMatch(
      /^authMechanism must be one of/,
    );
    expect(refusal({ url: 'mongodb://h/app?compressors=snappy' }).message).toMatch(/zlib/);
    // Option names are case-insensitive in MongoDB.
    expect(
      parseConnectorConfig('mongodb', { url: 'mongodb://h/app?authsource=admin&TLS=true' }),
    ).toMatchObject({
      url: 'mongodb://h/app?authsource=admin&TLS=true',
    });
  });

  it('says what a connection string should look like', () => {
    expect(refusal({ url: 'postgres://h/app' }).message).toBe(
      'Start the connection string with mongodb:// or mongodb+srv://, e.g. mongodb://reader@db.example.com:27017/app',
    );
    expect(refusal({ url: 'mongodb+srv://a.example.net:27017/app' }).message).toMatch(
      /^This is not a valid MongoDB connection string \(.*port.*\)/i,
    );
  });

  it('describes its form as data, with the password secret', () => {
    expect(
      connectorKinds.mongodb.form.map((field) => [field.name, field.input, field.required, field.secret]),
    ).toEqual([
      ['url', 'text', true, false],
      ['database', 'text', false, false],
      ['password', 'password', false, true],
      ['caCertificate', 'textarea', false, false],
      ['sampleSize', 'number', false, false],
      ['queryTimeoutSeconds', 'number', false, false],
      ['countTimeoutSeconds', 'number', false, false],
    ]);
    expect(connectorKinds.mongodb.secretFields).toEqual(['password']);
    expect(connectorKinds.mongodb.capabilities.queryLanguage).toBe('mongodb-pipeline');
  });
});
