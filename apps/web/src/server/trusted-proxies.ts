import ipaddr from 'ipaddr.js';

/** One address or network whose forwarding headers are believed: an address and its prefix length. */
export type ProxyRange = [ipaddr.IPv4 | ipaddr.IPv6, number];

/** What TRUSTED_PROXIES means when it is not set: the loopback addresses Caddy connects from. */
export const defaultTrustedProxies = '127.0.0.1,::1';

/**
 * Parses TRUSTED_PROXIES: comma-separated IPv4 or IPv6 addresses and CIDR ranges
 * (`10.0.0.0/8`, `fd00::/8`). Throws naming the first entry that is neither.
 */
export function parseTrustedProxies(list: string): ProxyRange[] {
  return list
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean)
    .map((entry) => {
      let range: ProxyRange;
      if (entry.includes('/')) {
        if (!ipaddr.IPv4.isValidCIDRFourPartDecimal(entry) && !ipaddr.IPv6.isValidCIDR(entry))
          throw new Error(`"${entry}" is not an IP address or CIDR range`);
        range = ipaddr.parseCIDR(entry);
      } else {
        if (!isAddress(entry)) throw new Error(`"${entry}" is not an IP address or CIDR range`);
        const address = ipaddr.parse(entry);
        range = [address, address.kind() === 'ipv4' ? 32 : 128];
      }
      return asIpv4Range(range);
    });
}

/**
 * The address of the client, from the socket peer and the X-Forwarded-For chain,
 * by the usual right-to-left walk: each hop that is a trusted proxy vouches for the
 * entry to its left; the first one that is not a trusted proxy is the client. A
 * peer that is not a trusted proxy is the client itself, whatever the header says.
 */
export function clientAddress(peer: string, forwardedFor: string | null, trusted: ProxyRange[]): string {
  let client = normalizeAddress(peer) ?? peer;
  if (!isTrustedProxy(client, trusted)) return client;
  const hops = (forwardedFor ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean)
    .reverse();
  for (const hop of hops) {
    // A hop that is not an address ends what the proxies vouch for; the last
    // proxy stands for the client rather than text a client may have written.
    const address = normalizeAddress(hop);
    if (!address) return client;
    client = address;
    if (!isTrustedProxy(address, trusted)) return address;
  }
  return client;
}

/** True when the address falls in one of the trusted ranges (IPv4-mapped IPv6 counts as IPv4). */
export function isTrustedProxy(address: string, trusted: ProxyRange[]): boolean {
  if (!isAddress(address)) return false;
  const parsed = ipaddr.process(address);
  return trusted.some(([network, bits]) => network.kind() === parsed.kind() && parsed.match(network, bits));
}

/**
 * The address as Connect records it: IPv4-mapped IPv6 (`::ffff:203.0.113.7`, how a
 * dual-stack socket reports IPv4 clients) as plain IPv4; null when it is not an address.
 */
export function normalizeAddress(address: string): string | null {
  if (!isAddress(address)) return null;
  return ipaddr.process(address).toString();
}

// Only the dotted four-part form for IPv4: ipaddr.js also reads `127.1` or hex
// octets, which no proxy writes and a reader would not recognise.
function isAddress(text: string): boolean {
  return ipaddr.IPv4.isValidFourPartDecimal(text) || ipaddr.IPv6.isValid(text);
}

function asIpv4Range([network, bits]: ProxyRange): ProxyRange {
  if (network.kind() === 'ipv6' && (network as ipaddr.IPv6).isIPv4MappedAddress() && bits >= 96) {
    return [(network as ipaddr.IPv6).toIPv4Address(), bits - 96];
  }
  return [network, bits];
}
