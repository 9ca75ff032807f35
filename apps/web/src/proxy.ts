import { type NextRequest, NextResponse } from 'next/server';
import { contentSecurityPolicy, staticSecurityHeaders } from './server/security-headers';

/**
 * Runs before every request: a fresh CSP nonce per page view, passed to Next.js
 * on the request (it stamps its scripts with it) and to the browser on the reply.
 */
export function proxy(request: NextRequest): NextResponse {
  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString('base64');
  const csp = contentSecurityPolicy(nonce, process.env.NODE_ENV === 'development');

  const requestHeaders = new Headers(request.headers);
  requestHeaders.set('x-nonce', nonce);
  requestHeaders.set('Content-Security-Policy', csp);
  // Lets server components send a signed-out visitor back here after sign-in.
  requestHeaders.set('x-pathname', request.nextUrl.pathname);

  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set('Content-Security-Policy', csp);
  for (const [name, value] of Object.entries(staticSecurityHeaders)) response.headers.set(name, value);
  return response;
}

export const config = {
  // Static assets carry no user data and are cached; everything else gets the headers.
  matcher: [{ source: '/((?!_next/static|_next/image|favicon.ico).*)' }],
};
