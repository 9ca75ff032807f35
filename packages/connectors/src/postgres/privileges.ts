import type { CredentialReport, CredentialWarning, ReadOnlyUserAdvice } from '@connect/core';
import type pg from 'pg';
import { counted, inspectSafely, readerName, someOf } from '../privileges/credential-report';
import type { SqlRunOptions } from '../sql/sql-driver';
import { quotePostgresIdentifier } from './compile-filter';
import type { PostgresSession } from './connect';
import { withReadOnly } from './read-only';

/** The PostgreSQL `inspectPrivileges`: the checks below in one read-only transaction. */
export function inspectPostgresPrivileges(
  session: PostgresSession,
  options: SqlRunOptions,
): Promise<CredentialReport> {
  const scope: PostgresScope = {
    user: session.endpoint.user,
    database: session.endpoint.database ?? 'postgres',
    schemas: [],
    owners: [],
  };
  return inspectSafely(
    options.signal,
    () => withReadOnly(session, options, (client) => postgresPrivilegeWarnings(client, scope)),
    () => postgresReadOnlyAdvice(scope),
  );
}

/** The schemas Connect browses: what `listPostgresSources` shows (see introspect.ts). */
const browsedSchemas = `
  n.nspname NOT IN ('pg_catalog', 'information_schema')
  AND n.nspname NOT LIKE 'pg\\_toast%'
  AND n.nspname NOT LIKE 'pg\\_temp\\_%'
  AND has_schema_privilege(n.oid, 'USAGE')`;

/** Tables, views and the like, partitions counted through their parent. */
const relations = `c.relkind IN ('r', 'p', 'v', 'm', 'f') AND NOT c.relispartition`;

/** Membership of a predefined role, false where the server has no such role (before PostgreSQL 11). */
const memberOf = (role: string) =>
  `(SELECT coalesce(bool_or(pg_has_role(current_user, r.oid, 'MEMBER')), false) FROM pg_roles r WHERE r.rolname = '${role}')`;

interface RoleFacts {
  user: string;
  database: string;
  superuser: boolean;
  createRole: boolean;
  readFiles: boolean;
  writeFiles: boolean;
  runPrograms: boolean;
  createSchemas: boolean;
  ownsDatabase: boolean;
}

interface SchemaFacts {
  schema: string;
  canCreate: boolean;
  owns: boolean;
  hasRelations: boolean;
  /** Who owns the relations in it, for ALTER DEFAULT PRIVILEGES. */
  owners: string[] | null;
}

interface WritableRelation {
  name: string;
  owns: boolean;
  privileges: string[];
  total: string;
}

/** What the advice needs, learnt by the check (defaults until then). */
export interface PostgresScope {
  user: string | undefined;
  database: string;
  schemas: string[];
  owners: string[];
}

/**
 * What the current user may do beyond reading: superuser, the predefined roles that
 * reach the server's files and programs, CREATEROLE, and write privileges or
 * ownership on the database, the schemas Connect browses and their tables. Reads
 * the catalog only; `scope` is filled in for the advice.
 */
export async function postgresPrivilegeWarnings(
  client: pg.ClientBase,
  scope: PostgresScope,
): Promise<CredentialWarning[]> {
  const facts = (
    await client.query<RoleFacts>(
      `SELECT current_user AS "user", current_database() AS database,
              r.rolsuper AS superuser, r.rolcreaterole AS "createRole",
              ${memberOf('pg_read_server_files')} AS "readFiles",
              ${memberOf('pg_write_server_files')} AS "writeFiles",
              ${memberOf('pg_execute_server_program')} AS "runPrograms",
              has_database_privilege(current_database(), 'CREATE') AS "createSchemas",
              pg_has_role(d.datdba, 'MEMBER') AS "ownsDatabase"
         FROM pg_roles r, pg_database d
        WHERE r.rolname = current_user AND d.datname = current_database()`,
    )
  ).rows[0];
  if (!facts) return [];
  scope.user = facts.user;
  scope.database = facts.database;

  const schemas = (
    await client.query<SchemaFacts>(
      `SELECT n.nspname AS schema,
              has_schema_privilege(n.oid, 'CREATE') AS "canCreate",
              pg_has_role(n.nspowner, 'MEMBER') AS owns,
              EXISTS (SELECT 1 FROM pg_class c WHERE c.relnamespace = n.oid AND ${relations}) AS "hasRelations",
              (SELECT array_agg(DISTINCT pg_get_userbyid(c.relowner)::text) FROM pg_class c
                WHERE c.relnamespace = n.oid AND ${relations}) AS owners
         FROM pg_namespace n
        WHERE ${browsedSchemas}
        ORDER BY n.nspname
        LIMIT 1000`,
    )
  ).rows;
  const withData = schemas.filter((schema) => schema.hasRelations);
  if (withData.length > 0) scope.schemas = withData.map((schema) => schema.schema);
  scope.owners = [...new Set(withData.flatMap((schema) => schema.owners ?? []))].sort();

  // A superuser may do everything below and more: one warning says it all.
  if (facts.superuser)
    return [
      {
        code: 'superuser',
        message:
          'This user is a superuser: it can read server files and run programs on the database host, and change or drop anything in every database.',
        details: [`Role ${facts.user} has SUPERUSER.`],
      },
    ];

  const warnings: CredentialWarning[] = [];
  if (facts.runPrograms)
    warnings.push({
      code: 'server_programs',
      message:
        'This user is a member of pg_execute_server_program: it can run programs on the database host (COPY ... PROGRAM).',
      details: ['pg_execute_server_program'],
    });
  if (facts.readFiles || facts.writeFiles) {
    const roles = [facts.readFiles && 'pg_read_server_files', facts.writeFiles && 'pg_write_server_files'];
    const can = facts.readFiles && facts.writeFiles ? 'read and write' : facts.readFiles ? 'read' : 'write';
    warnings.push({
      code: 'server_files',
      message: `This user is a member of ${someOf(roles.filter((role) => role !== false))}: it can ${can} any file the database server can, on the database host.`,
      details: roles.filter((role): role is string => role !== false),
    });
  }
  if (facts.createRole)
    warnings.push({
      code: 'manages_access',
      message:
        'This user has CREATEROLE: it can create roles and grant privileges (on PostgreSQL 15 and earlier, even membership in pg_execute_server_program).',
      details: [`Role ${facts.user} has CREATEROLE.`],
    });

  const writable = (
    await client.query<WritableRelation>(
      `SELECT format('%I.%I', n.nspname, c.relname) AS name,
              pg_has_role(c.relowner, 'MEMBER') AS owns,
              array_remove(ARRAY[
                CASE WHEN has_table_privilege(c.oid, 'INSERT') THEN 'INSERT' END,
                CASE WHEN has_table_privilege(c.oid, 'UPDATE') THEN 'UPDATE' END,
                CASE WHEN has_table_privilege(c.oid, 'DELETE') THEN 'DELETE' END,
                CASE WHEN has_table_privilege(c.oid, 'TRUNCATE') THEN 'TRUNCATE' END
              ], NULL) AS privileges,
              count(*) OVER () AS total
         FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE ${relations} AND ${browsedSchemas}
          AND (pg_has_role(c.relowner, 'MEMBER') OR has_table_privilege(c.oid, 'INSERT, UPDATE, DELETE, TRUNCATE'))
        ORDER BY n.nspname, c.relname
        LIMIT 100`,
    )
  ).rows;

  const owned = [
    ...(facts.ownsDatabase ? [`database ${facts.database}`] : []),
    ...schemas.filter((schema) => schema.owns).map((schema) => `schema ${schema.schema}`),
  ];
  const ownedRelations = writable.filter((relation) => relation.owns);
  const ownedTotal =
    ownedRelations.length === writable.length ? Number(writable[0]?.total ?? 0) : ownedRelations.length;
  if (owned.length > 0 || ownedRelations.length > 0) {
    const parts = [...owned];
    if (ownedRelations.length > 0)
      parts.push(
        `${counted(ownedTotal, 'table')} (${someOf(
          ownedRelations.map((relation) => relation.name),
          ownedTotal,
        )})`,
      );
    warnings.push({
      code: 'ownership',
      message: `This user owns ${someOf(parts, parts.length, parts.length)}: it can change or drop them and grant access to others.`,
      details: [...owned, ...ownedRelations.slice(0, 10).map((relation) => `table ${relation.name}`)],
    });
  }

  const granted = writable.filter((relation) => !relation.owns && relation.privileges.length > 0);
  const creatable = schemas
    .filter((schema) => schema.canCreate && !schema.owns)
    .map((schema) => schema.schema);
  if (granted.length > 0 || creatable.length > 0 || (facts.createSchemas && !facts.ownsDatabase)) {
    const privileges = [...new Set(granted.flatMap((relation) => relation.privileges))];
    const grantedTotal =
      granted.length === writable.length ? Number(writable[0]?.total ?? 0) : granted.length;
    const parts: string[] = [];
    if (granted.length > 0)
      parts.push(
        `${privileges.join(', ')} on ${counted(grantedTotal, 'table')} (${someOf(
          granted.map((relation) => relation.name),
          grantedTotal,
        )})`,
      );
    if (creatable.length > 0) parts.push(`CREATE in schema ${someOf(creatable)}`);
    if (facts.createSchemas && !facts.ownsDatabase) parts.push(`CREATE on database ${facts.database}`);
    warnings.push({
      code: 'writes',
      message: `This user may change data or structure: ${someOf(parts, parts.length, parts.length)}.`,
      details: [
        ...granted.slice(0, 10).map((relation) => `${relation.privileges.join(', ')} on ${relation.name}`),
        ...creatable.map((schema) => `CREATE on schema ${schema}`),
        ...(facts.createSchemas && !facts.ownsDatabase ? [`CREATE on database ${facts.database}`] : []),
      ],
    });
  }
  return warnings;
}

/** The SQL that creates a login which may only read the browsed schemas of this database. */
export function postgresReadOnlyAdvice(scope: PostgresScope): ReadOnlyUserAdvice {
  const q = quotePostgresIdentifier;
  const reader = readerName(scope.user);
  const schemas = (scope.schemas.length > 0 ? scope.schemas : ['public']).map(q).join(', ');
  const owners = scope.owners.length > 0 ? scope.owners : [];
  const defaults =
    owners.length > 0
      ? owners.map(
          (owner) =>
            `ALTER DEFAULT PRIVILEGES FOR ROLE ${q(owner)} IN SCHEMA ${schemas} GRANT SELECT ON TABLES TO ${reader};`,
        )
      : [`ALTER DEFAULT PRIVILEGES IN SCHEMA ${schemas} GRANT SELECT ON TABLES TO ${reader};`];
  return {
    language: 'sql',
    intro: `Run this as a superuser or the owner of ${scope.database}, with a password of your own:`,
    script: [
      `CREATE ROLE ${reader} LOGIN PASSWORD 'replace-with-a-strong-password';`,
      `GRANT CONNECT ON DATABASE ${q(scope.database)} TO ${reader};`,
      `GRANT USAGE ON SCHEMA ${schemas} TO ${reader};`,
      `GRANT SELECT ON ALL TABLES IN SCHEMA ${schemas} TO ${reader};`,
      '-- Tables created later are readable too:',
      ...defaults,
      '-- Writes are refused even if a write privilege is granted later:',
      `ALTER ROLE ${reader} SET default_transaction_read_only = on;`,
    ].join('\n'),
    then: `Then edit this connection to sign in as ${reader} with that password.`,
  };
}
