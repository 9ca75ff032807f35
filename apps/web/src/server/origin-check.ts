import { AppError } from '@connect/core';

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Cross-site request forgery guard for state-changing requests: the browser's
 * Origin header must name this site (the host the request was sent to, or
 * APP_URL). Browsers always send Origin on cross-site and same-site POST/PUT/
 * PATCH/DELETE, so a missing one is refused too.
 */
export function assertSameOrigin(method: string, headers: Headers, appUrl: string | undefined): void {
  if (safeMethods.has(method)) return;
  const origin = headers.get('origin');
  if (!origin)
    throw new AppError('forbidden', 'This request did not say where it came from (no Origin header).');

  let originHost: string;
  try {
    originHost = new URL(origin).host;
  } catch {
    throw new AppError('forbidden', 'This request came from another site and was refused.');
  }
  const allowed = new Set(
    [
      headers.get('x-forwarded-host')?.split(',')[0]?.trim(),
      headers.get('host'),
      appUrl && new URL(appUrl).host,
    ].filter((host): host is string => Boolean(host)),
  );
  if (!allowed.has(originHost)) {
    throw new AppError('forbidden', 'This request came from another site and was refused.');
  }
}
