import { randomBytes } from 'node:crypto';
import { subscribe } from 'node:diagnostics_channel';
import type { IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';

// Why this exists: a route handler under `next start` sees only headers, never the
// socket. Next.js fills X-Forwarded-For with the socket's address only when the
// request has none (`x-forwarded-for ??= socket.remoteAddress` in its base server),
// so a client that sends its own header chooses its own address, and nothing else
// tells the handler who is really connected. Node's documented diagnostics channel
// `http.server.request.start` hands over each request with its socket before any
// listener (Next.js included) sees it; the address is written into a header there.
//
// The header carries a random token of this process, so it cannot be forged: a
// request that reached the server before the channel was subscribed (in the moments
// of boot before instrumentation's register() runs) carries no valid stamp, and its
// peer counts as unknown rather than as whatever a client wrote.
const peerHeader = 'x-connect-socket-peer';

interface PeerStamp {
  token: string;
  subscribed: boolean;
}

// On globalThis: the instrumentation hook and the route handlers are separate bundles
// in one process.
const holder = globalThis as typeof globalThis & { connectSocketPeerStamp?: PeerStamp };

function peerStamp(): PeerStamp {
  holder.connectSocketPeerStamp ??= { token: randomBytes(18).toString('base64url'), subscribed: false };
  return holder.connectSocketPeerStamp;
}

/** Starts writing every HTTP request's socket address into its headers. Called once at server start. */
export function stampSocketPeers(): void {
  const stamp = peerStamp();
  if (stamp.subscribed) return;
  stamp.subscribed = true;
  subscribe('http.server.request.start', (message) => {
    const { request, socket } = message as { request: IncomingMessage; socket: Socket };
    // Replaces whatever header of that name the client sent.
    request.headers[peerHeader] = socketPeerHeaderValue(socket.remoteAddress);
  });
}

/** The stamp header's value for a socket address (also used by tests that call handlers directly). */
export function socketPeerHeaderValue(address: string | undefined): string {
  return `${peerStamp().token} ${address ?? ''}`;
}

/** The header name the stamp travels in. */
export const socketPeerHeaderName = peerHeader;

/** The address of the socket the request came in on; null when the request carries no valid stamp. */
export function socketPeerOf(headers: Headers): string | null {
  const value = headers.get(peerHeader);
  const prefix = `${peerStamp().token} `;
  if (!value?.startsWith(prefix)) return null;
  return value.slice(prefix.length) || null;
}
