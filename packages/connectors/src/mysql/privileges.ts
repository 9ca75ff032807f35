import type { CredentialReport, CredentialWarning, ReadOnlyUserAdvice } from '@connect/core';
import type mysql from 'mysql2/promise';
import { inspectSafely, readerName, someOf } from '../privileges/credential-report';
import type { SqlRunOptions } from '../sql/sql-driver';
import { quoteMysqlIdentifier } from './compile-filter';
import type { MysqlFlavor, MysqlSession } from './connect';
import { withMysqlReadOnly } from './read-only';
import { grantCovers, parseGrantLine, type ParsedGrant } from './show-grants';

type PrivilegeGrant = Extract<ParsedGrant, { type: 'privileges' }>;

/** Reads and writes files on the server host. */
const filePrivileges = new Set(['FILE']);

/**
 * SUPER and what replaced it: MariaDB 10.5+ split it into named privileges, MySQL 8
 * into dynamic ones. These change server settings, end other sessions, write while
 * the server is read_only, or run code as another user.
 */
const adminPrivileges = new Set([
  'SUPER',
  'SHUTDOWN',
  'RELOAD',
  'PROCESS',
  // MariaDB 10.5+
  'BINLOG ADMIN',
  'BINLOG REPLAY',
  'CONNECTION ADMIN',
  'FEDERATED ADMIN',
  'READ_ONLY ADMIN',
  'REPLICATION MASTER ADMIN',
  'REPLICATION SLAVE ADMIN',
  'SET USER',
  // MySQL 8 dynamic privileges
  'SYSTEM_VARIABLES_ADMIN',
  'SESSION_VARIABLES_ADMIN',
  'PERSIST_RO_VARIABLES_ADMIN',
  'SYSTEM_USER',
  'SET_USER_ID',
  'SET_ANY_DEFINER',
  'ALLOW_NONEXISTENT_DEFINER',
  'CONNECTION_ADMIN',
  'BINLOG_ADMIN',
  'ENCRYPTION_KEY_ADMIN',
  'REPLICATION_SLAVE_ADMIN',
  'GROUP_REPLICATION_ADMIN',
  'CLONE_ADMIN',
  'RESOURCE_GROUP_ADMIN',
  'AUDIT_ADMIN',
  'FIREWALL_ADMIN',
]);

/** Creates users and roles or hands out privileges. */
const accessPrivileges = new Set(['CREATE USER', 'GRANT OPTION', 'ROLE_ADMIN', 'CREATE ROLE', 'DROP ROLE']);

/** Change data or structure. */
const writePrivileges = new Set([
  'INSERT',
  'UPDATE',
  'DELETE',
  'DELETE HISTORY',
  'CREATE',
  'DROP',
  'ALTER',
  'INDEX',
  'CREATE VIEW',
  'CREATE ROUTINE',
  'ALTER ROUTINE',
  'TRIGGER',
  'EVENT',
  'CREATE TABLESPACE',
]);

/** What ALL PRIVILEGES on `*.*` contains that matters here (on a database it means the writes). */
const allGlobal = ['FILE', 'SUPER', 'SHUTDOWN', 'PROCESS', 'CREATE USER', ...writePrivileges];

/** Roles are followed this deep, so a cycle or a long chain cannot make the check run away. */
const maxRoles = 20;

interface Found {
  grants: PrivilegeGrant[];
  /** Roles granted to the user whose grants could not be read. */
  unread: string[];
}

/** The grants of the current user and of the roles granted to it, parsed from SHOW GRANTS. */
async function readGrants(connection: mysql.PoolConnection, flavor: MysqlFlavor): Promise<Found> {
  const lines = async (text: string) => {
    const [rows] = await connection.query<mysql.RowDataPacket[]>(text);
    return rows.map((row) => String(Object.values(row)[0] ?? ''));
  };
  const unread: string[] = [];
  const parsed = (await lines('SHOW GRANTS')).map(parseGrantLine);
  const roles = parsed.flatMap((grant) => (grant.type === 'roles' ? grant.roles : []));
  if (roles.length > 0) {
    if (flavor === 'mysql') {
      // MySQL shows a role's privileges only "USING" it, and needs no extra privilege for that.
      const using = roles.slice(0, maxRoles).map(quoteMysqlIdentifier).join(', ');
      try {
        parsed.push(...(await lines(`SHOW GRANTS FOR CURRENT_USER() USING ${using}`)).map(parseGrantLine));
      } catch {
        unread.push(...roles);
      }
    } else {
      // MariaDB: a role granted to the user may be shown; roles granted to roles are followed.
      const seen = new Set<string>();
      const queue = [...roles];
      while (queue.length > 0 && seen.size < maxRoles) {
        const role = queue.shift()!;
        if (seen.has(role)) continue;
        seen.add(role);
        let grants: ParsedGrant[];
        try {
          grants = (await lines(`SHOW GRANTS FOR ${quoteMysqlIdentifier(role)}`)).map(parseGrantLine);
        } catch {
          unread.push(role);
          continue;
        }
        for (const grant of grants) {
          parsed.push(grant);
          if (grant.type === 'roles') queue.push(...grant.roles);
        }
      }
    }
  }
  return { unread, grants: parsed.filter((grant): grant is PrivilegeGrant => grant.type === 'privileges') };
}

const where = (grant: PrivilegeGrant) =>
  grant.database === '*'
    ? '*.*'
    : `${quoteMysqlIdentifier(grant.database)}.${grant.table === '*' ? '*' : quoteMysqlIdentifier(grant.table)}`;

/** Warnings from the grants that reach the server itself or the connection's database. */
export function mysqlGrantWarnings(grants: readonly PrivilegeGrant[], database: string): CredentialWarning[] {
  const global = grants.filter((grant) => grant.database === '*' && !grant.routine);
  const relevant = grants.filter((grant) => !grant.routine && grantCovers(grant, database));
  const expand = (grant: PrivilegeGrant) =>
    grant.privileges.flatMap((privilege) =>
      privilege === 'ALL' ? (grant.database === '*' ? allGlobal : [...writePrivileges]) : [privilege],
    );
  const named = (list: PrivilegeGrant[], set: Set<string>) => {
    const names = new Set<string>();
    const places = new Set<string>();
    for (const grant of list)
      for (const privilege of expand(grant))
        if (set.has(privilege)) {
          names.add(privilege);
          places.add(where(grant));
        }
    return { names: [...names], places: [...places] };
  };

  const warnings: CredentialWarning[] = [];
  const files = named(global, filePrivileges);
  if (files.names.length > 0)
    warnings.push({
      code: 'server_files',
      message:
        'This user has the FILE privilege: it can read and write files on the database server (LOAD_FILE, SELECT ... INTO OUTFILE).',
      details: ['FILE on *.*'],
    });
  const admin = named(global, adminPrivileges);
  if (admin.names.length > 0)
    warnings.push({
      code: 'server_admin',
      message: `This user has ${someOf(admin.names, admin.names.length, 4)}: it can change server settings, end other sessions or act as other users${admin.names.includes('PROCESS') ? ', and see the statements other sessions run' : ''}.`,
      details: admin.names.map((name) => `${name} on *.*`),
    });
  const access = named(global, accessPrivileges);
  const grantOption = global.some((grant) => grant.withGrantOption);
  if (access.names.length > 0 || grantOption) {
    const names = [
      ...access.names,
      ...(grantOption && !access.names.includes('GRANT OPTION') ? ['GRANT OPTION'] : []),
    ];
    warnings.push({
      code: 'manages_access',
      message: `This user has ${someOf(names)}: it can create users or give itself and others more privileges.`,
      details: names.map((name) => `${name} on *.*`),
    });
  }
  const writes = named(relevant, writePrivileges);
  // ALL PRIVILEGES reads better as itself than as the dozen privileges it stands for.
  if (relevant.some((grant) => grant.privileges.includes('ALL')))
    writes.names = [
      'ALL PRIVILEGES',
      ...writes.names.filter(
        (name) => !relevant.some((grant) => grant.privileges.includes('ALL') && expand(grant).includes(name)),
      ),
    ];
  if (writes.names.length > 0)
    warnings.push({
      code: 'writes',
      message: `This user may change data or structure in ${quoteMysqlIdentifier(database)}: ${someOf(writes.names, writes.names.length, 6)} (granted on ${someOf(writes.places)}).`,
      details: relevant
        .filter((grant) => expand(grant).some((privilege) => writePrivileges.has(privilege)))
        .slice(0, 10)
        .map((grant) => `${grant.privileges.join(', ')} on ${where(grant)}`),
    });
  return warnings;
}

/** The SQL that creates a user who may only read the connection's database. */
export function mysqlReadOnlyAdvice(database: string, user: string | undefined): ReadOnlyUserAdvice {
  const reader = `'${readerName(user)}'@'%'`;
  return {
    language: 'sql',
    intro: 'Run this as an administrator (root), with a password of your own:',
    script: [
      '-- Replace % with the address Connect connects from, to accept this user from there only.',
      `CREATE USER ${reader} IDENTIFIED BY 'replace-with-a-strong-password';`,
      `GRANT SELECT ON ${quoteMysqlIdentifier(database)}.* TO ${reader};`,
    ].join('\n'),
    then: `Then edit this connection to sign in as ${readerName(user)} with that password.`,
  };
}

/** The MySQL/MariaDB `inspectPrivileges`: SHOW GRANTS for the user and its roles, in a read-only transaction. */
export function inspectMysqlPrivileges(
  session: MysqlSession,
  options: SqlRunOptions,
): Promise<CredentialReport> {
  return inspectSafely(
    options.signal,
    () =>
      withMysqlReadOnly(session, options, async (connection, flavor) => {
        const { grants, unread } = await readGrants(connection, flavor);
        const warnings = mysqlGrantWarnings(grants, session.database);
        if (unread.length > 0)
          warnings.push({
            code: 'unknown',
            message: `Connect could not read the privileges of the role${unread.length === 1 ? '' : 's'} ${someOf(unread)} granted to this user; they may allow more than reading.`,
            details: unread,
          });
        return warnings;
      }),
    () => mysqlReadOnlyAdvice(session.database, session.endpoint.user),
  );
}
