import type { RowType } from '../result/column-types';
import { encodeTimestampLtz } from '../result/encode-value';
import type { SnowflakeTestGrant } from '../server-options';
import type { SnowflakeSession } from '../session/session-store';
import { SnowflakeSqlError } from '../snowflake-errors';
import { STATEMENT_TYPE } from '../sql/statements';
import { identifierName } from '../sql/syntax-tree';
import type { Token } from '../sql/lexer';
import type { QueryEnvironment } from './query-environment';
import { resultReply, type ReplyBody } from './query-replies';

/** Every account has these: ACCOUNTADMIN inherits SYSADMIN and SECURITYADMIN, which inherits USERADMIN. */
const systemRoleGrants: SnowflakeTestGrant[] = [
  { privilege: 'USAGE', on: 'ROLE', name: 'SYSADMIN', to: 'ACCOUNTADMIN' },
  { privilege: 'USAGE', on: 'ROLE', name: 'SECURITYADMIN', to: 'ACCOUNTADMIN' },
  { privilege: 'USAGE', on: 'ROLE', name: 'USERADMIN', to: 'SECURITYADMIN' },
];

/** The column list of SHOW GRANTS TO ROLE, in Snowflake's order and types. */
const columns: RowType[] = [
  'created_on',
  'privilege',
  'granted_on',
  'name',
  'granted_to',
  'grantee_name',
  'grant_option',
  'granted_by',
].map((name) => ({
  name,
  database: '',
  schema: '',
  table: '',
  type: name === 'created_on' ? 'timestamp_ltz' : 'text',
  nullable: true,
  precision: name === 'created_on' ? 0 : null,
  scale: name === 'created_on' ? 3 : null,
  length: name === 'created_on' ? null : 16_777_216,
  byteLength: name === 'created_on' ? null : 16_777_216,
  collation: null,
}));

/** An identifier as SHOW prints it: bare when Snowflake would read it back the same, else quoted. */
function shown(name: string): string {
  return /^[A-Z_][A-Z0-9_$]*$/.test(name) ? name : `"${name.replaceAll('"', '""')}"`;
}

/** Every grant the server knows: the configured ones, the owner's OWNERSHIP, the system roles' hierarchy. */
async function allGrants(env: QueryEnvironment): Promise<SnowflakeTestGrant[]> {
  const owner = env.config.ownerRole;
  const objects = await env.pool.query<{ schema: string; name: string | null; kind: string }>(
    `SELECT n.nspname AS schema, c.relname AS name,
            CASE WHEN c.relkind IN ('v', 'm') THEN 'VIEW' ELSE 'TABLE' END AS kind
       FROM pg_namespace n LEFT JOIN pg_class c ON c.relnamespace = n.oid AND c.relkind IN ('r', 'p', 'v', 'm')
      WHERE n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast', 'sf_internal', 'public', 'INFORMATION_SCHEMA')
        AND n.nspname NOT LIKE 'pg\\_%'
      ORDER BY 1, 2`,
  );
  const owned: SnowflakeTestGrant[] = [{ privilege: 'OWNERSHIP', on: 'DATABASE', to: owner }];
  for (const schema of new Set(objects.rows.map((row) => row.schema)))
    owned.push({ privilege: 'OWNERSHIP', on: 'SCHEMA', name: schema, to: owner });
  for (const row of objects.rows)
    if (row.name !== null)
      owned.push({
        privilege: 'OWNERSHIP',
        on: row.kind as 'TABLE' | 'VIEW',
        name: `${row.schema}.${row.name}`,
        to: owner,
      });
  return [...systemRoleGrants, ...owned, ...env.config.grants];
}

/** The roles a role may act as: itself and every role granted to it, directly or not. */
function hierarchy(role: string, grants: readonly SnowflakeTestGrant[]): Set<string> {
  const seen = new Set([role]);
  const queue = [role];
  while (queue.length > 0) {
    const current = queue.shift()!;
    for (const grant of grants)
      if (grant.on === 'ROLE' && grant.to === current && grant.name && !seen.has(grant.name)) {
        seen.add(grant.name);
        queue.push(grant.name);
      }
  }
  return seen;
}

/**
 * SHOW GRANTS TO ROLE: the privileges granted to one role (not those it inherits:
 * a granted role shows as USAGE on ROLE), as Snowflake lists them. A role outside the
 * session role's hierarchy gets Snowflake's "does not exist or not authorized".
 */
export async function showGrantsToRole(
  env: QueryEnvironment,
  session: SnowflakeSession,
  roleToken: Token,
  queryId: string,
): Promise<ReplyBody> {
  const role = identifierName(roleToken);
  const grants = await allGrants(env);
  if (!hierarchy(session.role, grants).has(role)) {
    throw new SnowflakeSqlError(
      '002003',
      '02000',
      `SQL compilation error:\nRole '${role}' does not exist or not authorized.`,
    );
  }
  const database = shown(env.config.database);
  const nameOf = (grant: SnowflakeTestGrant) => {
    switch (grant.on) {
      case 'ACCOUNT':
        return env.config.account;
      case 'DATABASE':
        return database;
      case 'SCHEMA':
        return `${database}.${shown(grant.name ?? 'PUBLIC')}`;
      case 'TABLE':
      case 'VIEW': {
        const [schema = 'PUBLIC', ...table] = (grant.name ?? '').split('.');
        return `${database}.${shown(schema)}.${shown(table.join('.'))}`;
      }
      default:
        return shown(grant.name ?? '');
    }
  };
  const created = encodeTimestampLtz(env.startedAt);
  const rows = grants
    .filter((grant) => grant.to === role)
    .map((grant) => [
      created,
      grant.privilege,
      grant.on,
      nameOf(grant),
      'ROLE',
      shown(role),
      grant.grantOption ? 'true' : 'false',
      // Empty for what the system set up, as Snowflake shows it.
      systemRoleGrants.includes(grant) ? '' : 'SECURITYADMIN',
    ]);
  return resultReply({
    session,
    queryId,
    statementTypeId: STATEMENT_TYPE.show,
    columns,
    rows,
    total: rows.length,
    bindCount: 0,
  });
}
