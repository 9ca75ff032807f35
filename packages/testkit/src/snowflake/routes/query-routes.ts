import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readJsonBody, sendJson } from '../http/http-io';
import { executeQuery, type QueryRequestBody } from '../query/execute-query';
import { errorReply, inProgressReply } from '../query/query-replies';
import { replyWithin } from '../query/query-registry';
import type { ServerState } from '../server-state';
import { SnowflakeSqlError } from '../snowflake-errors';
import { authenticate } from './session-routes';

/**
 * POST /queries/v1/query-request. The statement runs in the registry; if it has not finished
 * after `queryInProgressAfterMs` the reply is 333333 with a `getResultUrl` the SDK polls
 * (statement.js `buildResultRequestCallback`), and with `asyncExec` it is 333334 at once.
 */
export async function handleQueryRequest(
  state: ServerState,
  request: IncomingMessage,
  response: ServerResponse,
  url: URL,
) {
  const body = (await readJsonBody(request)) as QueryRequestBody & { asyncExec?: unknown };
  const session = authenticate(state, request, response);
  if (!session) return;
  state.counters.queries += 1;
  const id = randomUUID();
  const record = state.registry.start({
    id,
    requestId: url.searchParams.get('requestId') ?? undefined,
    sessionId: session.id,
    sqlText: typeof body.sqlText === 'string' ? body.sqlText : '',
    run: (register) => executeQuery(state.queries, session, body, id, register),
  });
  if (body.asyncExec === true) {
    state.counters.inProgressReplies += 1;
    sendJson(request, response, 200, inProgressReply(id, true));
    return;
  }
  const reply = await replyWithin(record, state.config.queryInProgressAfterMs);
  if (!reply) state.counters.inProgressReplies += 1;
  sendJson(request, response, 200, reply ?? inProgressReply(id, false));
}

/** GET /queries/{id}/result: the finished result, or "still in progress" again. */
export async function handleQueryResult(
  state: ServerState,
  request: IncomingMessage,
  response: ServerResponse,
  queryId: string,
) {
  const session = authenticate(state, request, response);
  if (!session) return;
  state.counters.resultPolls += 1;
  const record = state.registry.get(queryId);
  if (!record || record.sessionId !== session.id) {
    sendJson(request, response, 200, errorReply(statementNotFound(queryId), queryId));
    return;
  }
  const reply = await replyWithin(record, state.config.queryInProgressAfterMs);
  sendJson(request, response, 200, reply ?? inProgressReply(queryId, false));
}

/** POST /queries/v1/abort-request ({ requestId }) and POST /queries/{id}/abort-request. */
export async function handleAbort(
  state: ServerState,
  request: IncomingMessage,
  response: ServerResponse,
  queryId: string | undefined,
) {
  const body = await readJsonBody(request);
  const session = authenticate(state, request, response);
  if (!session) return;
  const record =
    queryId !== undefined
      ? state.registry.get(queryId)
      : state.registry.findByRequestId(session.id, String(body.requestId ?? ''));
  if (record && record.sessionId === session.id && state.registry.abort(record.id)) {
    state.counters.aborts += 1;
    sendJson(request, response, 200, { code: null, data: null, message: null, success: true });
    return;
  }
  const notRunning = new SnowflakeSqlError(
    '000605',
    '01000',
    'Identified SQL statement is not currently executing.',
  );
  sendJson(request, response, 200, errorReply(notRunning, null));
}

/** GET /monitoring/queries/{id} (connection.js `getQueryStatus`). */
export function handleMonitoring(
  state: ServerState,
  request: IncomingMessage,
  response: ServerResponse,
  queryId: string,
) {
  const session = authenticate(state, request, response);
  if (!session) return;
  const record = state.registry.get(queryId);
  const queries =
    record && record.sessionId === session.id
      ? [
          {
            id: record.id,
            status: record.status,
            sqlText: record.sqlText,
            startTime: record.startedAt,
            endTime: record.endedAt ?? 0,
            totalDuration: (record.endedAt ?? Date.now()) - record.startedAt,
            errorCode: record.errorCode ?? null,
            errorMessage: record.errorMessage ?? null,
          },
        ]
      : [];
  sendJson(request, response, 200, { code: null, message: null, success: true, data: { queries } });
}

function statementNotFound(queryId: string) {
  return new SnowflakeSqlError('000709', '02000', `Statement ${queryId} not found`);
}
