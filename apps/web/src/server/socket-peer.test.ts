import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { socketPeerHeaderName, socketPeerOf, stampSocketPeers } from './socket-peer';

// A real HTTP server and real sockets: the stamp is written where Next.js's own
// server would receive the request, before any listener sees it.
let server: Server;
let port: number;

beforeAll(async () => {
  stampSocketPeers();
  server = createServer((req, res) => {
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers))
      if (typeof value === 'string') headers.set(name, value);
    res.end(JSON.stringify({ peer: socketPeerOf(headers), forwardedFor: headers.get('x-forwarded-for') }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

function get(localAddress: string, headers: Record<string, string>): Promise<{ peer: string | null }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, localAddress, headers }, (res) => {
      let text = '';
      res.on('data', (chunk: Buffer) => (text += chunk.toString()));
      res.on('end', () => resolve(JSON.parse(text) as { peer: string | null }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('socket peer stamp', () => {
  it('gives the address the request really came from, not the one the client claims', async () => {
    const reply = await get('127.0.0.2', { 'x-forwarded-for': '10.9.9.9', 'x-real-ip': '10.9.9.9' });
    expect(reply).toEqual({ peer: '127.0.0.2', forwardedFor: '10.9.9.9' });
  });

  it('replaces a stamp header the client sent itself', async () => {
    const reply = await get('127.0.0.3', { [socketPeerHeaderName]: 'forged 10.9.9.9' });
    expect(reply.peer).toBe('127.0.0.3');
  });

  it('counts a request without a valid stamp (one that raced the hook at boot) as unknown', () => {
    expect(socketPeerOf(new Headers({ [socketPeerHeaderName]: 'guess 10.9.9.9' }))).toBeNull();
    expect(socketPeerOf(new Headers({ 'x-forwarded-for': '10.9.9.9' }))).toBeNull();
  });
});
