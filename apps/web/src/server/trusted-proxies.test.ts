import { describe, expect, it } from 'vitest';
import { clientAddress, isTrustedProxy, parseTrustedProxies } from './trusted-proxies';

const loopback = parseTrustedProxies('127.0.0.1,::1');

describe('parseTrustedProxies', () => {
  it('reads IPv4 and IPv6 addresses and CIDR ranges', () => {
    const trusted = parseTrustedProxies(' 10.0.0.0/8, 192.0.2.7 ,fd00::/8,2001:db8::1,');
    expect(isTrustedProxy('10.200.3.4', trusted)).toBe(true);
    expect(isTrustedProxy('11.0.0.1', trusted)).toBe(false);
    expect(isTrustedProxy('192.0.2.7', trusted)).toBe(true);
    expect(isTrustedProxy('192.0.2.8', trusted)).toBe(false);
    expect(isTrustedProxy('fd12:3456::9', trusted)).toBe(true);
    expect(isTrustedProxy('2001:db8::1', trusted)).toBe(true);
    expect(isTrustedProxy('2001:db8::2', trusted)).toBe(false);
  });

  it('names the entry that is neither an address nor a range', () => {
    expect(() => parseTrustedProxies('127.0.0.1,caddy')).toThrow(
      '"caddy" is not an IP address or CIDR range',
    );
    expect(() => parseTrustedProxies('10.0.0.0/33')).toThrow('"10.0.0.0/33"');
    expect(() => parseTrustedProxies('127.1')).toThrow('"127.1"');
  });

  it('matches IPv4 clients of a dual-stack socket (::ffff:a.b.c.d) against IPv4 ranges, and the reverse', () => {
    expect(isTrustedProxy('::ffff:127.0.0.1', loopback)).toBe(true);
    expect(isTrustedProxy('::ffff:127.0.0.2', loopback)).toBe(false);
    expect(isTrustedProxy('127.0.0.1', parseTrustedProxies('::ffff:127.0.0.0/104'))).toBe(true);
    expect(isTrustedProxy('::1', loopback)).toBe(true);
    expect(isTrustedProxy('not an address', loopback)).toBe(false);
  });
});

describe('clientAddress', () => {
  it('is the socket peer when the peer is not a trusted proxy, whatever the header says', () => {
    expect(clientAddress('203.0.113.9', '10.9.9.9', loopback)).toBe('203.0.113.9');
    expect(clientAddress('::ffff:203.0.113.9', '127.0.0.1', loopback)).toBe('203.0.113.9');
  });

  it('walks X-Forwarded-For from the right, past every trusted proxy, to the first other address', () => {
    // Caddy on loopback forwards the client it saw.
    expect(clientAddress('127.0.0.1', '198.51.100.4', loopback)).toBe('198.51.100.4');
    // Entries left of the first untrusted one were written by the client: ignored.
    expect(clientAddress('127.0.0.1', '10.9.9.9, 198.51.100.4', loopback)).toBe('198.51.100.4');
    // A load balancer in front of Caddy, both trusted.
    const chain = parseTrustedProxies('127.0.0.1,::1,10.0.0.0/8');
    expect(clientAddress('::1', '1.1.1.1, 198.51.100.4, 10.0.3.2', chain)).toBe('198.51.100.4');
    expect(clientAddress('::1', '2001:db8::42, 10.0.3.2', chain)).toBe('2001:db8::42');
  });

  it('is the peer when a trusted proxy sends no header, and the furthest hop when every hop is trusted', () => {
    expect(clientAddress('127.0.0.1', null, loopback)).toBe('127.0.0.1');
    expect(clientAddress('127.0.0.1', '::1, 127.0.0.1', loopback)).toBe('::1');
  });

  it('stops at an entry that is not an address, keeping the last proxy rather than the text', () => {
    expect(clientAddress('127.0.0.1', 'evil, 127.0.0.1', loopback)).toBe('127.0.0.1');
    expect(clientAddress('127.0.0.1', '198.51.100.4:5555', loopback)).toBe('127.0.0.1');
  });
});
