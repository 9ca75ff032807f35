import { readFile, writeFile } from 'node:fs/promises';
import pg from 'pg';
import { testServiceUrls } from '../services/service-urls';
import { withAdmin } from '../services/test-database';

/** A login role that must authenticate with its password, for the wrong-password tests. */
export const passwordRole = { name: 'connect_test_auth', password: 'connect-test-auth-pw-5f1c' } as const;

/** A login role the server refuses without TLS, for the TLS-required tests. */
export const tlsOnlyRole = { name: 'connect_test_tls_only', password: 'connect-test-tls-pw-a93e' } as const;

const marker = '# connect test roles (added by @connect/testkit)';

function hbaLines(): string[] {
  return [
    marker,
    `host all ${passwordRole.name} 127.0.0.1/32 scram-sha-256`,
    `host all ${passwordRole.name} ::1/128 scram-sha-256`,
    `hostnossl all ${tlsOnlyRole.name} 127.0.0.1/32 reject`,
    `hostnossl all ${tlsOnlyRole.name} ::1/128 reject`,
  ];
}

/**
 * The local test server trusts every connection, so a wrong password would be
 * accepted. This gives two dedicated roles rules of their own, ahead of the trust
 * lines in pg_hba.conf: one must use its password (scram-sha-256), the other is
 * refused without TLS. Idempotent and safe to run from parallel test files (an
 * advisory lock serialises the edit); other roles are unaffected.
 */
export async function ensurePostgresTestRoles(): Promise<void> {
  await withAdmin(async (admin) => {
    await admin.query('SELECT pg_advisory_lock(872341)');
    try {
      for (const role of [passwordRole, tlsOnlyRole]) {
        const exists = await admin.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [role.name]);
        const verb = exists.rowCount ? 'ALTER' : 'CREATE';
        await admin.query(`${verb} ROLE ${role.name} LOGIN PASSWORD '${role.password}'`);
      }
      const hbaFile = (await admin.query<{ hba_file: string }>('SHOW hba_file')).rows[0]!.hba_file;
      const current = await readFile(hbaFile, 'utf8').catch((error: unknown) => {
        throw new Error(
          `Cannot read ${hbaFile} to add the test roles' rules (${String(error)}). Run the tests as a user who can, or add these lines at the top of it and reload PostgreSQL:\n${hbaLines().join('\n')}`,
        );
      });
      if (!current.includes(marker)) {
        await writeFile(hbaFile, `${hbaLines().join('\n')}\n${current}`).catch((error: unknown) => {
          throw new Error(
            `Cannot write ${hbaFile} (${String(error)}). Add these lines at the top of it and reload PostgreSQL:\n${hbaLines().join('\n')}`,
          );
        });
        await admin.query('SELECT pg_reload_conf()');
      }
    } finally {
      await admin.query('SELECT pg_advisory_unlock(872341)');
    }
  });
  await assertPasswordIsChecked();
}

/** Fails loudly if the server still lets the password role in with a wrong password. */
async function assertPasswordIsChecked(): Promise<void> {
  for (let attempt = 0; attempt < 20; attempt += 1) {
    const admin = new URL(testServiceUrls.postgresAdmin);
    const client = new pg.Client({
      host: admin.hostname,
      port: Number(admin.port || 5432),
      database: 'postgres',
      user: passwordRole.name,
      password: 'definitely-wrong',
    });
    try {
      await client.connect();
      await client.end();
    } catch (error) {
      if ((error as { code?: string }).code === '28P01') return;
      throw error;
    }
    // pg_reload_conf() is asynchronous; give the postmaster a moment.
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(
    `PostgreSQL accepted a wrong password for ${passwordRole.name}: the pg_hba.conf rule added by the test kit is not in effect.`,
  );
}
