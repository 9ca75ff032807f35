import type { IncomingMessage, ServerResponse } from 'node:http';
import { login } from '../auth/login';
import { readJsonBody, sendJson, sendText, snowflakeToken } from '../http/http-io';
import type { ServerState } from '../server-state';
import type { SnowflakeSession } from '../session/session-store';

const OK = { code: null, data: null, message: null, success: true };

/**
 * The session token on a request, or a reply saying why not, as snowflake-sdk expects them
 * (services/sf.js, constants/gs_errors.js): HTTP 401 with 390104 for an unknown token, 390112
 * for an expired one (the SDK then renews it), 390111 for a closed session.
 */
export function authenticate(
  state: ServerState,
  request: IncomingMessage,
  response: ServerResponse,
): SnowflakeSession | undefined {
  const check = state.sessions.checkSessionToken(snowflakeToken(request));
  if (check.ok) return check.session;
  if (check.reason === 'invalid') {
    sendJson(request, response, 401, {
      code: '390104',
      data: null,
      message: 'User must login again to access the service.',
      success: false,
      headers: null,
    });
  } else if (check.reason === 'expired') {
    sendJson(request, response, 200, {
      code: '390112',
      data: null,
      message: 'Your session has expired. Please login again.',
      success: false,
      headers: null,
    });
  } else {
    sendJson(request, response, 200, {
      code: '390111',
      data: null,
      message: 'Session no longer exists.  New login required to access the service.',
      success: false,
      headers: null,
    });
  }
  return undefined;
}

/** POST /session/v1/login-request */
export async function handleLogin(
  state: ServerState,
  request: IncomingMessage,
  response: ServerResponse,
  url: URL,
) {
  const body = await readJsonBody(request);
  const reply = await login(
    { config: state.config, sessions: state.sessions, schemaExists: state.queries.schemaExists },
    url.searchParams,
    body,
  );
  if (reply.status === 403) {
    state.counters.failedLogins += 1;
    sendText(response, 403, 'text/html', `<html><body><h1>${reply.text}</h1></body></html>`);
    return;
  }
  if (reply.body.success) state.counters.logins += 1;
  else state.counters.failedLogins += 1;
  sendJson(request, response, 200, reply.body);
}

/** POST /session/token-request: renews the session token with the master token. */
export async function handleTokenRequest(
  state: ServerState,
  request: IncomingMessage,
  response: ServerResponse,
) {
  await readJsonBody(request);
  const check = state.sessions.renew(snowflakeToken(request));
  if (!check.ok) {
    sendJson(request, response, 200, {
      code: check.reason === 'expired' ? '390114' : '390104',
      data: null,
      message:
        check.reason === 'expired'
          ? 'Authentication token has expired.  The user must authenticate again.'
          : 'User must login again to access the service.',
      success: false,
      headers: null,
    });
    return;
  }
  state.counters.tokenRenewals += 1;
  const { sessionSeconds, masterSeconds } = state.sessions.validitySeconds;
  sendJson(request, response, 200, {
    data: {
      sessionToken: check.session.sessionToken,
      validityInSecondsST: sessionSeconds,
      masterToken: check.session.masterToken,
      validityInSecondsMT: masterSeconds,
      sessionId: check.session.id,
    },
    success: true,
    message: null,
    code: null,
    headers: null,
  });
}

/** POST /session?delete=true: logs out; running statements of the session are cancelled. */
export async function handleSessionDelete(
  state: ServerState,
  request: IncomingMessage,
  response: ServerResponse,
) {
  await readJsonBody(request);
  const session = authenticate(state, request, response);
  if (!session) return;
  state.registry.abortSession(session.id);
  state.sessions.close(session);
  state.counters.sessionsClosed += 1;
  sendJson(request, response, 200, OK);
}

/** POST /session/heartbeat (connection.js `heartbeat`, used by isValidAsync and keep-alive). */
export async function handleHeartbeat(
  state: ServerState,
  request: IncomingMessage,
  response: ServerResponse,
) {
  await readJsonBody(request);
  if (!authenticate(state, request, response)) return;
  state.counters.heartbeats += 1;
  sendJson(request, response, 200, OK);
}

/** POST /telemetry/send: accepted and counted; the content is not kept. */
export async function handleTelemetry(
  state: ServerState,
  request: IncomingMessage,
  response: ServerResponse,
) {
  await readJsonBody(request);
  if (!authenticate(state, request, response)) return;
  state.counters.telemetryRequests += 1;
  sendJson(request, response, 200, OK);
}
