import { MongoClient, type Db, type MongoClientOptions, type ServerHeartbeatFailedEvent } from 'mongodb';
import type { Endpoint } from '../errors/network-errors';
import { databaseOf, mongoUrlOf, type MongodbConfig, type MongoUrl } from './config';
import { mapMongoError } from './errors';

export interface MongoSessionOptions {
  /** Connections per pool. */
  maxConnections?: number;
}

/**
 * One connection's MongoClient and what is needed to use it well: where it points
 * and as whom (for messages), the secrets to keep out of messages, and the limits
 * from the config.
 */
export interface MongoSession {
  endpoint: Endpoint;
  database: string;
  /** The database the user authenticates against (authSource, else the path, else admin). */
  authSource: string;
  /** Whether the connection string asks for TLS (`tls=true`, `ssl=true`, or `mongodb+srv://`). */
  tlsRequested: boolean;
  secrets: readonly (string | undefined)[];
  queryTimeoutMs: number;
  countTimeoutMs: number;
  sampleSize: number;
  /** The connected client, created on first use; a failed first connection is retried next time. */
  client(): Promise<MongoClient>;
  /** The configured database on the connected client. */
  db(): Promise<Db>;
  close(): Promise<void>;
}

function endpointOf(url: MongoUrl, database: string, connectTimeoutMs: number): Endpoint {
  const first = url.hosts[0] ?? 'localhost';
  const match = /^\[(.*)\](?::(\d+))?$/.exec(first) ?? /^([^:]*)(?::(\d+))?$/.exec(first);
  return {
    host: match?.[1] ?? first,
    port: Number(match?.[2] ?? 27017),
    user: url.user,
    database,
    connectTimeoutMs,
  };
}

/** The connection string without credentials: they travel in the client options, never in a string. */
function withoutCredentials(text: string): string {
  // Greedy up to the last "@" before the path: that one ends the user information.
  return text.replace(/^(mongodb(?:\+srv)?:\/\/)[^/?]*@/i, '$1');
}

/**
 * Connects, failing as soon as every seed host has refused the first heartbeat
 * (the driver would otherwise retry until server selection times out, and a user
 * testing a typo'd host would wait for nothing).
 */
async function connectFast(client: MongoClient, url: MongoUrl): Promise<void> {
  const watchable = !url.srv && url.options.get('loadBalanced') !== 'true';
  if (!watchable) return void (await client.connect());
  const failed = new Map<string, Error>();
  let giveUp: (error: Error) => void = () => {};
  const early = new Promise<never>((_, reject) => {
    giveUp = reject;
  });
  const onFailed = (event: ServerHeartbeatFailedEvent) => {
    failed.set(event.connectionId, event.failure);
    if (failed.size >= url.hosts.length) giveUp(event.failure);
  };
  client.on('serverHeartbeatFailed', onFailed);
  try {
    await Promise.race([client.connect(), early]);
  } finally {
    client.off('serverHeartbeatFailed', onFailed);
  }
}

export function openMongoSession(config: MongodbConfig, options: MongoSessionOptions = {}): MongoSession {
  const url = mongoUrlOf(config.url);
  const database = databaseOf(config);
  const password = config.password ?? url.password;
  const connectTimeoutMs = Number(url.options.get('connectTimeoutMS') ?? 10_000) || 10_000;
  const endpoint = endpointOf(url, database, connectTimeoutMs);
  const tlsOption = url.options.get('tls') ?? url.options.get('ssl');
  const tlsRequested = tlsOption === undefined ? url.srv : tlsOption.toLowerCase() === 'true';
  const authSource = url.options.get('authSource') ?? url.database ?? 'admin';
  const secrets = [password];

  const clientOptions: MongoClientOptions = {
    maxPoolSize: options.maxConnections ?? 5,
    connectTimeoutMS: connectTimeoutMs,
    ignoreUndefined: true,
    ...(url.options.has('appName') ? {} : { appName: 'Connect' }),
    ...(url.options.has('serverSelectionTimeoutMS') ? {} : { serverSelectionTimeoutMS: connectTimeoutMs }),
    ...(url.user ? { auth: { username: url.user, password: password ?? '' } } : {}),
    ...(config.caCertificate ? { ca: config.caCertificate } : {}),
  };

  let clientPromise: Promise<MongoClient> | undefined;
  let closed = false;

  async function connect(): Promise<MongoClient> {
    const client = new MongoClient(withoutCredentials(config.url), clientOptions);
    try {
      await connectFast(client, url);
      return client;
    } catch (error) {
      await client.close().catch(() => {});
      throw mapMongoError(error, { session: { endpoint, authSource, tlsRequested, secrets } });
    }
  }

  const session: MongoSession = {
    endpoint,
    database,
    authSource,
    tlsRequested,
    secrets,
    queryTimeoutMs: config.queryTimeoutSeconds * 1000,
    countTimeoutMs: config.countTimeoutSeconds * 1000,
    sampleSize: config.sampleSize,
    client() {
      if (closed) return Promise.reject(new Error('This connector is closed.'));
      clientPromise ??= connect().catch((error: unknown) => {
        clientPromise = undefined;
        throw error;
      });
      return clientPromise;
    },
    async db() {
      return (await session.client()).db(database);
    },
    async close() {
      closed = true;
      const client = await clientPromise?.catch(() => undefined);
      clientPromise = undefined;
      await client?.close();
    },
  };
  return session;
}
