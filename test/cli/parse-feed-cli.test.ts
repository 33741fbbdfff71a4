import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { fixturePath } from '../feeds/helpers.ts';
import { runCli } from '../helpers/cli.ts';

describe('briefwire parse-feed', () => {
  it('given an RSS file and --json then it prints the contract shape with plain titles', () => {
    const { stdout, status } = runCli(['parse-feed', fixturePath('cdata-entities.rss'), '--json']);
    expect(status).toBe(0);
    const out = JSON.parse(stdout);
    expect(Object.keys(out)).toEqual(['title', 'items']);
    expect(out.title).toBe('Harbour & Hill Gazette');
    expect(Object.keys(out.items[0])).toEqual(['id', 'title', 'link', 'published', 'summary']);
    expect(out.items[0]).toMatchObject({
      id: 'guid:gazette-1001',
      title: 'Council backs "café" plan',
      link: 'https://gazette.example/news/cafe-plan?utm_source=rss&utm_medium=feed',
      published: '2025-03-04T09:30:00.000Z',
    });
    expect(out.items[1].published).toBeNull();
  });

  it('given a gzip-compressed feed file then it is inflated and parsed', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bw-cli-'));
    const file = join(dir, 'feed.xml.gz');
    writeFileSync(
      file,
      gzipSync(
        '<rss version="2.0"><channel><title>Gz</title><item><title>One</title></item></channel></rss>',
      ),
    );
    const { stdout, status } = runCli(['parse-feed', file, '--json']);
    expect(status).toBe(0);
    expect(JSON.parse(stdout).items[0].title).toBe('One');
  });

  it('given an http URL then the operator-trusted fetch reaches a local server and parses the feed', async () => {
    // runCli blocks this process, so the server runs in a child process of its own.
    const script = `require('node:http').createServer((req, res) => {
      res.writeHead(req.url === '/feed' ? 200 : 404, { 'content-type': 'application/rss+xml' });
      res.end('<rss version="2.0"><channel><title>Served</title><item><title>Over HTTP</title><link>/a</link></item></channel></rss>');
    }).listen(0, '127.0.0.1', function () { console.log(this.address().port); });`;
    const server = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
    try {
      const [chunk] = (await once(server.stdout, 'data')) as [Buffer];
      const base = `http://127.0.0.1:${chunk.toString().trim()}`;
      const ok = runCli(['parse-feed', `${base}/feed`, '--json']);
      expect(ok.status).toBe(0);
      expect(JSON.parse(ok.stdout).items[0]).toMatchObject({ title: 'Over HTTP', link: `${base}/a` });
      const missing = runCli(['parse-feed', `${base}/missing`]);
      expect(missing.status).toBe(1);
      expect(missing.stderr).toBe(`briefwire parse-feed: ${base}/missing: HTTP 404\n`);
    } finally {
      server.kill();
    }
  });

  it('given no --json then it prints a readable list', () => {
    const { stdout, status } = runCli(['parse-feed', fixturePath('rdf.rdf')]);
    expect(status).toBe(0);
    expect(stdout).toContain('Journal of Small Results: 2 items');
    expect(stdout).toContain('- Moss grows 3% faster in shade');
  });

  it.each([
    ['billion-laughs.xml', /entities/],
    ['malformed.xml', /^briefwire parse-feed: .*malformed XML: /],
    ['not-a-feed.json', /not a JSON Feed/],
    ['page.html', /HTML page, not a feed/],
  ])('given %s then it exits 1 with one line on stderr and no stack', (name, pattern) => {
    const { stdout, stderr, status } = runCli(['parse-feed', fixturePath(name), '--json']);
    expect(status).toBe(1);
    expect(stdout).toBe('');
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toMatch(pattern);
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it('given a missing file then it says so in one line', () => {
    const { stderr, status } = runCli(['parse-feed', 'no/such/feed.xml']);
    expect(status).toBe(1);
    expect(stderr).toBe('briefwire parse-feed: no/such/feed.xml: no such file\n');
  });

  it('given no argument then it prints usage and exits 2', () => {
    const { stderr, status } = runCli(['parse-feed']);
    expect(status).toBe(2);
    expect(stderr).toContain('usage: briefwire parse-feed <file|url> [--json]');
  });
});
