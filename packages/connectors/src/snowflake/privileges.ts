import type { CredentialReport, CredentialWarning, ReadOnlyUserAdvice } from '@connect/core';
import { counted, inspectSafely, readerName, someOf } from '../privileges/credential-report';
import type { SqlRunOptions } from '../sql/sql-driver';
import { quoteSnowflakeIdentifier } from './compile-filter';
import type { SnowflakeConfig } from './config';
import type { OpenedSession, SnowflakeSession } from './connect';
import { mapSnowflakeError } from './errors';
import { executeStatement } from './execute';

/** One row of SHOW GRANTS TO ROLE, by the column names Snowflake gives them. */
export interface SnowflakeGrant {
  privilege: string;
  granted_on: string;
  name: string;
  grantee_name: string;
}

/** The system roles, by what they may do: they reach far beyond one database. */
const systemRoles: Record<string, { code: 'server_admin' | 'manages_access'; can: string }> = {
  ORGADMIN: { code: 'server_admin', can: 'manage the organization and its accounts' },
  ACCOUNTADMIN: {
    code: 'server_admin',
    can: 'do anything in the account: users, roles, warehouses, billing, every database',
  },
  SECURITYADMIN: { code: 'manages_access', can: 'create users and roles and grant any privilege' },
  USERADMIN: { code: 'manages_access', can: 'create users and roles' },
  SYSADMIN: { code: 'server_admin', can: 'create warehouses and databases and change every object it owns' },
};

/** Privileges on the account that hand out access. */
const accessPrivileges = new Set(['MANAGE GRANTS', 'CREATE ROLE', 'CREATE USER']);

/** Privileges on a database, schema or table that only read or look. */
const readPrivileges = new Set(['USAGE', 'SELECT', 'REFERENCES', 'MONITOR', 'READ', 'REFERENCE_USAGE']);

/** Object kinds that hold rows (SHOW GRANTS says TABLE for views too, before the 2026_06 bundle). */
const tableKinds = new Set([
  'TABLE',
  'VIEW',
  'MATERIALIZED_VIEW',
  'EXTERNAL_TABLE',
  'DYNAMIC_TABLE',
  'EVENT_TABLE',
  'ICEBERG_TABLE',
  'HYBRID_TABLE',
]);

/** Roles are followed this far through the hierarchy, so a big one cannot make the check run away. */
const maxRoles = 30;

/** `DB.SCHEMA."odd name"` -> ['DB', 'SCHEMA', 'odd name'], as SHOW GRANTS prints names. */
export function splitSnowflakeName(name: string): string[] {
  const parts: string[] = [];
  let current = '';
  let quoted = false;
  let wasQuoted = false;
  for (let index = 0; index < name.length; index += 1) {
    const char = name[index]!;
    if (quoted) {
      if (char === '"' && name[index + 1] === '"') {
        current += '"';
        index += 1;
      } else if (char === '"') quoted = false;
      else current += char;
    } else if (char === '"') {
      quoted = true;
      wasQuoted = true;
    } else if (char === '.') {
      parts.push(current);
      current = '';
      wasQuoted = false;
    } else current += char;
  }
  parts.push(wasQuoted ? current : current.trim());
  return parts;
}

/** How Snowflake resolves an identifier as written in the form: unquoted folds to upper case. */
function resolvedName(identifier: string): string {
  return identifier.startsWith('"')
    ? identifier.slice(1, -1).replaceAll('""', '"')
    : identifier.toUpperCase();
}

/**
 * Warnings from the grants of the session's roles (the current one and those it
 * inherits): system roles, privileges that hand out access, and ownership or write
 * privileges on the connection's database and the schemas Connect browses.
 */
export function snowflakeGrantWarnings(input: {
  currentRole: string;
  roles: readonly string[];
  grants: readonly SnowflakeGrant[];
  database: string;
  schema: string | undefined;
}): CredentialWarning[] {
  const { database, schema } = input;
  const via = (role: string) => (role === input.currentRole ? '' : ` (granted to ${role})`);
  const who =
    input.roles.length > 1
      ? `This user's role ${input.currentRole} (with the roles it inherits)`
      : `This user's role ${input.currentRole}`;
  const warnings: CredentialWarning[] = [];

  for (const code of ['server_admin', 'manages_access'] as const) {
    const system = input.roles.filter((role) => systemRoles[role]?.code === code);
    const privileges =
      code === 'manages_access'
        ? input.grants.filter(
            (grant) => grant.granted_on === 'ACCOUNT' && accessPrivileges.has(grant.privilege),
          )
        : [];
    if (system.length === 0 && privileges.length === 0) continue;
    const abilities = [
      ...system.map((role) => systemRoles[role]!.can),
      ...(privileges.length > 0 ? ['grant privileges and create roles or users'] : []),
    ];
    const inherited = system.filter((role) => role !== input.currentRole);
    const has = [
      ...(system.includes(input.currentRole) ? [`is ${input.currentRole}`] : []),
      ...(inherited.length > 0 ? [`inherits ${someOf(inherited)}`] : []),
      ...(privileges.length > 0
        ? [`has ${someOf([...new Set(privileges.map((grant) => grant.privilege))])} on the account`]
        : []),
    ];
    warnings.push({
      code,
      message: `This user's role ${has[0]?.startsWith('is ') ? has.join(' and ') : `${input.currentRole} ${has.join(' and ')}`}: it can ${someOf([...new Set(abilities)], abilities.length, abilities.length)}.`,
      details: [
        ...system.map((role) => `Role ${role}`),
        ...privileges.map((grant) => `${grant.privilege} on ACCOUNT${via(grant.grantee_name)}`),
      ],
    });
  }

  // Grants on the connection's database and, when the connection names one, only its schema.
  const inScope = input.grants.filter((grant) => {
    const parts = splitSnowflakeName(grant.name);
    if (parts[0] !== database) return false;
    if (grant.granted_on === 'DATABASE') return parts.length === 1;
    if (grant.granted_on === 'SCHEMA' || tableKinds.has(grant.granted_on))
      return schema === undefined || parts[1] === schema;
    return false;
  });
  const label = (grant: SnowflakeGrant) =>
    `${grant.granted_on.toLowerCase().replace('_', ' ')} ${grant.name}`;

  const owned = inScope.filter((grant) => grant.privilege === 'OWNERSHIP');
  if (owned.length > 0) {
    const containers = owned.filter((grant) => !tableKinds.has(grant.granted_on)).map(label);
    const tables = owned.filter((grant) => tableKinds.has(grant.granted_on));
    const parts = [
      ...containers.slice(0, 3),
      ...(containers.length > 3 ? [`${containers.length - 3} more schemas`] : []),
      ...(tables.length > 0
        ? [`${counted(tables.length, 'table')} (${someOf(tables.map((grant) => grant.name))})`]
        : []),
    ];
    warnings.push({
      code: 'ownership',
      message: `${who} owns ${someOf(parts, parts.length, parts.length)}: it can change or drop them and grant access to others.`,
      details: owned.slice(0, 10).map((grant) => `OWNERSHIP on ${label(grant)}${via(grant.grantee_name)}`),
    });
  }

  const writes = inScope.filter(
    (grant) => grant.privilege !== 'OWNERSHIP' && !readPrivileges.has(grant.privilege),
  );
  if (writes.length > 0) {
    const privileges = [...new Set(writes.map((grant) => grant.privilege))];
    const objects = [...new Set(writes.map(label))];
    warnings.push({
      code: 'writes',
      message: `${who} may change data or structure: ${someOf(privileges, privileges.length, 5)} on ${someOf(objects)}.`,
      details: writes
        .slice(0, 10)
        .map((grant) => `${grant.privilege} on ${label(grant)}${via(grant.grantee_name)}`),
    });
  }
  return warnings;
}

/** The SQL that creates a role that may only read this database, and a user with it. */
export function snowflakeReadOnlyAdvice(
  config: Pick<SnowflakeConfig, 'username' | 'warehouse' | 'database' | 'schema'>,
): ReadOnlyUserAdvice {
  const reader = readerName(config.username, 'upper');
  const database = config.database;
  const schemas = config.schema
    ? {
        usage: `GRANT USAGE ON SCHEMA ${database}.${config.schema} TO ROLE ${reader};`,
        in: `SCHEMA ${database}.${config.schema}`,
      }
    : {
        usage: `GRANT USAGE ON ALL SCHEMAS IN DATABASE ${database} TO ROLE ${reader};`,
        in: `DATABASE ${database}`,
      };
  return {
    language: 'sql',
    intro:
      'Run this as SECURITYADMIN (or a role that may create roles and users and grant on these objects):',
    script: [
      'USE ROLE SECURITYADMIN;',
      `CREATE ROLE IF NOT EXISTS ${reader};`,
      `GRANT USAGE ON WAREHOUSE ${config.warehouse} TO ROLE ${reader};`,
      `GRANT USAGE ON DATABASE ${database} TO ROLE ${reader};`,
      schemas.usage,
      `GRANT SELECT ON ALL TABLES IN ${schemas.in} TO ROLE ${reader};`,
      `GRANT SELECT ON ALL VIEWS IN ${schemas.in} TO ROLE ${reader};`,
      `GRANT SELECT ON ALL MATERIALIZED VIEWS IN ${schemas.in} TO ROLE ${reader};`,
      '-- Tables and views created later are readable too:',
      `GRANT SELECT ON FUTURE TABLES IN ${schemas.in} TO ROLE ${reader};`,
      `GRANT SELECT ON FUTURE VIEWS IN ${schemas.in} TO ROLE ${reader};`,
      `CREATE USER IF NOT EXISTS ${reader} PASSWORD = 'replace-with-a-strong-password'`,
      `  DEFAULT_ROLE = ${reader} DEFAULT_WAREHOUSE = ${config.warehouse} DEFAULT_SECONDARY_ROLES = ();`,
      `GRANT ROLE ${reader} TO USER ${reader};`,
    ].join('\n'),
    then: `Then edit this connection to sign in as ${reader} with that password (or a key pair), and set the role to ${reader}.`,
  };
}

/** Rows of one statement as objects keyed by Snowflake's column names. */
async function rowsOf(opened: OpenedSession, sqlText: string, options: SqlRunOptions) {
  const result = await executeStatement(opened.connection, {
    sqlText,
    timeoutMs: options.timeoutMs,
    signal: options.signal,
  });
  const names = result.columns.map((column) => column.getName());
  return result.rows.map((values) => Object.fromEntries(names.map((name, index) => [name, values[index]])));
}

/** The roles the session acts with: the current one, its secondary roles, and what they inherit. */
async function readGrants(opened: OpenedSession, options: SqlRunOptions) {
  const [current] = await rowsOf(opened, 'SELECT CURRENT_ROLE() AS "role"', options);
  const currentRole = String(current?.role ?? 'PUBLIC');
  const queue = [currentRole];
  // With DEFAULT_SECONDARY_ROLES = ('ALL') every role granted to the user is active too.
  try {
    const [secondary] = await rowsOf(opened, 'SELECT CURRENT_SECONDARY_ROLES() AS "secondary"', options);
    const parsed = JSON.parse(String(secondary?.secondary ?? '{}')) as { roles?: string };
    queue.push(
      ...(parsed.roles ?? '')
        .split(',')
        .map((role) => role.trim())
        .filter(Boolean),
    );
  } catch {
    // Not every deployment answers it; the current role is still checked.
  }
  const roles: string[] = [];
  const grants: SnowflakeGrant[] = [];
  while (queue.length > 0 && roles.length < maxRoles) {
    const role = queue.shift()!;
    if (roles.includes(role)) continue;
    roles.push(role);
    for (const row of await rowsOf(
      opened,
      `SHOW GRANTS TO ROLE ${quoteSnowflakeIdentifier(role)}`,
      options,
    )) {
      const grant = {
        privilege: String(row.privilege ?? ''),
        granted_on: String(row.granted_on ?? ''),
        name: String(row.name ?? ''),
        grantee_name: String(row.grantee_name ?? role),
      };
      grants.push(grant);
      if (grant.granted_on === 'ROLE' && grant.privilege === 'USAGE')
        queue.push(splitSnowflakeName(grant.name)[0]!);
    }
  }
  return { currentRole, roles, grants };
}

/** The Snowflake `inspectPrivileges`: SHOW GRANTS TO ROLE for the session's roles, which any role may run on itself. */
export function inspectSnowflakePrivileges(
  session: SnowflakeSession,
  config: SnowflakeConfig,
  options: SqlRunOptions,
): Promise<CredentialReport> {
  return inspectSafely(
    options.signal,
    async () => {
      try {
        return await session.run(options.signal, async (opened) => {
          const found = await readGrants(opened, options);
          return snowflakeGrantWarnings({
            ...found,
            database: opened.database || resolvedName(config.database),
            schema: config.schema ? resolvedName(config.schema) : undefined,
          });
        });
      } catch (error) {
        if (options.signal?.aborted) throw options.signal.reason;
        throw mapSnowflakeError(error, session.errorContext(options.timeoutMs));
      }
    },
    () => snowflakeReadOnlyAdvice(config),
  );
}
