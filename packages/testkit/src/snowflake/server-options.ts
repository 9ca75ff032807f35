import type { KeyObject } from 'node:crypto';
import { parsePublicKey } from './auth/key-pair';

export interface SnowflakeTestUser {
  /** Login name; Snowflake matches it case-insensitively. */
  name: string;
  /** Enables password login. */
  password?: string;
  /** Enables key-pair (SNOWFLAKE_JWT) login: the user's RSA_PUBLIC_KEY as a PEM. */
  publicKeyPem?: string;
  /** Roles granted besides PUBLIC. The first is the default unless `defaultRole` says otherwise. */
  roles?: string[];
  defaultRole?: string;
  /** Used when the login names no warehouse. */
  defaultWarehouse?: string;
}

/**
 * A privilege granted to a role, as `GRANT <privilege> ON <on> <name> TO ROLE <to>`
 * would. `SHOW GRANTS TO ROLE` lists it; statements do not check it.
 */
export interface SnowflakeTestGrant {
  privilege: string;
  on: 'ACCOUNT' | 'DATABASE' | 'SCHEMA' | 'TABLE' | 'VIEW' | 'WAREHOUSE' | 'ROLE';
  /**
   * The object, as stored: a schema (`PUBLIC`) or `schema.table` (`PUBLIC.users`) of the
   * served database, a warehouse or a role. Unused for ACCOUNT and DATABASE.
   */
  name?: string;
  /** The role that receives it. */
  to: string;
  grantOption?: boolean;
}

export interface SnowflakeTestServerOptions {
  /** The backing PostgreSQL database (see `createSnowflakeTestDatabase`). */
  postgresUrl: string;
  /** The Snowflake database this server serves, e.g. `TESTDB`. */
  database: string;
  /** The account identifier clients must send, e.g. `TESTACCT`; others get HTTP 403. */
  account: string;
  users: SnowflakeTestUser[];
  /** Warehouses that exist; default `['COMPUTE_WH']`. */
  warehouses?: string[];
  /** What CURRENT_VERSION() and the login reply report. */
  serverVersion?: string;
  /**
   * Owner role shown in INFORMATION_SCHEMA; default `SYSADMIN`. SHOW GRANTS lists
   * OWNERSHIP on the database, its schemas, tables and views for it.
   */
  ownerRole?: string;
  /** Privileges granted to roles, beyond the owner's (see {@link SnowflakeTestGrant}). */
  grants?: SnowflakeTestGrant[];
  /** JSON bytes of a result sent inline before the rest is split into chunks; default 100 kB. */
  inlineResultBytes?: number;
  /** Uncompressed bytes per result chunk; default 1 MB. */
  chunkBytes?: number;
  /**
   * How long a query request waits for its statement before replying "in progress" (code 333333)
   * and letting the client poll `/queries/{id}/result`; Snowflake's is about 45 s.
   */
  queryInProgressAfterMs?: number;
  sessionTokenValiditySeconds?: number;
  masterTokenValiditySeconds?: number;
  /** PostgreSQL connections for statements; default 8. */
  poolSize?: number;
  /** Host to listen on; default 127.0.0.1. */
  host?: string;
}

export interface ResolvedUser {
  name: string;
  password: string | undefined;
  publicKey: KeyObject | undefined;
  roles: Set<string>;
  defaultRole: string;
  defaultWarehouse: string | undefined;
}

export interface ServerConfig {
  account: string;
  database: string;
  warehouses: Set<string>;
  users: Map<string, ResolvedUser>;
  serverVersion: string;
  ownerRole: string;
  grants: SnowflakeTestGrant[];
  inlineResultBytes: number;
  chunkBytes: number;
  queryInProgressAfterMs: number;
  sessionTokenValiditySeconds: number;
  masterTokenValiditySeconds: number;
}

export function resolveConfig(options: SnowflakeTestServerOptions): ServerConfig {
  const users = new Map<string, ResolvedUser>();
  for (const user of options.users) {
    const roles = new Set(['PUBLIC', ...(user.roles ?? []).map((role) => role.toUpperCase())]);
    users.set(user.name.toUpperCase(), {
      name: user.name.toUpperCase(),
      password: user.password,
      publicKey: user.publicKeyPem ? parsePublicKey(user.publicKeyPem) : undefined,
      roles,
      defaultRole: (user.defaultRole ?? user.roles?.[0] ?? 'PUBLIC').toUpperCase(),
      defaultWarehouse: user.defaultWarehouse?.toUpperCase(),
    });
  }
  return {
    account: options.account.toUpperCase(),
    database: options.database.toUpperCase(),
    warehouses: new Set((options.warehouses ?? ['COMPUTE_WH']).map((name) => name.toUpperCase())),
    users,
    serverVersion: options.serverVersion ?? '9.21.1',
    ownerRole: (options.ownerRole ?? 'SYSADMIN').toUpperCase(),
    grants: (options.grants ?? []).map((grant) => ({
      ...grant,
      privilege: grant.privilege.toUpperCase(),
      to: grant.to.toUpperCase(),
      ...(grant.on === 'ROLE' || grant.on === 'WAREHOUSE' ? { name: grant.name?.toUpperCase() } : {}),
    })),
    inlineResultBytes: options.inlineResultBytes ?? 100_000,
    chunkBytes: options.chunkBytes ?? 1_000_000,
    queryInProgressAfterMs: options.queryInProgressAfterMs ?? 45_000,
    sessionTokenValiditySeconds: options.sessionTokenValiditySeconds ?? 3600,
    masterTokenValiditySeconds: options.masterTokenValiditySeconds ?? 14_400,
  };
}
