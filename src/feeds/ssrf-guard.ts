import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import type { Socket } from 'node:net';
import { Agent, buildConnector } from 'undici';
import { endpointKey, ipLiteral, isPublicAddress, normaliseAllowlist } from './address-policy.ts';
import { FeedError } from './errors.ts';

/** A resolver with the shape of `dns.lookup(host, { all: true }, cb)`; tests inject one to fake DNS. */
export type Resolver = (
  hostname: string,
  callback: (error: NodeJS.ErrnoException | null, addresses: LookupAddress[]) => void,
) => void;

/** Options only the operator's code and tests can set; no chat path ever fills them. */
export interface GuardOptions {
  /** Exact `ip:port` endpoints allowed despite the policy (tests with a 127.0.0.1 server). */
  allowlist?: readonly string[];
  /** DNS resolver, replaceable in tests (DNS rebinding). */
  resolve?: Resolver;
}

const systemResolve: Resolver = (hostname, callback) =>
  dnsLookup(hostname, { all: true, verbatim: true }, (error, addresses) => callback(error, addresses ?? []));

function blocked(host: string, address: string): FeedError {
  return new FeedError('blocked', `${host} resolves to ${address}, a non-public address; refused`);
}

/**
 * Checks a URL before any connection: http(s) only, no credentials, and an IP-literal host (in any spelling)
 * must be public unless its exact `ip:port` is allowlisted. Names are checked again when they resolve.
 */
export function checkUntrustedUrl(url: URL, allowlist: Set<string>): void {
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new FeedError('blocked', `only http(s) URLs can be added, not ${url.protocol}`);
  if (url.username || url.password) throw new FeedError('blocked', 'URLs with credentials are refused');
  const literal = ipLiteral(url.hostname);
  if (literal === null) {
    if (/^localhost$|\.localhost$/i.test(url.hostname.replace(/\.$/, '')))
      throw new FeedError('blocked', `${url.hostname} is a local address; refused`);
    return;
  }
  const port = url.port || (url.protocol === 'https:' ? '443' : '80');
  if (!isPublicAddress(literal) && !allowlist.has(endpointKey(literal, port)))
    throw new FeedError('blocked', `${url.hostname} is a non-public address; refused`);
}

/**
 * An undici Agent whose every connection is checked on the address actually used: resolved names are
 * screened before connecting (so rebinding to an internal address fails), and the connected socket's remote
 * address is checked again (covers IP literals and anything the resolver did not see).
 */
export function createGuardedAgent(options: GuardOptions = {}): Agent {
  const allowlist = normaliseAllowlist(options.allowlist);
  const resolve = options.resolve ?? systemResolve;
  const allowed = (address: string, port: number | string) =>
    isPublicAddress(address) || allowlist.has(endpointKey(address, port));
  // The resolver does not know the port; the exact ip:port is enforced on the connected socket below.
  const allowedHosts = new Set([...allowlist].map((entry) => entry.replace(/:\d+$/, '')));
  const resolvable = (address: string) =>
    isPublicAddress(address) || allowedHosts.has(endpointKey(address, 0).replace(/:0$/, ''));
  const lookup = (
    hostname: string,
    lookupOptions: { all?: boolean },
    callback: (error: Error | null, address: string | LookupAddress[], family?: number) => void,
  ) => {
    resolve(hostname, (error, addresses) => {
      if (error) return callback(error, []);
      if (addresses.length === 0)
        return callback(new FeedError('network', `${hostname} did not resolve`), []);
      const bad = addresses.find((entry) => !resolvable(entry.address));
      if (bad) return callback(blocked(hostname, bad.address), []);
      if (lookupOptions.all) return callback(null, addresses);
      const first = addresses[0] as LookupAddress;
      callback(null, first.address, first.family);
    });
  };
  const connect = buildConnector({ lookup } as never);
  return new Agent({
    connect: (connectOptions, callback) => {
      const port = Number(connectOptions.port) || (connectOptions.protocol === 'https:' ? 443 : 80);
      connect(connectOptions, (error, socket) => {
        if (error || !socket) return callback(error ?? new Error('no socket'), null);
        const remote = (socket as Socket).remoteAddress;
        if (!remote || !allowed(remote, port)) {
          socket.destroy();
          return callback(blocked(connectOptions.hostname, remote ?? 'an unknown address'), null);
        }
        callback(null, socket);
      });
    },
  });
}
