import { createPrivateKey } from 'node:crypto';
import snowflake from 'snowflake-sdk';
import { ConnectorError } from '../errors/connector-error';
import type { Endpoint } from '../errors/network-errors';
import type { SnowflakeConfig } from './config';
import {
  connectorError,
  mapSnowflakeError,
  unknownDatabase,
  unknownSchema,
  unknownWarehouse,
  type SnowflakeErrorContext,
} from './errors';
import { executeStatement } from './execute';

/** How long a sign-in may take, retries included, before we say the host does not answer. */
const loginTimeoutMs = 20_000;

let sdkConfigured = false;

/**
 * By default snowflake-sdk logs at INFO to ./snowflake.log and the console; its
 * errors reach us through callbacks, so it stays quiet. (Global to the SDK, and the
 * connectors package is its only user.)
 */
function configureSdk(): void {
  if (sdkConfigured) return;
  sdkConfigured = true;
  snowflake.configure({ logLevel: 'OFF' });
}

/** A signed-in Snowflake session and what it reported about itself. */
export interface OpenedSession {
  connection: snowflake.Connection;
  /** "Snowflake 9.21.1". */
  serverVersion: string;
  /** The session's current database and schema, as Snowflake spells them. */
  database: string;
  schema: string | null;
}

/**
 * One connection's Snowflake session. A session serves many statements at once
 * (each is its own HTTPS request), so a connector signs in once and shares it;
 * a session that ended is replaced on the next call.
 */
export interface SnowflakeSession {
  endpoint: Endpoint;
  queryTimeoutMs: number;
  countTimeoutMs: number;
  /** The schema the config limits listing to. */
  schema: string | undefined;
  errorContext(timeoutMs?: number): SnowflakeErrorContext;
  /** Signs in (once), or returns the open session. Errors are ConnectorErrors. */
  open(signal?: AbortSignal): Promise<OpenedSession>;
  /**
   * Runs `work` on the open session. When the session turns out to have ended
   * (expired, or closed by Snowflake), which Snowflake reports before running the
   * statement, it signs in again and runs `work` once more. Errors of `work` come
   * back as thrown; aborting rejects with the signal's reason.
   */
  run<T>(signal: AbortSignal | undefined, work: (opened: OpenedSession) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** Snowflake's codes for an ended session, and the SDK's for a connection it has given up. */
const sessionEndedCodes = new Set(['390104', '390111', '390114', '407002']);

function sessionEnded(error: unknown, opened: OpenedSession): boolean {
  const code = String((error as { code?: unknown } | null)?.code ?? '');
  return sessionEndedCodes.has(code) || !opened.connection.isUp();
}

function endpointOf(config: SnowflakeConfig): Endpoint {
  const url = new URL(config.accessUrl ?? `https://${config.account}.snowflakecomputing.com`);
  return {
    host: url.hostname.replace(/^\[(.*)\]$/, '$1'),
    port: url.port ? Number(url.port) : url.protocol === 'http:' ? 80 : 443,
    user: config.username,
    database: config.database,
    connectTimeoutMs: loginTimeoutMs,
  };
}

/**
 * The private key as the SDK wants it (unencrypted PKCS#8), checked here so that a
 * wrong passphrase or a pasted public key gets its own message.
 */
function readPrivateKey(config: SnowflakeConfig): string {
  let key;
  try {
    key = createPrivateKey({
      key: config.privateKey!,
      format: 'pem',
      ...(config.privateKeyPassphrase ? { passphrase: config.privateKeyPassphrase } : {}),
    });
  } catch {
    const message = config.privateKeyPassphrase
      ? 'The private key could not be read with this passphrase. Check the passphrase and that the whole key was pasted.'
      : 'The private key could not be read. If it is encrypted, enter its passphrase; otherwise check that the whole key was pasted.';
    throw new ConnectorError('auth_failed', message, {
      fieldErrors: { [config.privateKeyPassphrase ? 'privateKeyPassphrase' : 'privateKey']: message },
    });
  }
  if (key.asymmetricKeyType !== 'rsa') {
    const message = `Snowflake signs in with RSA keys only; this is a ${key.asymmetricKeyType ?? 'different'} key.`;
    throw new ConnectorError('auth_failed', message, { fieldErrors: { privateKey: message } });
  }
  return key.export({ format: 'pem', type: 'pkcs8' }).toString();
}

function connectionOptions(config: SnowflakeConfig): snowflake.ConnectionOptions {
  return {
    account: config.account,
    username: config.username,
    ...(config.privateKey
      ? { authenticator: 'SNOWFLAKE_JWT', privateKey: readPrivateKey(config) }
      : { password: config.password }),
    warehouse: config.warehouse,
    database: config.database,
    ...(config.schema ? { schema: config.schema } : {}),
    ...(config.role ? { role: config.role } : {}),
    ...(config.accessUrl ? { accessUrl: config.accessUrl } : {}),
    // A refused connection fails in seconds instead of the SDK's minutes of retries.
    sfRetryMaxLoginRetries: 2,
    // Numbers are fetched as text; an empty one must stay null, not become the text "NULL".
    representNullAsStringNull: false,
  };
}

function signIn(connection: snowflake.Connection, endpoint: Endpoint): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      connection.destroy(() => {});
      reject(
        new ConnectorError(
          'host_unreachable',
          `No answer from Snowflake at ${endpoint.host}:${endpoint.port} within ${loginTimeoutMs / 1000} seconds. Check the account identifier, and that a firewall allows connections from this machine.`,
          { fieldErrors: { account: 'No answer from this account.' } },
        ),
      );
    }, loginTimeoutMs);
    // connectAsync() resolves even when the sign-in fails; connect(callback) reports it.
    connection.connect((error) => {
      clearTimeout(timer);
      if (error) reject(error);
      else resolve();
    });
  });
}

export function openSnowflakeSession(config: SnowflakeConfig): SnowflakeSession {
  configureSdk();
  const endpoint = endpointOf(config);
  const secrets = [config.password, config.privateKey, config.privateKeyPassphrase];
  const errorContext = (timeoutMs?: number): SnowflakeErrorContext => ({
    endpoint,
    config,
    keyPair: Boolean(config.privateKey),
    timeoutMs,
    secrets,
  });
  let opening: Promise<OpenedSession> | undefined;
  let closed = false;

  async function signInAndCheck(): Promise<OpenedSession> {
    const connection = snowflake.createConnection(connectionOptions(config));
    try {
      await signIn(connection, endpoint);
      // TIMESTAMP_LTZ values, CURRENT_TIMESTAMP() and relative dates all in UTC, like the other kinds.
      await executeStatement(connection, {
        sqlText: "ALTER SESSION SET TIMEZONE = 'UTC'",
        timeoutMs: 30_000,
      });
      // An unknown warehouse, database or schema does not fail the sign-in: the session just has none.
      const { rows } = await executeStatement(connection, {
        sqlText: 'SELECT CURRENT_VERSION(), CURRENT_WAREHOUSE(), CURRENT_DATABASE(), CURRENT_SCHEMA()',
        timeoutMs: 30_000,
      });
      const [version, warehouse, database, schema] = (rows[0] ?? []) as (string | null)[];
      const problem = !warehouse
        ? unknownWarehouse({ config })
        : !database
          ? unknownDatabase({ config })
          : config.schema && !schema
            ? unknownSchema({ config })
            : undefined;
      if (problem) throw connectorError(problem, secrets);
      return {
        connection,
        serverVersion: `Snowflake ${version ?? 'unknown'}`,
        database: database!,
        schema: schema ?? null,
      };
    } catch (error) {
      connection.destroy(() => {});
      throw mapSnowflakeError(error, errorContext());
    }
  }

  return {
    endpoint,
    queryTimeoutMs: config.queryTimeoutSeconds * 1000,
    countTimeoutMs: config.countTimeoutSeconds * 1000,
    schema: config.schema,
    errorContext,
    async open(signal) {
      signal?.throwIfAborted();
      if (closed) throw new Error('This connector is closed.');
      const start = () =>
        (opening ??= signInAndCheck().catch((error: unknown) => {
          opening = undefined; // a failed sign-in is tried again next time
          throw error;
        }));
      const current = start();
      const opened = await abortable(current, signal);
      if (opened.connection.isUp()) return opened;
      // The session ended (expired, or closed by Snowflake): sign in again, once.
      if (opening === current) opening = undefined;
      return abortable(start(), signal);
    },
    async run(signal, work) {
      for (let attempt = 1; ; attempt += 1) {
        const opened = await this.open(signal);
        try {
          return await work(opened);
        } catch (error) {
          if (signal?.aborted) throw signal.reason;
          if (!sessionEnded(error, opened)) throw error;
          // Forget it, so this call (once) and later ones sign in afresh.
          if ((await opening?.catch(() => undefined)) === opened) opening = undefined;
          opened.connection.destroy(() => {});
          if (attempt > 1) throw error;
        }
      }
    },
    async close() {
      closed = true;
      const opened = await opening?.catch(() => undefined);
      opening = undefined;
      if (opened?.connection.isUp())
        await new Promise<void>((resolve) => opened.connection.destroy(() => resolve()));
    },
  };
}

/** `promise`, or the signal's reason as soon as it aborts (the shared sign-in goes on). */
function abortable<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  signal.throwIfAborted();
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}
