/**
 * Credential warnings, for every kind in `connectorHarnesses`: what a connection's
 * user may do beyond reading is reported when it may (the harness's admin login:
 * a superuser, root, a root role, an owner role), and nothing is reported for a
 * login that may only read; Connect works the same with either. Beside the contract
 * suite (connector-contract.int.test.ts), looping over the same harnesses.
 */
import { credentialWarningCodes, type CredentialReport } from '@connect/core';
import { connectorHarnesses, type CustomerDatabase } from '@connect/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openConnector } from '../index';
import { rejectionOf } from './test-support/collect';

/** Everything in a config that is a secret: none of it may appear in a report. */
const secretsOf = (config: Record<string, unknown>) =>
  ['password', 'privateKey', 'privateKeyPassphrase']
    .map((field) => config[field])
    .filter((value): value is string => typeof value === 'string' && value.length > 3);

async function inspect(kind: string, config: Record<string, unknown>): Promise<CredentialReport> {
  const connector = openConnector(kind, config);
  try {
    return await connector.inspectPrivileges();
  } finally {
    await connector.close();
  }
}

describe.each(connectorHarnesses)('$label credential warnings', (harness) => {
  let db: CustomerDatabase;

  beforeAll(async () => {
    db = await harness.create();
  });

  afterAll(async () => {
    await db?.drop();
  });

  it("warns about the harness's admin login, with the reason and a read-only user to create instead", async () => {
    const { config, warnings: expected } = db.logins.admin;
    const report = await inspect(harness.kind, config);
    const codes = report.warnings.map((warning) => warning.code);
    expect(codes.length, JSON.stringify(report.warnings)).toBeGreaterThan(0);
    for (const code of expected) expect(codes, JSON.stringify(report.warnings)).toContain(code);
    expect(codes).not.toContain('unknown');
    for (const warning of report.warnings) {
      expect(credentialWarningCodes).toContain(warning.code);
      expect(warning.message).toMatch(/^This (user|server)/);
    }
    expect(report.advice?.script.length).toBeGreaterThan(20);
    const { queryLanguage } = openConnector(harness.kind, config).capabilities;
    expect(report.advice?.language).toBe(queryLanguage === 'sql' ? 'sql' : 'mongosh');
    expect(Number.isNaN(Date.parse(report.checkedAt))).toBe(false);
    const text = JSON.stringify(report);
    for (const secret of secretsOf(config)) expect(text).not.toContain(secret);
  });

  it('fills the names of this database into the read-only user script', async () => {
    const report = await inspect(harness.kind, db.logins.admin.config);
    const database = databaseNameIn(db.logins.admin.config);
    expect(report.advice?.script).toContain(database);
    expect(report.advice?.then).toMatch(/edit this connection/);
  });

  it('reports nothing for a login that may only read, and Connect works with it', async () => {
    const login = await db.logins.readOnly();
    if ('notSimulated' in login) {
      expect(login.notSimulated).not.toBe('');
      return;
    }
    const connector = openConnector(harness.kind, login);
    try {
      const report = await connector.inspectPrivileges();
      expect(report.warnings).toEqual([]);
      expect(report.advice).not.toBeNull();
      await connector.test();
      const ids = (await connector.listSources()).map((source) => source.ref.name);
      expect(ids).toContain(db.usersSource.name);
      const page = await connector.preview({
        source: db.usersSource,
        definition: { type: 'filter', filter: { combinator: 'and', rules: [] } } as never,
        pageSize: 5,
      });
      expect(page.rows).toHaveLength(5);
    } finally {
      await connector.close();
    }
  });

  it('a check that cannot run is an "unknown" warning, not a failed call', async () => {
    const report = await inspect(harness.kind, db.failing.unreachable);
    expect(report.warnings.map((warning) => warning.code)).toEqual(['unknown']);
    expect(report.warnings[0]!.message).toMatch(/^Connect could not check what this user may do/);
    expect(report.advice).not.toBeNull();
  }, 60_000);

  it('an aborted check rejects with the abort reason', async () => {
    const connector = openConnector(harness.kind, db.logins.admin.config);
    try {
      const controller = new AbortController();
      const reason = new Error('stopped by the test');
      controller.abort(reason);
      expect(await rejectionOf(connector.inspectPrivileges({ signal: controller.signal }))).toBe(reason);
    } finally {
      await connector.close();
    }
  });
});

/** The database a harness config names: Snowflake's field, or the path of a connection string. */
function databaseNameIn(config: Record<string, unknown>): string {
  if (typeof config.database === 'string') return config.database;
  return decodeURIComponent(new URL(String(config.url)).pathname.slice(1));
}
