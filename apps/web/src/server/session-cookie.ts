import { type NextRequest, NextResponse } from 'next/server';
import { isHttpsRequest } from './request-meta';
import type { WebEnv } from '../env';

export const sessionCookieName = 'connect_session';

/** Sets the session cookie: httpOnly, SameSite=Lax, Secure whenever served over HTTPS. */
export function setSessionCookie(
  response: NextResponse,
  token: string,
  expiresAt: Date,
  secure: boolean,
): void {
  response.cookies.set(sessionCookieName, token, {
    httpOnly: true,
    sameSite: 'lax',
    secure,
    path: '/',
    expires: expiresAt,
  });
}

export function clearSessionCookie(response: NextResponse, secure: boolean): void {
  response.cookies.set(sessionCookieName, '', {
    httpOnly: true,
    sameSite: 'lax',
    secure,
    path: '/',
    maxAge: 0,
  });
}

/** The reply to a successful sign-in or setup: the new session's cookie on a small JSON body. */
export function sessionStartedResponse(
  req: NextRequest,
  session: { token: string; expiresAt: Date },
  env: Pick<WebEnv, 'APP_URL' | 'TRUSTED_PROXIES'>,
  status = 200,
): NextResponse {
  const response = NextResponse.json({ ok: true }, { status });
  setSessionCookie(response, session.token, session.expiresAt, isHttpsRequest(req.headers, env));
  return response;
}
