import { type RequestMeta, requirePermission } from '@connect/auth';
import { type Actor, AppError, type Permission } from '@connect/core';
import type { ActiveSession } from '@connect/store';
import { randomUUID } from 'node:crypto';
import { type NextRequest, NextResponse } from 'next/server';
import type { Logger } from 'pino';
import type { z } from 'zod';
import { errorResponse } from './error-response';
import { recordRequest } from './metrics/web-metrics';
import { assertSameOrigin } from './origin-check';
import { requestMeta } from './request-meta';
import { type Services, services } from './services';
import { sessionCookieName } from './session-cookie';

interface RouteContext {
  params: Promise<Record<string, string | string[] | undefined>>;
}

interface HandlerInput<Body, Query> {
  req: NextRequest;
  /** The app logger with this request's id on every line. */
  logger: Logger;
  body: Body;
  query: Query;
  params: Record<string, string>;
  meta: RequestMeta;
  services: Services;
}

interface RouteSpec<Body, Query> {
  body?: z.ZodType<Body>;
  query?: z.ZodType<Query>;
}

type Handler<Input> = (input: Input) => Promise<unknown>;

/**
 * A route that needs a signed-in user with at least the given permission. This is
 * the default for every API route: the session is checked before anything else.
 */
export function sessionRoute<Body = undefined, Query = undefined>(
  permission: Permission,
  spec: RouteSpec<Body, Query>,
  handler: Handler<HandlerInput<Body, Query> & { session: ActiveSession; actor: Actor }>,
) {
  // The session is checked before the input is even parsed: without one, every
  // route answers 401 and reveals nothing about what it expects.
  const authorize = async (req: NextRequest, app: Services) => {
    const session = await app.auth.resolveSession(req.cookies.get(sessionCookieName)?.value);
    if (!session) throw new AppError('unauthenticated', 'Your session has ended. Sign in to continue.');
    requirePermission(session, permission);
    return session;
  };
  return handle(spec, authorize, (input, session) =>
    handler({
      ...input,
      session,
      // Who the domain functions record in the audit log.
      actor: { workspaceId: session.workspaceId, user: session.user, ip: input.meta.ip },
    }),
  );
}

/**
 * A route anyone may call without a session. Only sign-in, first-run setup and the
 * health check are public (and /metrics, outside /api, which checks its own token);
 * the route-crawler test fails if another /api route is.
 */
export function publicRoute<Body = undefined, Query = undefined>(
  spec: RouteSpec<Body, Query>,
  handler: Handler<HandlerInput<Body, Query>>,
) {
  return handle(
    spec,
    async () => undefined,
    (input) => handler(input),
  );
}

function handle<Body, Query, Session>(
  spec: RouteSpec<Body, Query>,
  authorize: (req: NextRequest, app: Services) => Promise<Session>,
  handler: (input: HandlerInput<Body, Query>, session: Session) => Promise<unknown>,
) {
  return async (req: NextRequest, context: RouteContext): Promise<Response> => {
    const started = performance.now();
    const requestId = requestIdOf(req.headers);
    let app: Services | undefined;
    const finish = (response: Response): Response => {
      response.headers.set('X-Request-Id', requestId);
      logRequest(app?.logger, req, response.status, requestId, performance.now() - started);
      return response;
    };
    try {
      app = services();
      assertSameOrigin(req.method, req.headers, app.env.APP_URL);
      const session = await authorize(req, app);
      const query = spec.query
        ? spec.query.parse(Object.fromEntries(req.nextUrl.searchParams))
        : (undefined as Query);
      const body = spec.body ? spec.body.parse(await readJson(req)) : (undefined as Body);
      const params = Object.fromEntries(
        Object.entries((await context.params) ?? {}).map(([key, value]) => [key, String(value)]),
      );
      const logger = app.logger.child({ requestId });
      const result = await handler(
        {
          req,
          logger,
          body,
          query,
          params,
          meta: requestMeta(req.headers, app.env.TRUSTED_PROXIES),
          services: app,
        },
        session,
      );
      const response = result instanceof Response ? result : NextResponse.json(result ?? { ok: true });
      response.headers.set('Cache-Control', 'no-store');
      return finish(response);
    } catch (error) {
      // The browser went away mid-request (a closed tab, Cancel aborting the fetch):
      // what the handler threw on its way out is the abort itself, and the reply goes
      // nowhere, so it is a closed request (nginx's 499), not a server error.
      if (clientWentAway(req, error)) return finish(new Response(null, { status: closedRequestStatus }));
      return finish(errorResponse(error, app?.logger, requestId));
    }
  };
}

/** The status logged for a request whose client disconnected before the reply. */
const closedRequestStatus = 499;

/**
 * Whether a failure is the client disconnecting: the request's signal aborted, or
 * Next.js's own `ResponseAborted`, which it throws into the handler when the socket
 * closes and which can arrive before the request's signal says so.
 */
function clientWentAway(req: NextRequest, error: unknown): boolean {
  if (req.signal.aborted) return true;
  for (let current = error; current instanceof Error; current = current.cause) {
    if (current.name === 'ResponseAborted') return true;
  }
  return false;
}

// Probes call these every few seconds; their lines would drown the rest at info.
const quietPaths = new Set(['/api/health', '/metrics']);

/**
 * One JSON line per API request (with the id Caddy or the client sent, so a reply's
 * X-Request-Id leads to its log lines) and its latency in the metrics.
 */
function logRequest(
  logger: Logger | undefined,
  req: NextRequest,
  status: number,
  requestId: string,
  ms: number,
): void {
  const path = req.nextUrl.pathname;
  recordRequest(req.method, path, status, ms / 1000);
  const level = quietPaths.has(path) ? 'debug' : 'info';
  logger?.[level]({ requestId, method: req.method, path, status, ms: Math.round(ms) }, 'request');
}

/**
 * The id Caddy (or another proxy) gave the request, so its log lines and the
 * proxy's share one id; a fresh one when there is none or it does not look like an id.
 */
function requestIdOf(headers: Headers): string {
  const given = headers.get('x-request-id');
  return given && /^[\w.:-]{1,128}$/.test(given) ? given : randomUUID();
}

async function readJson(req: NextRequest): Promise<unknown> {
  const text = await req.text();
  if (text.length === 0) return {};
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new AppError('invalid_input', 'The request body is not valid JSON.');
  }
}
