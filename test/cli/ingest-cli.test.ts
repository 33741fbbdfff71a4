import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/index.ts';
import { type LocalServer, startServer } from '../feeds/server.ts';
import { ROOT, runCli } from '../helpers/cli.ts';

/** Runs the real CLI without blocking this process, so a server in this process can answer it. */
function runCliAsync(args: string[]): Promise<{ stdout: string; stderr: string; status: number }> {
  return new Promise((done) => {
    execFile(
      process.execPath,
      [resolve(ROOT, 'bin/briefwire.js'), ...args],
      { cwd: ROOT, env: { ...process.env, LOG_LEVEL: 'silent', NO_COLOR: '1' }, timeout: 90_000 },
      (error, stdout, stderr) => {
        const code = (error as { code?: unknown } | null)?.code;
        done({ stdout, stderr, status: typeof code === 'number' ? code : error ? -1 : 0 });
      },
    );
  });
}

const LONG_TEXT =
  'The harbour council approved 4.5 million euros for a new electric ferry on Tuesday, the mayor said. ' +
  'The vote passed 7 to 2 after a long debate about the cost, the route and the timetable for the crossing. ' +
  'Construction starts in March and the ferry is due to sail by the end of next year, according to the ' +
  "council's transport office, which expects about 110,000 trips a year on the new route.";

function rssFile(dir: string): string {
  const path = join(dir, 'harbour.xml');
  writeFileSync(
    path,
    `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>
<title>Harbour Gazette</title><link>https://harbour.example/</link><description>local news</description>
<item><guid>hg-1</guid><title>Council funds the ferry</title><link>https://harbour.example/ferry</link>
<content:encoded><![CDATA[<p>${LONG_TEXT}</p><p>"This ferry will carry 300 passengers a day," said Mayor Anna Berg.</p>]]></content:encoded></item>
<item><guid>hg-2</guid><title>Pier reopens</title><link>https://harbour.example/pier</link>
<description><![CDATA[<p>${LONG_TEXT.replace('ferry', 'pier')}</p><p>${LONG_TEXT}</p>]]></description></item>
</channel></rss>`,
  );
  return path;
}

const PAGE_TEXT =
  'The valley line reopened on Monday after eleven weeks of repairs to the viaduct, the operator said. ' +
  '"Passengers can travel again from today," said Lena Holt, the line manager, adding that 42 trains a day ' +
  'will run on the route. The repairs cost 12 million euros, paid by the region and the national rail ' +
  'agency, and engineers replaced 140 metres of track and two of the arches that the spring floods had ' +
  'damaged. Local shops, which lost visitors during the closure, welcomed the news.';

let server: LocalServer;
let served = 0;

beforeAll(async () => {
  server = await startServer((req, res) => {
    served++;
    const base = `http://127.0.0.1:${server.port}`;
    if (req.url === '/feed.json') {
      res.writeHead(200, { 'content-type': 'application/feed+json', etag: '"v1"' });
      res.end(
        JSON.stringify({
          version: 'https://jsonfeed.org/version/1.1',
          title: 'Valley Rail News',
          items: [
            // A teaser: the poller's path fetches the page for the full text.
            { id: 'vr-1', url: `${base}/story`, title: 'Valley line reopens', summary: 'Trains run again.' },
          ],
        }),
      );
    } else if (req.url === '/story') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(
        `<!doctype html><html><head><title>Valley line reopens</title></head><body><nav>Home</nav><article><h1>Valley line reopens</h1><p>${PAGE_TEXT}</p><p>${PAGE_TEXT}</p></article></body></html>`,
      );
    } else if (req.url === '/broken.xml') {
      res.writeHead(200, { 'content-type': 'application/rss+xml' });
      res.end('<rss version="2.0"><channel><title>Broken</title><item><title>oops</item></channel></rss>');
    } else if (req.url === '/bomb.xml') {
      res.writeHead(200, { 'content-type': 'application/rss+xml' });
      res.end(
        '<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;">]><rss version="2.0"><channel><title>&b;</title></channel></rss>',
      );
    } else {
      res.writeHead(404).end();
    }
  });
});

afterAll(() => server.close());

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'bw-ingest-'));
}

describe('briefwire ingest', { timeout: 180_000 }, () => {
  it('given the seed article, then it is stored once and the terminal chat can query it', () => {
    const db = join(tempDir(), 'bw.db');
    const first = runCli(['ingest', 'test/fixtures/seed.txt', '--db', db]);
    expect(first.status).toBe(0);
    expect(first.stdout).toMatch(/^new: #\d+ "Russian Claim/);
    expect(first.stdout).toMatch(
      /\ndone: 0 feeds \(0 items, 0 new, 0 updated\), 1 article, 0 failed, [\d.]+ s\n$/,
    );
    const again = runCli(['ingest', 'test/fixtures/seed.txt', '--db', db]);
    expect(again.stdout).toMatch(/^already stored/);

    const chat = runCli(['chat', '--db', db], { input: '/who-said zelensky\n/exit\n', timeoutMs: 90_000 });
    expect(chat.status).toBe(0);
    expect(chat.stdout).toContain("“We don't see any army retreat yet” — Volodymyr Zelensky");
  });

  it('given a feed ingested by hand, then it is global: the chat finds its quotes', () => {
    const dir = tempDir();
    const db = join(dir, 'bw.db');
    expect(runCli(['ingest', rssFile(dir), '--db', db]).status).toBe(0);
    const chat = runCli(['chat', '--db', db], { input: '/who-said Berg\n/exit\n', timeoutMs: 90_000 });
    expect(chat.status).toBe(0);
    expect(chat.stdout).toMatch(
      /== Who said: Anna Berg ==\n {2}“This ferry will carry 300 passengers a day” — Anna Berg/,
    );
  });

  it('given a missing file, then a failed line, the summary, and exit 1', () => {
    const { status, stdout, stderr } = runCli([
      'ingest',
      'nope/missing.txt',
      '--db',
      join(tempDir(), 'x.db'),
    ]);
    expect(status).toBe(1);
    expect(stdout.split('\n')[0]).toBe('failed nope/missing.txt: no such file');
    expect(stdout).toMatch(/\ndone: 0 feeds .*, 0 articles, 1 failed, /);
    expect(stderr.trim()).toBe('briefwire ingest: 1 of 1 source failed');
  });

  it('given feeds, an article page and bad sources, then each gets its line, the good ones are stored, exit 1', async () => {
    const dir = tempDir();
    const db = join(dir, 'bw.db');
    const file = rssFile(dir);
    const base = server.url;
    const sources = [file, `${base}/feed.json`, `${base}/broken.xml`, `${base}/bomb.xml`, `${base}/story`];
    const run = await runCliAsync(['ingest', ...sources, `${base}/gone.xml`, '--db', db]);
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(7);
    expect(lines[0]).toMatch(/^ingested Harbour Gazette: 2 items, 2 new, 0 updated, \d+ ms$/);
    expect(lines[1]).toMatch(/^ingested Valley Rail News: 1 item, 1 new, 0 updated, \d+ ms$/);
    expect(lines[2]).toMatch(new RegExp(`^failed ${base}/broken\\.xml: malformed XML: .+`));
    expect(lines[3]).toMatch(new RegExp(`^failed ${base}/bomb\\.xml: .*declares XML entities`));
    expect(lines[4]).toMatch(
      /^new: #\d+ "Valley line reopens" \(\d+ claims, \d+ figures, [1-9]\d* quotes\)$/,
    );
    expect(lines[5]).toBe(`failed ${base}/gone.xml: HTTP 404`);
    expect(lines[6]).toMatch(/^done: 2 feeds \(3 items, 3 new, 0 updated\), 1 article, 3 failed, [\d.]+ s$/);
    expect(run.stderr).toContain('briefwire ingest: 3 of 6 sources failed');
    expect(run.status).toBe(1);

    const store = await openStore({ path: db });
    try {
      const harbour = await store.getFeedByUrl(file);
      expect(harbour).toMatchObject({ global: true, primed: true, name: 'Harbour Gazette', failures: 0 });
      const rail = await store.getFeedByUrl(`${base}/feed.json`);
      expect(rail).toMatchObject({ global: true, primed: true, etag: '"v1"' });
      const known = await store.knownItemKeys(harbour?.id ?? -1, ['guid:hg-1', 'guid:hg-2', 'guid:hg-3']);
      expect([...known].sort()).toEqual(['guid:hg-1', 'guid:hg-2']);
      const articles = await store.articlesSeen({ since: new Date(0), feedIds: [rail?.id ?? -1] });
      expect(articles).toHaveLength(1);
      // The teaser was replaced by the page's text, through the same full-text path the poller uses.
      expect(articles[0]?.text).toContain('eleven weeks of repairs');
      expect(articles[0]?.extraction.quotes.length).toBeGreaterThan(0);
      const ferry = await store.articlesSeen({ since: new Date(0), feedIds: [harbour?.id ?? -1] });
      expect(ferry.map((a) => a.title).sort()).toEqual(['Council funds the ferry', 'Pier reopens']);
    } finally {
      await store.close();
    }

    // A second run stores nothing twice.
    const before = served;
    const again = await runCliAsync(['ingest', file, `${base}/feed.json`, '--db', db]);
    expect(again.status).toBe(0);
    expect(again.stdout).toMatch(/^ingested Harbour Gazette: 2 items, 0 new, 0 updated, \d+ ms\n/);
    expect(again.stdout).toMatch(/\ningested Valley Rail News: 1 item, 0 new, 0 updated, \d+ ms\n/);
    expect(again.stdout).toMatch(/\ndone: 2 feeds \(3 items, 0 new, 0 updated\), 0 articles, 0 failed, /);
    // Known items are not fetched again: one request, for the feed itself.
    expect(served - before).toBe(1);
  });

  it('given a feed file edited between two ingests, then the second run reports 1 updated and stores the edit', async () => {
    const dir = tempDir();
    const db = join(dir, 'bw.db');
    const file = rssFile(dir);
    const first = await runCliAsync(['ingest', file, '--db', db]);
    expect(first.stdout).toMatch(/^ingested Harbour Gazette: 2 items, 2 new, 0 updated, \d+ ms\n/);
    const added = '<p>"The second ferry follows in 2028," said Lena Holt, the harbour master.</p>';
    writeFileSync(
      file,
      readFileSync(file, 'utf8').replace(']]></content:encoded>', `${added}]]></content:encoded>`),
    );
    const second = await runCliAsync(['ingest', file, '--db', db]);
    expect(second.status).toBe(0);
    expect(second.stdout).toMatch(/^ingested Harbour Gazette: 2 items, 0 new, 1 updated, \d+ ms\n/);
    expect(second.stdout).toMatch(/\ndone: 1 feed \(2 items, 0 new, 1 updated\), 0 articles, 0 failed, /);
    const third = await runCliAsync(['ingest', file, '--db', db]);
    expect(third.stdout).toMatch(/^ingested Harbour Gazette: 2 items, 0 new, 0 updated, \d+ ms\n/);

    const store = await openStore({ path: db });
    try {
      const feed = await store.getFeedByUrl(file);
      const articles = await store.articlesSeen({ since: new Date(0), feedIds: [feed?.id ?? -1] });
      expect(articles.map((a) => a.title).sort()).toEqual(['Council funds the ferry', 'Pier reopens']);
      const ferry = articles.find((a) => a.title === 'Council funds the ferry');
      expect((await store.articleRevisions(ferry?.id ?? -1)).map((r) => r.changed)).toEqual([['text']]);
      expect(ferry?.extraction.quotes.map((q) => q.speaker)).toContain('Lena Holt');
    } finally {
      await store.close();
    }
  });

  it('given a feed on standard input, then it is refused (nothing to poll it from) and exit 1', () => {
    const dir = tempDir();
    const feed = readFileSync(rssFile(dir));
    const { status, stdout } = runCli(['ingest', '-', '--db', join(dir, 'bw.db')], { input: feed });
    expect(status).toBe(1);
    expect(stdout.split('\n')[0]).toBe(
      'failed -: a feed cannot come from standard input: name its file or URL instead',
    );
  });

  it('given no source, then the usage and exit 2', () => {
    const { status, stderr } = runCli(['ingest']);
    expect(status).toBe(2);
    expect(stderr).toContain('usage: briefwire ingest <url|file|->...');
  });
});
