import type { Document } from 'bson';
import type { MongoRoleName } from '../auth/scram-credentials';

/** MongoDB 7.0's actions of the `read` role on the collections of its database. */
const readActions = [
  'changeStream',
  'collStats',
  'dbHash',
  'dbStats',
  'find',
  'killCursors',
  'listCollections',
  'listIndexes',
  'listSearchIndexes',
];

/** `readWrite` adds these to `read`. */
const writeActions = [
  'convertToCapped',
  'createCollection',
  'createIndex',
  'createSearchIndexes',
  'dropCollection',
  'dropIndex',
  'dropSearchIndex',
  'insert',
  'remove',
  'renameCollectionSameDB',
  'update',
  'updateSearchIndex',
];

/** `dbAdmin` on its database (without its system.profile privileges). */
const dbAdminActions = [
  'bypassDocumentValidation',
  'collMod',
  'collStats',
  'compact',
  'convertToCapped',
  'createCollection',
  'createIndex',
  'dbStats',
  'dropCollection',
  'dropDatabase',
  'dropIndex',
  'enableProfiler',
  'listCollections',
  'listIndexes',
  'planCacheIndexFilter',
  'planCacheRead',
  'planCacheWrite',
  'reIndex',
  'renameCollectionSameDB',
  'validate',
];

/** `userAdmin` on its database. */
const userAdminActions = [
  'changeCustomData',
  'changePassword',
  'createRole',
  'createUser',
  'dropRole',
  'dropUser',
  'grantRole',
  'revokeRole',
  'setAuthenticationRestriction',
  'viewRole',
  'viewUser',
];

/** A privilege as `connectionStatus` and `usersInfo` report it. */
export interface Privilege {
  resource: Document;
  actions: string[];
}

const onDatabase = (db: string, actions: string[]): Privilege => ({
  resource: { db, collection: '' },
  actions,
});
const onCluster = (actions: string[]): Privilege => ({ resource: { cluster: true }, actions });

/**
 * The built-in roles this server knows, with the privileges MongoDB 7.0 gives them
 * on ordinary collections (each role's extra privileges on `system.*` collections
 * are left out). Database roles apply to the database they are granted on; the
 * any-database roles and `root` exist on `admin` only. `root` is abbreviated to the
 * data, user and a few server actions: mongod lists well over a hundred.
 */
const builtInRoles: Record<string, { adminOnly: boolean; privileges: (db: string) => Privilege[] }> = {
  read: { adminOnly: false, privileges: (db) => [onDatabase(db, readActions)] },
  readWrite: { adminOnly: false, privileges: (db) => [onDatabase(db, [...readActions, ...writeActions])] },
  dbAdmin: { adminOnly: false, privileges: (db) => [onDatabase(db, dbAdminActions)] },
  userAdmin: { adminOnly: false, privileges: (db) => [onDatabase(db, userAdminActions)] },
  dbOwner: {
    adminOnly: false,
    privileges: (db) => [
      onDatabase(db, [...readActions, ...writeActions, ...dbAdminActions, ...userAdminActions]),
    ],
  },
  readAnyDatabase: {
    adminOnly: true,
    privileges: () => [onDatabase('', readActions), onCluster(['listDatabases'])],
  },
  readWriteAnyDatabase: {
    adminOnly: true,
    privileges: () => [onDatabase('', [...readActions, ...writeActions]), onCluster(['listDatabases'])],
  },
  root: {
    adminOnly: true,
    privileges: () => [
      onDatabase('', [...readActions, ...writeActions, ...dbAdminActions, ...userAdminActions]),
      onCluster(['listDatabases', 'serverStatus', 'shutdown', 'killop', 'inprog', 'setParameter']),
    ],
  },
};

/** Why a role cannot be granted here, or undefined when it can (mongod's RoleNotFound otherwise). */
export function unknownRole(role: MongoRoleName): string | undefined {
  const known = Object.hasOwn(builtInRoles, role.role) ? builtInRoles[role.role] : undefined;
  if (!known || (known.adminOnly && role.db !== 'admin'))
    return `Could not find role: ${role.role}@${role.db}`;
  return undefined;
}

/** The privileges of some roles, merged per resource as mongod reports them, actions sorted. */
export function privilegesOf(roles: readonly MongoRoleName[]): Privilege[] {
  const merged = new Map<string, Privilege>();
  for (const role of roles) {
    const known = Object.hasOwn(builtInRoles, role.role) ? builtInRoles[role.role] : undefined;
    for (const privilege of known?.privileges(role.db) ?? []) {
      const key = JSON.stringify(privilege.resource);
      const seen = merged.get(key);
      if (seen) seen.actions = [...new Set([...seen.actions, ...privilege.actions])];
      else merged.set(key, { resource: privilege.resource, actions: [...privilege.actions] });
    }
  }
  return [...merged.values()].map((privilege) => ({ ...privilege, actions: privilege.actions.sort() }));
}
