import type { LookupAddress } from 'node:dns';
import { request } from 'undici';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ipLiteral, isPublicAddress } from '../../src/feeds/address-policy.ts';
import { FeedError } from '../../src/feeds/errors.ts';
import { fetchFeed } from '../../src/feeds/http-client.ts';
import { loadFeed } from '../../src/feeds/source.ts';
import { createGuardedAgent, type Resolver } from '../../src/feeds/ssrf-guard.ts';
import { type LocalServer, startServer } from './server.ts';

const RSS = '<rss version="2.0"><channel><title>Local</title></channel></rss>';
let server: LocalServer;

beforeEach(async () => {
  server = await startServer((_req, res) => res.writeHead(200).end(RSS));
});
afterEach(async () => {
  await server.close();
});

async function codeOf(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(FeedError);
  return (error as FeedError).code;
}

function resolverOf(...answers: string[][]): Resolver & { calls: number } {
  const resolver = ((_host, callback) => {
    const answer = answers[Math.min(resolver.calls, answers.length - 1)] ?? [];
    resolver.calls++;
    callback(
      null,
      answer.map((address): LookupAddress => ({ address, family: address.includes(':') ? 6 : 4 })),
    );
  }) as Resolver & { calls: number };
  resolver.calls = 0;
  return resolver;
}

describe('address policy', () => {
  it.each([
    '127.0.0.1',
    '10.0.0.1',
    '172.16.5.4',
    '192.168.1.1',
    '169.254.169.254',
    '100.64.0.1',
    '0.0.0.0',
    '224.0.0.1',
    '255.255.255.255',
    '::1',
    '::',
    'fe80::1',
    'fc00::1',
    '::ffff:127.0.0.1',
    '::ffff:8.8.8.8',
    '64:ff9b::7f00:1',
    '2002:7f00:1::1',
    'ff02::1',
    '192.0.2.1',
  ])('given %s then it is not public', (address) => {
    expect(isPublicAddress(address)).toBe(false);
  });

  it.each(['8.8.8.8', '93.184.216.34', '2606:4700:4700::1111'])('given %s then it is public', (address) => {
    expect(isPublicAddress(address)).toBe(true);
  });

  it.each([
    ['2130706433', '127.0.0.1'],
    ['0x7f000001', '127.0.0.1'],
    ['0x7f.1', '127.0.0.1'],
    ['127.1', '127.0.0.1'],
    ['0177.0.0.1', '127.0.0.1'],
    ['[::ffff:7f00:1]', '::ffff:7f00:1'],
  ])('given the spelling %s then it is read as %s', (host, address) => {
    expect(ipLiteral(host)).toBe(address);
  });
});

describe('SSRF guard on URLs from chat', () => {
  it.each([
    (port: number) => `http://127.0.0.1:${port}/`,
    (port: number) => `http://localhost:${port}/`,
    (port: number) => `http://2130706433:${port}/`,
    (port: number) => `http://0x7f000001:${port}/`,
    (port: number) => `http://0x7f.1:${port}/`,
    (port: number) => `http://127.1:${port}/`,
    (port: number) => `http://0177.0.0.1:${port}/`,
    (port: number) => `http://[::ffff:127.0.0.1]:${port}/`,
    (port: number) => `http://[::1]:${port}/`,
    (port: number) => `http://0.0.0.0:${port}/`,
    () => 'http://169.254.169.254/latest/meta-data/',
    () => 'http://100.64.0.1/',
    () => 'http://[fe80::1]/',
    () => 'http://224.0.0.1/',
  ])('given %s then it is refused before any request', async (build) => {
    const url = build(server.port);
    expect(await codeOf(fetchFeed(url, { trusted: false }))).toBe('blocked');
    expect(server.requests).toHaveLength(0);
  });

  it.each(['file:///etc/passwd', 'ftp://example.com/feed', 'gopher://example.com/'])(
    'given the non-http URL %s then it is refused',
    async (url) => {
      expect(await codeOf(fetchFeed(url, { trusted: false }))).toBe('blocked');
      expect(await codeOf(loadFeed(url, { trusted: false }))).toBe('blocked');
    },
  );

  it('given a local file path from chat then it is refused, while the operator may use it', async () => {
    expect(await codeOf(loadFeed('/etc/hostname', { trusted: false }))).toBe('blocked');
    expect(await codeOf(loadFeed('/no/such/file.xml', { trusted: true }))).toBe('file');
  });

  it('given a hostname that resolves to 10.0.0.1 then it is refused at connect time', async () => {
    const resolve = resolverOf(['10.0.0.1']);
    expect(await codeOf(fetchFeed('http://intranet.example/feed', { trusted: false, resolve }))).toBe(
      'blocked',
    );
    expect(resolve.calls).toBe(1);
  });

  it('given a hostname with one public and one private answer then it is refused', async () => {
    const resolve = resolverOf(['93.184.216.34', '127.0.0.1']);
    expect(await codeOf(fetchFeed('http://mixed.example/feed', { trusted: false, resolve }))).toBe('blocked');
  });

  it('given DNS that rebinds to a private address between polls then the next poll is refused', async () => {
    const resolve = resolverOf(['127.0.0.1'], ['10.0.0.1']);
    const url = `http://rebind.example:${server.port}/feed`;
    const options = { trusted: false, resolve, allowlist: [server.endpoint] };
    expect((await fetchFeed(url, options)).status).toBe('ok');
    expect(await codeOf(fetchFeed(url, options))).toBe('blocked');
    expect(resolve.calls).toBe(2);
    expect(server.requests).toHaveLength(1);
  });

  it('given an allowed host that redirects to 127.0.0.1 then the redirect is refused', async () => {
    const internal = await startServer((_req, res) => res.writeHead(200).end('internal secrets'));
    const front = await startServer((_req, res) =>
      res.writeHead(302, { location: `${internal.url}/admin` }).end(),
    );
    try {
      const result = fetchFeed(`${front.url}/feed`, { trusted: false, allowlist: [front.endpoint] });
      expect(await codeOf(result)).toBe('blocked');
      expect(front.requests).toHaveLength(1);
      expect(internal.requests).toHaveLength(0);
    } finally {
      await Promise.all([internal.close(), front.close()]);
    }
  });

  it('given a redirect to a hostname that resolves to a private address then that hop is refused', async () => {
    const front = await startServer((_req, res) =>
      res.writeHead(301, { location: 'http://metadata.internal.example/latest' }).end(),
    );
    try {
      const resolve = resolverOf(['169.254.169.254']);
      const result = fetchFeed(`${front.url}/feed`, { trusted: false, allowlist: [front.endpoint], resolve });
      expect(await codeOf(result)).toBe('blocked');
      expect(resolve.calls).toBe(1);
    } finally {
      await front.close();
    }
  });

  it('given an allowlist entry then only that exact ip:port is let through', async () => {
    const other = `127.0.0.1:${server.port === 65535 ? 1 : server.port + 1}`;
    const url = `${server.url}/feed`;
    expect(await codeOf(fetchFeed(url, { trusted: false, allowlist: [other] }))).toBe('blocked');
    expect((await fetchFeed(url, { trusted: false, allowlist: [server.endpoint] })).status).toBe('ok');
  });

  it('given a connection that reaches a private address anyway then the guarded agent drops the socket', async () => {
    const agent = createGuardedAgent();
    try {
      const error = await request(`${server.url}/feed`, { dispatcher: agent }).catch((e: unknown) => e);
      expect(error).toMatchObject({ code: 'blocked' });
      expect(server.requests).toHaveLength(0);
    } finally {
      await agent.close();
    }
  });
});
