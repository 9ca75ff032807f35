import type { RequestMeta } from '@connect/auth';
import { socketPeerOf } from './socket-peer';
import { clientAddress, isTrustedProxy, normalizeAddress, type ProxyRange } from './trusted-proxies';

/** Who is on the other end of a request, as far as the socket and the trusted proxies tell. */
export interface ClientConnection {
  /** The client's address; null when not even the socket's address is known. */
  ip: string | null;
  /** True when the socket peer is a trusted proxy, so its forwarding headers count. */
  viaTrustedProxy: boolean;
}

/**
 * Forwarding headers (X-Forwarded-For, X-Real-IP, X-Forwarded-Proto) are anyone's to
 * write, so they count only when the socket peer is one of TRUSTED_PROXIES (by
 * default the loopback addresses Caddy connects from). Reached directly, the client
 * is the socket peer, whatever the headers say.
 */
export function clientConnection(headers: Headers, trustedProxies: ProxyRange[]): ClientConnection {
  const peer = socketPeerOf(headers);
  if (!peer) return { ip: null, viaTrustedProxy: false };
  if (!isTrustedProxy(peer, trustedProxies))
    return { ip: normalizeAddress(peer) ?? peer, viaTrustedProxy: false };
  const forwardedFor = headers.get('x-forwarded-for');
  const realIp = headers.get('x-real-ip')?.trim();
  // X-Real-IP names the client in one value; X-Forwarded-For, when present, is the chain.
  const chain = forwardedFor ?? (realIp && normalizeAddress(realIp) ? realIp : null);
  return { ip: clientAddress(peer, chain, trustedProxies), viaTrustedProxy: true };
}

/** The client's address and user agent, for the audit log and the sign-in limits. */
export function requestMeta(headers: Headers, trustedProxies: ProxyRange[]): RequestMeta {
  return { ip: clientConnection(headers, trustedProxies).ip, userAgent: headers.get('user-agent') };
}

/**
 * True when the browser reached us over HTTPS: APP_URL says so, or a trusted proxy
 * (Caddy terminating TLS) does in X-Forwarded-Proto. `next start` itself serves
 * plain HTTP, so a direct client's claim is never believed.
 */
export function isHttpsRequest(
  headers: Headers,
  env: { APP_URL?: string | undefined; TRUSTED_PROXIES: ProxyRange[] },
): boolean {
  if (env.APP_URL?.startsWith('https://')) return true;
  if (!clientConnection(headers, env.TRUSTED_PROXIES).viaTrustedProxy) return false;
  return headers.get('x-forwarded-proto')?.split(',')[0]?.trim() === 'https';
}
