import type { RequestMeta } from '@connect/auth';

/**
 * The client's address and user agent. Behind Caddy (or `next start`) the socket
 * peer is appended as the last X-Forwarded-For entry; earlier entries come from the
 * client and could be forged, so only the last one is trusted.
 */
export function requestMeta(headers: Headers): RequestMeta {
  const forwarded = headers.get('x-forwarded-for');
  const ip = forwarded?.split(',').at(-1)?.trim() || headers.get('x-real-ip') || null;
  return { ip, userAgent: headers.get('user-agent') };
}

/** True when the browser reached us over HTTPS (directly or through the proxy). */
export function isHttpsRequest(headers: Headers, url: URL, appUrl: string | undefined): boolean {
  if (appUrl?.startsWith('https://')) return true;
  return headers.get('x-forwarded-proto')?.split(',')[0]?.trim() === 'https' || url.protocol === 'https:';
}
