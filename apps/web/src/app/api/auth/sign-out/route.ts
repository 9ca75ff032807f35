import { NextResponse } from 'next/server';
import { sessionRoute } from '@/server/api-route';
import { isHttpsRequest } from '@/server/request-meta';
import { clearSessionCookie } from '@/server/session-cookie';

export const POST = sessionRoute('read', {}, async ({ req, session, meta, services }) => {
  await services.auth.signOut(session, meta);
  const response = NextResponse.json({ ok: true });
  clearSessionCookie(response, isHttpsRequest(req.headers, services.env));
  return response;
});
