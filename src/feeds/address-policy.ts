import { isIP } from 'node:net';
import ipaddr from 'ipaddr.js';

/**
 * Whether an IP address may be reached from a URL someone typed in chat: only public unicast addresses.
 * Loopback, private, link-local, CGNAT, multicast, unspecified, broadcast, reserved, documentation and every
 * IPv6 form that embeds an IPv4 address (v4-mapped, v4-translated, NAT64, 6to4, Teredo) are refused.
 */
export function isPublicAddress(address: string): boolean {
  const bare = address.replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  if (!isIP(bare)) return false;
  const parsed = ipaddr.parse(bare);
  return parsed.range() === 'unicast';
}

/**
 * Parses a host as an IP literal in any spelling a resolver or URL parser accepts (decimal `2130706433`,
 * hex `0x7f.1`, short `127.1`, octal `0177.0.0.1`, bracketed IPv6); null when it is a name, not an address.
 */
export function ipLiteral(host: string): string | null {
  const bare = host.replace(/^\[|\]$/g, '').replace(/\.$/, '');
  if (isIP(bare)) return ipaddr.parse(bare).toString();
  if (/^[0-9a-fx.]+$/i.test(bare) && ipaddr.IPv4.isValid(bare)) {
    try {
      return ipaddr.IPv4.parse(bare).toString();
    } catch {
      return null;
    }
  }
  return null;
}

/** `ip:port` in one canonical spelling, for comparing with an allowlist (`[::1]:80`, `127.0.0.1:8080`). */
export function endpointKey(address: string, port: number | string): string {
  const bare = address.replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  if (!isIP(bare)) return `${bare.toLowerCase()}:${port}`;
  const canonical = ipaddr.process(bare).toString();
  return isIP(canonical) === 6 ? `[${canonical}]:${port}` : `${canonical}:${port}`;
}

/** Normalises allowlist entries (`127.0.0.1:8080`, `[::1]:8080`) to the form `endpointKey` produces. */
export function normaliseAllowlist(entries: readonly string[] | undefined): Set<string> {
  const set = new Set<string>();
  for (const entry of entries ?? []) {
    const match = /^\[?([^\]]+?)\]?:(\d+)$/.exec(entry.trim());
    if (match) set.add(endpointKey(match[1] as string, match[2] as string));
  }
  return set;
}
