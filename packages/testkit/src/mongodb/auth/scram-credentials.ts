import saslprep from '@mongodb-js/saslprep';
import { createHash, createHmac, pbkdf2Sync, randomBytes } from 'node:crypto';

export type ScramMechanism = 'SCRAM-SHA-1' | 'SCRAM-SHA-256';

/** A user the server accepts, as given to `startMongoTestServer({ users })`. */
export interface MongoTestUser {
  username: string;
  password: string;
  /** The authentication database (the `authSource` of a connection string). Default `admin`. */
  db?: string;
  /** Mechanisms the user has credentials for. Default both, as `createUser` gives. */
  mechanisms?: ScramMechanism[];
  /**
   * Built-in roles (see `roles/built-in-roles.ts`), reported by `connectionStatus` and
   * `usersInfo`, not enforced. Default `root` on `admin`: such a user may do
   * everything, as every user may on this server.
   */
  roles?: MongoRoleName[];
}

/** A role as MongoDB names one: the role and the database it is defined on. */
export interface MongoRoleName {
  role: string;
  db: string;
}

/**
 * What a server stores for SCRAM (RFC 5802 section 3): never the password, only the
 * salt, the iteration count, StoredKey = H(ClientKey) and ServerKey.
 */
export interface ScramCredential {
  salt: Buffer;
  iterations: number;
  storedKey: Buffer;
  serverKey: Buffer;
}

export interface StoredUser {
  username: string;
  db: string;
  credentials: Partial<Record<ScramMechanism, ScramCredential>>;
  roles: MongoRoleName[];
}

/** mongod's defaults: scramIterationCount 10000, scramSHA256IterationCount 15000. */
const ITERATIONS: Record<ScramMechanism, number> = { 'SCRAM-SHA-1': 10_000, 'SCRAM-SHA-256': 15_000 };
const SALT_BYTES: Record<ScramMechanism, number> = { 'SCRAM-SHA-1': 16, 'SCRAM-SHA-256': 28 };

export function hashName(mechanism: ScramMechanism): 'sha1' | 'sha256' {
  return mechanism === 'SCRAM-SHA-1' ? 'sha1' : 'sha256';
}

export function hmac(mechanism: ScramMechanism, key: Buffer, data: string | Buffer): Buffer {
  return createHmac(hashName(mechanism), key).update(data).digest();
}

export function hash(mechanism: ScramMechanism, data: Buffer): Buffer {
  return createHash(hashName(mechanism)).update(data).digest();
}

/**
 * The password SCRAM hashes. SCRAM-SHA-256 uses the SASLprep'd password (RFC 7677);
 * MongoDB's SCRAM-SHA-1 uses the legacy digest hex(MD5("user:mongo:password")).
 */
function scramPassword(mechanism: ScramMechanism, username: string, password: string): string {
  if (mechanism === 'SCRAM-SHA-256') return saslprep(password);
  return createHash('md5').update(`${username}:mongo:${password}`, 'utf8').digest('hex');
}

export function deriveCredential(
  mechanism: ScramMechanism,
  username: string,
  password: string,
  { salt = randomBytes(SALT_BYTES[mechanism]), iterations = ITERATIONS[mechanism] } = {},
): ScramCredential {
  const keyLength = mechanism === 'SCRAM-SHA-1' ? 20 : 32;
  const saltedPassword = pbkdf2Sync(
    scramPassword(mechanism, username, password),
    salt,
    iterations,
    keyLength,
    hashName(mechanism),
  );
  const clientKey = hmac(mechanism, saltedPassword, 'Client Key');
  return {
    salt,
    iterations,
    storedKey: hash(mechanism, clientKey),
    serverKey: hmac(mechanism, saltedPassword, 'Server Key'),
  };
}

export function storeUser(user: MongoTestUser): StoredUser {
  const mechanisms = user.mechanisms ?? ['SCRAM-SHA-1', 'SCRAM-SHA-256'];
  const credentials: StoredUser['credentials'] = {};
  for (const mechanism of mechanisms) {
    credentials[mechanism] = deriveCredential(mechanism, user.username, user.password);
  }
  return {
    username: user.username,
    db: user.db ?? 'admin',
    credentials,
    roles: user.roles ?? [{ role: 'root', db: 'admin' }],
  };
}
