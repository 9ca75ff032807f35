import type { CredentialReport, CredentialWarning, ReadOnlyUserAdvice } from '@connect/core';
import type { Document } from 'mongodb';
import { inspectSafely, readerName, someOf } from '../privileges/credential-report';
import type { MongoSession } from './connect';
import { mapMongoError } from './errors';
import type { MongoRunOptions } from './introspect';

/** Built-in roles that only read (and list what there is to read). */
const readOnlyRoles = new Set(['read', 'readAnyDatabase']);

/** What each built-in role allows beyond reading, in a few words. */
const builtInRoles: Record<string, string> = {
  readWrite: 'change data',
  readWriteAnyDatabase: 'change data in every database',
  dbAdmin: 'change indexes and collections',
  dbAdminAnyDatabase: 'change indexes and collections in every database',
  dbOwner: 'change data, indexes and users of the database',
  userAdmin: 'create users and grant roles, itself included',
  userAdminAnyDatabase: 'create users and grant roles, itself included',
  clusterAdmin: 'administer the server',
  clusterManager: 'administer the server',
  clusterMonitor: 'see every operation running on the server',
  hostManager: 'administer the server',
  backup: 'read every database, system data included',
  restore: 'write to every database',
  enableSharding: 'change sharding',
  directShardOperations: 'write to shards directly',
  root: 'do anything, on every database',
  __system: 'do anything, on every database',
};

/** Actions that only read, as `connectionStatus` lists them. */
const readActions = new Set([
  'find',
  'listCollections',
  'listIndexes',
  'listSearchIndexes',
  'listDatabases',
  'collStats',
  'dbStats',
  'dbHash',
  'killCursors',
  'changeStream',
  'indexStats',
  'planCacheRead',
]);

interface RoleName {
  role: string;
  db: string;
}

interface Privilege {
  resource: Document;
  actions: string[];
}

/** Warnings from the roles and privileges `connectionStatus` reports for the signed-in user. */
export function mongoRoleWarnings(
  roles: readonly RoleName[],
  privileges: readonly Privilege[],
): CredentialWarning[] {
  const beyond = roles.filter((role) => !readOnlyRoles.has(role.role));
  const known = beyond.filter((role) => Object.hasOwn(builtInRoles, role.role));
  const custom = beyond.filter((role) => !Object.hasOwn(builtInRoles, role.role));
  const label = (role: RoleName) => `${role.role} on ${role.db}`;
  const warnings: CredentialWarning[] = [];
  if (known.length > 0) {
    const abilities = [...new Set(known.map((role) => builtInRoles[role.role]!))];
    warnings.push({
      code: 'roles_beyond_read',
      message: `This user has the role${known.length === 1 ? '' : 's'} ${someOf(known.map(label))}: beyond reading, it can ${someOf(abilities, abilities.length, abilities.length)}.`,
      details: known.map(label),
    });
  }
  // A role of the company's own is judged by what it allows.
  if (custom.length > 0 && known.length === 0) {
    const actions = [
      ...new Set(
        privileges.flatMap((privilege) => privilege.actions).filter((action) => !readActions.has(action)),
      ),
    ].sort();
    if (actions.length > 0)
      warnings.push({
        code: 'roles_beyond_read',
        message: `This user's role${custom.length === 1 ? '' : 's'} ${someOf(custom.map(label))} allow${custom.length === 1 ? 's' : ''} more than reading: ${someOf(actions, actions.length, 5)}.`,
        details: actions.slice(0, 20),
      });
  }
  return warnings;
}

/** The mongosh commands that create a user who may only read the connection's database. */
export function mongoReadOnlyAdvice(database: string, user: string | undefined): ReadOnlyUserAdvice {
  const reader = readerName(user);
  return {
    language: 'mongosh',
    intro: 'Run this in mongosh as a user administrator; it asks for the new password:',
    script: [
      'use admin',
      'db.createUser({',
      `  user: ${JSON.stringify(reader)},`,
      '  pwd: passwordPrompt(),',
      `  roles: [{ role: "read", db: ${JSON.stringify(database)} }]`,
      '})',
    ].join('\n'),
    then: `Then edit this connection to sign in as ${reader} with that password and authSource=admin.`,
  };
}

/** The MongoDB `inspectPrivileges`: `connectionStatus` with `showPrivileges`, a command any user may run. */
export function inspectMongoPrivileges(
  session: MongoSession,
  run: MongoRunOptions,
): Promise<CredentialReport> {
  return inspectSafely(
    run.signal,
    async () => {
      try {
        const db = await session.db();
        // As the connector's other commands (introspect.ts `commandOptions`).
        const options = { maxTimeMS: run.timeoutMs, signal: run.signal };
        const reply = await db.command({ connectionStatus: 1, showPrivileges: true }, options);
        const info = (reply.authInfo ?? {}) as Document;
        const users = (info.authenticatedUsers ?? []) as RoleName[];
        // Without --auth every client may do everything; there is no user to speak of.
        if (users.length === 0)
          return [
            {
              code: 'roles_beyond_read',
              message:
                'This server accepts clients without a password, and such a client may do anything: change data, users and server settings.',
              details: ['No authenticated user'],
            },
          ];
        return mongoRoleWarnings(
          (info.authenticatedUserRoles ?? []) as RoleName[],
          (info.authenticatedUserPrivileges ?? []) as Privilege[],
        );
      } catch (error) {
        throw mapMongoError(error, { session, timeoutMs: run.timeoutMs });
      }
    },
    () => mongoReadOnlyAdvice(session.database, session.endpoint.user),
  );
}
