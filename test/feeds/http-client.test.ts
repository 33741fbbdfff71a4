import { brotliCompressSync, deflateRawSync, deflateSync, gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { FeedError } from '../../src/feeds/errors.ts';
import { fetchFeed } from '../../src/feeds/http-client.ts';
import { USER_AGENT } from '../../src/feeds/http-headers.ts';
import { type LocalServer, startServer } from './server.ts';

const RSS = '<rss version="2.0"><channel><title>Local</title></channel></rss>';
let server: LocalServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function fetchLocal(path: string, options: Partial<Parameters<typeof fetchFeed>[1]> = {}) {
  if (!server) throw new Error('no server');
  return fetchFeed(`${server.url}${path}`, { trusted: false, allowlist: [server.endpoint], ...options });
}

async function failure(promise: Promise<unknown>): Promise<FeedError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(FeedError);
  return error as FeedError;
}

describe('fetchFeed', () => {
  it('given a feed then it identifies itself and returns body, validators and max-age', async () => {
    server = await startServer((_req, res) => {
      res.writeHead(200, {
        'content-type': 'application/rss+xml; charset=utf-8',
        etag: 'W/"v1"',
        'last-modified': 'Tue, 04 Mar 2025 09:30:00 GMT',
        'cache-control': 'public, max-age=600',
      });
      res.end(RSS);
    });
    const result = await fetchLocal('/feed');
    expect(server.requests[0]?.headers['user-agent']).toBe(USER_AGENT);
    expect(USER_AGENT).toMatch(
      /^briefwire\/\d+\.\d+\.\d+ \(\+https:\/\/github\.com\/briefwire\/briefwire\)$/,
    );
    expect(result).toMatchObject({
      status: 'ok',
      etag: 'W/"v1"',
      lastModified: 'Tue, 04 Mar 2025 09:30:00 GMT',
      maxAge: 600,
      contentType: 'application/rss+xml; charset=utf-8',
    });
    expect(result.status === 'ok' && result.body.toString()).toBe(RSS);
  });

  it('given stored validators then they are sent back exactly and a 304 reads as not modified', async () => {
    server = await startServer((req, res) => {
      const fresh = req.headers['if-none-match'] === 'W/"v1"';
      res.writeHead(fresh ? 304 : 200);
      res.end(fresh ? undefined : RSS);
    });
    const result = await fetchLocal('/feed', {
      etag: 'W/"v1"',
      lastModified: 'Tue, 04 Mar 2025 09:30:00 GMT',
    });
    expect(server.requests[0]?.headers['if-none-match']).toBe('W/"v1"');
    expect(server.requests[0]?.headers['if-modified-since']).toBe('Tue, 04 Mar 2025 09:30:00 GMT');
    expect(result).toMatchObject({ status: 'not-modified', etag: 'W/"v1"' });
  });

  it('given three redirects then the final URL is fetched', async () => {
    server = await startServer((req, res) => {
      const n = Number(req.url?.slice(1));
      if (n < 3) res.writeHead(302, { location: `/${n + 1}` }).end();
      else res.writeHead(200).end(RSS);
    });
    const result = await fetchLocal('/0');
    expect(result).toMatchObject({ status: 'ok', url: `${server.url}/3` });
  });

  it('given more than five redirects then it gives up', async () => {
    server = await startServer((req, res) => {
      res.writeHead(301, { location: `/${Number(req.url?.slice(1)) + 1}` }).end();
    });
    expect((await failure(fetchLocal('/0'))).code).toBe('too-many-redirects');
    expect(server.requests).toHaveLength(6);
  });

  it('given a slow-loris body then the deadline stops it', async () => {
    server = await startServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/rss+xml' });
      res.write('<');
      const timer = setInterval(() => res.write(' '), 100);
      res.on('close', () => clearInterval(timer));
    });
    expect((await failure(fetchLocal('/slow', { deadlineMs: 400 }))).code).toBe('timeout');
  });

  it('given a Content-Length over the cap then it is refused without reading the body', async () => {
    server = await startServer((_req, res) => {
      res.writeHead(200, { 'content-length': String(50 * 1024 * 1024) });
      res.write(Buffer.alloc(1024));
    });
    expect((await failure(fetchLocal('/big'))).code).toBe('too-large');
  });

  it('given a 50 MiB chunked body then it is refused at the default 10 MiB cap', async () => {
    let sent = 0;
    server = await startServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/xml' });
      const chunk = Buffer.alloc(1024 * 1024, 0x20);
      const pump = () => {
        while (sent < 50 && res.write(chunk)) sent++;
        if (sent >= 50) res.end();
      };
      res.on('drain', pump);
      res.on('close', () => res.off('drain', pump));
      pump();
    });
    expect((await failure(fetchLocal('/huge'))).code).toBe('too-large');
    expect(sent).toBeLessThan(50);
  });

  it('given a small gzip body that inflates to 32 MiB then it is cut off at the 1 MiB cap', async () => {
    const bomb = gzipSync(Buffer.alloc(32 * 1024 * 1024, 0x20), { level: 9 });
    expect(bomb.length).toBeLessThan(64 * 1024);
    server = await startServer((_req, res) => {
      res.writeHead(200, { 'content-encoding': 'gzip' });
      res.end(bomb);
    });
    const error = await failure(fetchLocal('/bomb', { maxBytes: 1024 * 1024 }));
    expect(error.code).toBe('too-large');
  });

  it.each([
    ['gzip', gzipSync],
    ['deflate', deflateSync],
    ['br', brotliCompressSync],
    ['deflate', deflateRawSync],
  ] as const)('given a %s-encoded body then it is decoded', async (encoding, compress) => {
    server = await startServer((req, res) => {
      expect(req.headers['accept-encoding']).toContain(encoding);
      res.writeHead(200, { 'content-encoding': encoding });
      res.end(compress(Buffer.from(RSS)));
    });
    const result = await fetchLocal('/z');
    expect(result.status === 'ok' && result.body.toString()).toBe(RSS);
  });

  it('given a 429 with Retry-After in seconds then the error says when to come back', async () => {
    server = await startServer((_req, res) => res.writeHead(429, { 'retry-after': '120' }).end());
    const now = Date.parse('2025-03-04T09:00:00Z');
    const error = await failure(fetchLocal('/limited', { now: () => now }));
    expect(error).toMatchObject({ code: 'http-status', status: 429 });
    expect(error.retryAfter?.toISOString()).toBe('2025-03-04T09:02:00.000Z');
  });

  it('given a 503 with Retry-After as an HTTP date then that date is returned', async () => {
    server = await startServer((_req, res) =>
      res.writeHead(503, { 'retry-after': 'Wed, 05 Mar 2025 10:00:00 GMT' }).end(),
    );
    const error = await failure(fetchLocal('/down', { now: () => Date.parse('2025-03-04T09:00:00Z') }));
    expect(error).toMatchObject({ code: 'http-status', status: 503 });
    expect(error.retryAfter?.toISOString()).toBe('2025-03-05T10:00:00.000Z');
  });

  it('given a 404 then the error carries the status and no retry time', async () => {
    server = await startServer((_req, res) => res.writeHead(404, { 'retry-after': '60' }).end('gone'));
    expect(await failure(fetchLocal('/missing'))).toMatchObject({
      code: 'http-status',
      status: 404,
      retryAfter: null,
    });
  });

  it('given a trusted URL then loopback is reachable without an allowlist', async () => {
    server = await startServer((_req, res) => res.writeHead(200).end(RSS));
    const result = await fetchFeed(`${server.url}/feed`, { trusted: true });
    expect(result.status).toBe('ok');
  });

  it('given an aborted signal then the fetch stops with aborted', async () => {
    server = await startServer(() => undefined);
    const controller = new AbortController();
    const pending = fetchLocal('/hang', { signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    expect((await failure(pending)).code).toBe('aborted');
  });
});
