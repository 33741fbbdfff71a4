import type { IncomingMessage, ServerResponse } from 'node:http';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFeedSource } from '../../src/feeds/poll-source.ts';
import { backoffSeconds, FeedPoller, type FeedPollerOptions, hashSlot } from '../../src/feeds/poller.ts';
import { silentLogger } from '../../src/log.ts';
import { openStore } from '../../src/store/index.ts';
import type { FeedRecord, Store, StoredArticle } from '../../src/store/port.ts';
import { type LocalServer, startServer } from './server.ts';

function rss(items: { guid: string; title: string }[]): string {
  const body = items
    .map(
      (i) =>
        `<item><guid>${i.guid}</guid><title>${i.title}</title><description>&lt;p&gt;${i.title}. The council said it would spend $5 million on repairs.&lt;/p&gt;</description></item>`,
    )
    .join('');
  return `<?xml version="1.0"?><rss version="2.0"><channel><title>Local news</title>${body}</channel></rss>`;
}

describe('FeedPoller', () => {
  let store: Store;
  let server: LocalServer;
  let items = [{ guid: 'a', title: 'First story' }];
  let status = 200;
  let now = new Date('2026-01-01T00:00:00Z');
  const events: { articles: StoredArticle[]; primed: StoredArticle[]; disabled: string[] } = {
    articles: [],
    primed: [],
    disabled: [],
  };

  beforeEach(async () => {
    store = await openStore({ path: ':memory:' });
    items = [{ guid: 'a', title: 'First story' }];
    status = 200;
    now = new Date('2026-01-01T00:00:00Z');
    events.articles = [];
    events.primed = [];
    events.disabled = [];
    server = await startServer((req: IncomingMessage, res: ServerResponse) => {
      const body = rss(items);
      const etag = `"${items.length}"`;
      if (status !== 200) {
        res.writeHead(status);
        res.end('down');
      } else if (req.headers['if-none-match'] === etag) {
        res.writeHead(304);
        res.end();
      } else {
        res.writeHead(200, { 'content-type': 'application/rss+xml', etag });
        res.end(body);
      }
    });
  });

  afterEach(async () => {
    await store.close();
    await server.close();
  });

  function poller(overrides: Partial<FeedPollerOptions> = {}): FeedPoller {
    return new FeedPoller({
      store,
      source: createFeedSource({ maxBytes: 1 << 20 }),
      logger: silentLogger,
      intervalSeconds: 60,
      maxFailures: 3,
      concurrency: 4,
      perHostConcurrency: 2,
      now: () => now,
      onArticle: (a) => {
        events.articles.push(a);
      },
      onPrimed: (a) => {
        events.primed.push(...a);
      },
      onFeedDisabled: (f: FeedRecord) => {
        events.disabled.push(f.url);
      },
      ...overrides,
    });
  }

  const later = (seconds: number) => {
    now = new Date(now.getTime() + seconds * 1000);
  };

  it('given a new feed, then the first poll stores its items and posts none', async () => {
    const feed = await store.upsertFeed({ url: `${server.url}/feed`, global: true });
    await poller().tick();
    expect(events.primed.map((a) => a.title)).toEqual(['First story']);
    expect(events.articles).toEqual([]);
    const after = await store.getFeed(feed.id);
    expect(after?.primed).toBe(true);
    expect(after?.etag).toBe('"1"');
    expect(after?.name).toBe('Local news');
  });

  it('given an unchanged feed, then the conditional GET gets a 304 and nothing is written', async () => {
    const feed = await store.upsertFeed({ url: `${server.url}/feed`, global: true });
    const p = poller();
    await p.tick();
    later(61);
    await p.tick();
    expect(server.requests.at(-1)?.headers['if-none-match']).toBe('"1"');
    expect(events.articles).toEqual([]);
    expect(await store.articlesSeen({ feedIds: [feed.id], since: new Date(0) })).toHaveLength(1);
  });

  it('given a new item on a later poll, then it is announced once and never again', async () => {
    await store.upsertFeed({ url: `${server.url}/feed`, global: true });
    const p = poller();
    await p.tick();
    items = [{ guid: 'b', title: 'Second story' }, ...items];
    later(61);
    await p.tick();
    later(61);
    await p.tick();
    expect(events.articles.map((a) => a.title)).toEqual(['Second story']);
  });

  it('given a feed that is not due, then it is not fetched', async () => {
    await store.upsertFeed({ url: `${server.url}/feed`, global: true });
    const p = poller();
    await p.tick();
    later(10);
    await p.tick();
    expect(server.requests).toHaveLength(1);
  });

  it('given a failing feed, then it backs off and is disabled after the limit, with a notice', async () => {
    status = 500;
    const feed = await store.upsertFeed({ url: `${server.url}/feed`, global: true });
    const p = poller();
    for (let i = 0; i < 3; i++) {
      await p.tick();
      later(24 * 3600);
    }
    const after = await store.getFeed(feed.id);
    expect(after?.failures).toBe(3);
    expect(after?.disabled).toBe(true);
    expect(after?.lastError).toMatch(/500/);
    expect(events.disabled).toEqual([feed.url]);
    await p.tick();
    expect(server.requests).toHaveLength(3);
  });

  it('given a broken feed beside a good one, then only the broken one fails and stored data stays', async () => {
    const good = await store.upsertFeed({ url: `${server.url}/feed`, global: true });
    const broken = await store.upsertFeed({
      url: `${server.url.replace(/:\d+$/, ':9')}/nothing`,
      global: true,
    });
    await poller().tick();
    expect((await store.getFeed(good.id))?.failures).toBe(0);
    expect((await store.getFeed(broken.id))?.failures).toBe(1);
    expect(await store.articlesSeen({ feedIds: [good.id], since: new Date(0) })).toHaveLength(1);
  });

  it('given more due feeds than slots, then a running poller refills each freed slot without waiting for a tick', async () => {
    for (let i = 0; i < 6; i++) await store.upsertFeed({ url: `${server.url}/feed-${i}`, global: true });
    let inFlight = 0;
    let peak = 0;
    const p = poller({
      concurrency: 2,
      perHostConcurrency: 1,
      tickMs: 3_600_000,
      now: () => new Date(),
      onFetch: () => {
        inFlight--;
      },
    });
    const original = server.requests.push.bind(server.requests);
    server.requests.push = (...req) => {
      inFlight++;
      peak = Math.max(peak, inFlight);
      return original(...req);
    };
    p.start();
    const until = Date.now() + 20_000;
    while (server.requests.length < 6 && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
    await p.stop();
    expect(server.requests).toHaveLength(6);
    expect(peak).toBe(1);
  });

  it('given an untrusted (chat-added) feed on loopback, then the SSRF guard blocks it every poll', async () => {
    const feed = await store.upsertFeed({ url: `${server.url}/feed`, global: false });
    const results: string[] = [];
    await poller({ onFetch: (r) => results.push(r) }).tick();
    expect(results).toEqual(['blocked']);
    expect(server.requests).toHaveLength(0);
    expect((await store.getFeed(feed.id))?.lastError).toBeTruthy();
  });
});

describe('poll timing', () => {
  it('given a URL, then its slot is stable and inside the interval', () => {
    const slot = hashSlot('https://example.com/feed', 900);
    expect(slot).toBe(hashSlot('https://example.com/feed', 900));
    expect(slot).toBeGreaterThanOrEqual(0);
    expect(slot).toBeLessThan(900);
  });

  it('given repeated failures, then backoff doubles, honours Retry-After and is capped at a day', () => {
    const now = new Date(0);
    expect(backoffSeconds(60, 1, null, now)).toBe(60);
    expect(backoffSeconds(60, 3, null, now)).toBe(240);
    expect(backoffSeconds(60, 1, new Date(600_000), now)).toBe(600);
    expect(backoffSeconds(60, 30, null, now)).toBe(86_400);
  });
});
