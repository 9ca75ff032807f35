import { randomUUID } from 'node:crypto';
import type { ServerConfig } from '../server-options';
import { parameterList, type ParameterValue } from '../session/session-parameters';
import type { SessionStore, SnowflakeSession } from '../session/session-store';
import { verifyKeyPairToken } from './key-pair';

export type LoginReply = { status: 200; body: Record<string, unknown> } | { status: 403; text: string };

export interface LoginEnvironment {
  config: ServerConfig;
  sessions: SessionStore;
  schemaExists(schema: string): Promise<boolean>;
}

/**
 * POST /session/v1/login-request. The SDK sends the account, login name and either PASSWORD
 * (authenticator SNOWFLAKE) or a key-pair JWT in TOKEN (SNOWFLAKE_JWT) in the body, and the
 * warehouse / database / schema / role in the query string (services/sf.js `buildLoginUrl`).
 *
 * Failures mirror Snowflake's: 390100 for a wrong user or password (the same message either way),
 * 390144 for a key-pair token that does not verify, 390189 for a role the user lacks, and HTTP 403
 * for an account this host does not serve (there is no such account behind the URL). A warehouse,
 * database or schema that does not exist does not fail the login: the session simply has none,
 * as with a real account and a client that does not set CLIENT_VALIDATE_DEFAULT_PARAMETERS
 * (snowflake-sdk never does); when a client does, Snowflake's 390201 is returned.
 */
export async function login(
  env: LoginEnvironment,
  query: URLSearchParams,
  body: Record<string, unknown>,
): Promise<LoginReply> {
  const { config, sessions } = env;
  const data = (body.data ?? {}) as Record<string, unknown>;
  const requestId = query.get('requestId') ?? randomUUID();
  const loginName = String(data.LOGIN_NAME ?? '');
  if (String(data.ACCOUNT_NAME ?? '').toUpperCase() !== config.account) {
    return { status: 403, text: 'Forbidden' };
  }

  const authenticator = String(data.AUTHENTICATOR ?? 'SNOWFLAKE').toUpperCase();
  const user = config.users.get(loginName.toUpperCase());
  const failure = (code: string, message: string, authnMethod: string): LoginReply => ({
    status: 200,
    body: {
      data: {
        nextAction: 'RETRY_LOGIN',
        authnMethod,
        loginName,
        requestId,
        signInOptions: {},
        errorCode: code,
      },
      code,
      message,
      success: false,
      headers: null,
    },
  });

  if (authenticator === 'SNOWFLAKE_JWT') {
    const token = String(data.TOKEN ?? '');
    const valid =
      user?.publicKey !== undefined &&
      (await verifyKeyPairToken(token, {
        account: config.account,
        user: user.name,
        publicKey: user.publicKey,
      }));
    if (!valid) return failure('390144', `JWT token is invalid. [${randomUUID()}]`, 'KEY_PAIR');
  } else {
    const valid =
      authenticator === 'SNOWFLAKE' && user?.password !== undefined && data.PASSWORD === user.password;
    if (!valid)
      return failure('390100', 'Incorrect username or password was specified.', 'USERNAME_PASSWORD');
  }
  const account = user!;

  const role = identifier(query.get('roleName')) ?? account.defaultRole;
  if (!account.roles.has(role)) {
    return failure(
      '390189',
      `Role '${role}' specified in the connect string does not exist or not authorized. Contact your local system administrator, or attempt to login with another role, e.g. PUBLIC.`,
      authenticator === 'SNOWFLAKE_JWT' ? 'KEY_PAIR' : 'USERNAME_PASSWORD',
    );
  }

  const sessionParameters = (data.SESSION_PARAMETERS ?? {}) as Record<string, ParameterValue>;
  const validate = sessionParameters.CLIENT_VALIDATE_DEFAULT_PARAMETERS === true;
  const notFound = (what: string) =>
    failure('390201', `The requested ${what} does not exist or not authorized.`, 'USERNAME_PASSWORD');

  const requestedWarehouse = identifier(query.get('warehouse'));
  let warehouse: string | null = requestedWarehouse ?? account.defaultWarehouse ?? null;
  if (warehouse !== null && !config.warehouses.has(warehouse)) {
    if (validate && requestedWarehouse) return notFound('warehouse');
    warehouse = null;
  }
  const requestedDatabase = identifier(query.get('databaseName'));
  const database: string | null = requestedDatabase === config.database ? config.database : null;
  if (requestedDatabase && database === null && validate) return notFound('database');
  const requestedSchema = identifier(query.get('schemaName'));
  let schema: string | null = null;
  if (database !== null) {
    const candidate = requestedSchema ?? 'PUBLIC';
    if (await env.schemaExists(candidate)) schema = candidate;
    else if (requestedSchema && validate) return notFound('schema');
  }

  const session = sessions.create({
    user: account.name,
    account: config.account,
    role,
    warehouse,
    database,
    schema,
    parameters: new Map(Object.entries(sessionParameters).filter(([, value]) => value !== undefined)),
  });
  return { status: 200, body: loginSuccess(session, env) };
}

function loginSuccess(session: SnowflakeSession, env: LoginEnvironment): Record<string, unknown> {
  const { sessionSeconds, masterSeconds } = env.sessions.validitySeconds;
  return {
    data: {
      masterToken: session.masterToken,
      token: session.sessionToken,
      validityInSeconds: sessionSeconds,
      masterValidityInSeconds: masterSeconds,
      displayUserName: session.user,
      serverVersion: env.config.serverVersion,
      firstLogin: false,
      remMeToken: null,
      remMeValidityInSeconds: 0,
      healthCheckInterval: 45,
      newClientForUpgrade: null,
      sessionId: session.id,
      parameters: parameterList(session.parameters),
      sessionInfo: {
        databaseName: session.database,
        schemaName: session.schema,
        warehouseName: session.warehouse,
        roleName: session.role,
      },
      idToken: null,
      idTokenValidityInSeconds: 0,
      responseData: null,
      mfaToken: null,
      mfaTokenValidityInSeconds: 0,
    },
    code: null,
    message: null,
    success: true,
  };
}

/** A name as Snowflake resolves it: `"Quoted"` keeps its case, anything else is upper-cased. */
export function identifier(raw: string | null | undefined): string | undefined {
  if (!raw) return undefined;
  const quoted = /^"(.*)"$/.exec(raw);
  return quoted ? quoted[1]!.replace(/""/g, '"') : raw.toUpperCase();
}
