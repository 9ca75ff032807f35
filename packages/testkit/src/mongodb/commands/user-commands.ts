import { UUID, type Document } from 'bson';
import { storeUser, type MongoRoleName, type StoredUser } from '../auth/scram-credentials';
import { isPlainObject } from '../bson/bson-view';
import { MongoCommandError } from '../command-error';
import { privilegesOf, unknownRole } from '../roles/built-in-roles';
import { optionalBoolean } from './command-args';
import type { CommandContext, CommandHandler } from './command-context';

/** `"read"` means the role on the command's database; `{ role, db }` names both. */
function roleNames(context: CommandContext): MongoRoleName[] {
  const value = context.body.roles as unknown;
  if (value === undefined)
    throw new MongoCommandError(40414, `BSON field '${context.name}.roles' is missing but a required field`);
  if (!Array.isArray(value))
    throw new MongoCommandError(
      14,
      `BSON field '${context.name}.roles' is the wrong type, expected type 'array'`,
    );
  return value.map((entry: unknown) => {
    if (typeof entry === 'string') return { role: entry, db: context.db };
    if (isPlainObject(entry) && typeof entry.role === 'string' && typeof entry.db === 'string')
      return { role: entry.role, db: entry.db };
    throw new MongoCommandError(14, 'Role names must be either strings or objects');
  });
}

/** What `usersInfo` reports of a user. */
function userInfo(user: StoredUser, showPrivileges: boolean): Document {
  return {
    _id: `${user.db}.${user.username}`,
    userId: new UUID(),
    user: user.username,
    db: user.db,
    roles: user.roles.map((role) => ({ role: role.role, db: role.db })),
    ...(showPrivileges ? { inheritedPrivileges: privilegesOf(user.roles) } : {}),
    mechanisms: Object.keys(user.credentials),
  };
}

/** `createUser` on the command's database, with built-in roles only. */
const createUser: CommandHandler = (context) => {
  const username = context.body.createUser as unknown;
  if (typeof username !== 'string' || username === '')
    throw new MongoCommandError(2, 'User document needs a "user" field');
  const password = context.body.pwd as unknown;
  if (typeof password !== 'string' || password === '')
    throw new MongoCommandError(
      2,
      "Must provide a 'pwd' field for all user documents, except those with '$external' as the user's source db",
    );
  const key = `${context.db}.${username}`;
  if (context.server.users.has(key))
    throw new MongoCommandError(51003, `User "${username}@${context.db}" already exists`);
  const roles = roleNames(context);
  for (const role of roles) {
    const problem = unknownRole(role);
    if (problem) throw new MongoCommandError(31, problem);
  }
  context.server.users.set(key, storeUser({ username, password, db: context.db, roles }));
  return { ok: 1 };
};

const dropUser: CommandHandler = (context) => {
  const username = String(context.body.dropUser ?? '');
  if (!context.server.users.delete(`${context.db}.${username}`))
    throw new MongoCommandError(11, `User '${username}@${context.db}' not found`);
  return { ok: 1 };
};

/** `usersInfo`: 1 (the database's users), a name, `{ user, db }`, or a list of them. */
const usersInfo: CommandHandler = (context) => {
  const showPrivileges = optionalBoolean(context, 'showPrivileges') ?? false;
  const spec = context.body.usersInfo as unknown;
  const all = [...context.server.users.values()];
  const wanted = (entry: unknown): StoredUser[] => {
    if (typeof entry === 'string')
      return all.filter((user) => user.db === context.db && user.username === entry);
    if (isPlainObject(entry))
      return all.filter((user) => user.db === entry.db && user.username === entry.user);
    return all.filter((user) => user.db === context.db);
  };
  const users = Array.isArray(spec) ? spec.flatMap(wanted) : wanted(spec);
  return { users: users.map((user) => userInfo(user, showPrivileges)), ok: 1 };
};

/**
 * `connectionStatus`: who is signed in on this connection, their roles and, with
 * `showPrivileges`, what those roles allow. Any client may run it.
 */
const connectionStatus: CommandHandler = (context) => {
  const user = context.connection.authenticatedUser;
  const showPrivileges = optionalBoolean(context, 'showPrivileges') ?? false;
  return {
    authInfo: {
      authenticatedUsers: user ? [{ user: user.username, db: user.db }] : [],
      authenticatedUserRoles: user ? user.roles.map((role) => ({ role: role.role, db: role.db })) : [],
      ...(showPrivileges ? { authenticatedUserPrivileges: user ? privilegesOf(user.roles) : [] } : {}),
    },
    ok: 1,
  };
};

export const userCommands: Record<string, CommandHandler> = {
  createUser,
  dropUser,
  usersInfo,
  connectionStatus,
};
