import type { CredentialReport } from '@connect/core';
import {
  createPostgresCustomerDatabase,
  type CustomerDatabase,
  ensurePostgresTestRoles,
  passwordRole,
} from '@connect/testkit';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWebHarness, type WebHarness } from '@/test-support/web-harness';

/**
 * Credential warnings through the API: computed when a connection is saved, edited
 * or re-tested, stored with it, and returned (never a secret) by every route that
 * returns a connection.
 */

let web: WebHarness;
let customer: CustomerDatabase;
let owner: string;

interface ConnectionReply {
  connection: { id: string; credentialReport: CredentialReport | null };
}

/** The customer database's URL signed in as the role that must give its password. */
const passwordUrl = () => {
  const url = new URL(String(customer.config.url));
  url.username = passwordRole.name;
  return url.toString();
};

async function direct(text: string): Promise<void> {
  const client = new pg.Client({ connectionString: String(customer.config.url) });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

beforeAll(async () => {
  [web, customer] = await Promise.all([startWebHarness(), createPostgresCustomerDatabase()]);
  await ensurePostgresTestRoles();
  // The role is the server's, shared with other test files; these grants are on this file's database only.
  await direct(`GRANT SELECT ON ALL TABLES IN SCHEMA public TO ${passwordRole.name}`);
  owner = web.cookieFrom(
    await web.call('POST', '/api/setup', {
      body: { name: 'Owner', email: 'owner@example.com', password: 'owner password 1' },
    }),
  );
});

afterAll(async () => {
  await web?.close();
  await direct(`REVOKE ALL ON ALL TABLES IN SCHEMA public FROM ${passwordRole.name}`).catch(() => {});
  await customer?.drop();
});

const codes = (report: CredentialReport | null | undefined) =>
  report?.warnings.map((warning) => warning.code);

describe('credential warnings in the connections API', () => {
  let connectionId: string;
  let firstCheck: string;

  it('a connection saved with a superuser comes back with the warning and the read-only user SQL', async () => {
    const response = await web.call('POST', '/api/connections', {
      cookie: owner,
      body: { kind: 'postgres', name: 'Customers', config: customer.logins.admin.config },
    });
    expect(response.status).toBe(201);
    const { connection } = (await response.json()) as ConnectionReply;
    connectionId = connection.id;
    const report = connection.credentialReport!;
    expect(codes(report)).toEqual(['superuser']);
    expect(report.warnings[0]!.message).toBe(
      'This user is a superuser: it can read server files and run programs on the database host, and change or drop anything in every database.',
    );
    const database = new URL(String(customer.config.url)).pathname.slice(1);
    expect(report.advice?.script).toContain(`GRANT CONNECT ON DATABASE "${database}" TO connect_reader;`);
    expect(report.advice?.script).toContain(
      'GRANT SELECT ON ALL TABLES IN SCHEMA "crm", "public" TO connect_reader;',
    );
    firstCheck = report.checkedAt;

    const listed = (await (await web.call('GET', '/api/connections', { cookie: owner })).json()) as {
      connections: ConnectionReply['connection'][];
    };
    expect(codes(listed.connections[0]?.credentialReport)).toEqual(['superuser']);
  });

  it('a re-test checks again and stores the new report', async () => {
    const response = await web.call('POST', `/api/connections/${connectionId}/test`, { cookie: owner });
    const reply = (await response.json()) as ConnectionReply & { ok: boolean };
    expect(reply.ok).toBe(true);
    expect(codes(reply.connection.credentialReport)).toEqual(['superuser']);
    expect(Date.parse(reply.connection.credentialReport!.checkedAt)).toBeGreaterThan(Date.parse(firstCheck));
  });

  it('edited to sign in as a user who may only read, the warning goes; the password never comes back', async () => {
    const response = await web.call('PUT', `/api/connections/${connectionId}`, {
      cookie: owner,
      body: { name: 'Customers', config: { url: passwordUrl(), password: passwordRole.password } },
    });
    expect(response.status).toBe(200);
    const text = await response.text();
    expect(text).not.toContain(passwordRole.password);
    const { connection } = JSON.parse(text) as ConnectionReply;
    expect(connection.credentialReport?.warnings).toEqual([]);
    expect(connection.credentialReport?.advice?.script).toContain(`connect_reader`);
  });

  it('a write privilege granted later shows at the next re-test, naming the table', async () => {
    await direct(`GRANT INSERT, UPDATE ON public.users TO ${passwordRole.name}`);
    const response = await web.call('POST', `/api/connections/${connectionId}/test`, { cookie: owner });
    const reply = (await response.json()) as ConnectionReply & { ok: boolean };
    expect(reply.ok).toBe(true);
    expect(codes(reply.connection.credentialReport)).toEqual(['writes']);
    expect(reply.connection.credentialReport!.warnings[0]!.message).toBe(
      'This user may change data or structure: INSERT, UPDATE on 1 table (public.users).',
    );
    const page = (await (
      await web.call('GET', `/api/connections/${connectionId}`, { cookie: owner })
    ).json()) as ConnectionReply;
    expect(codes(page.connection.credentialReport)).toEqual(['writes']);
  });

  it('a failing re-test keeps the last report', async () => {
    // Only this file's database: the role itself is shared with other test files.
    const database = new URL(String(customer.config.url)).pathname.slice(1);
    await direct(`REVOKE CONNECT ON DATABASE "${database}" FROM PUBLIC`);
    try {
      const reply = (await (
        await web.call('POST', `/api/connections/${connectionId}/test`, { cookie: owner })
      ).json()) as ConnectionReply & { ok: boolean };
      expect(reply.ok).toBe(false);
      expect(codes(reply.connection.credentialReport)).toEqual(['writes']);
    } finally {
      await direct(`GRANT CONNECT ON DATABASE "${database}" TO PUBLIC`);
    }
  });
});
