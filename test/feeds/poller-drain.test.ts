import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFeedSource } from '../../src/feeds/poll-source.ts';
import { FeedPoller } from '../../src/feeds/poller.ts';
import { silentLogger } from '../../src/log.ts';
import { openStore } from '../../src/store/index.ts';
import type { Store } from '../../src/store/port.ts';
import { type LocalServer, startServer } from './server.ts';

const FEED = `<?xml version="1.0"?><rss version="2.0"><channel><title>Local</title><item><guid>a</guid><title>Harbour reopens</title><description>The port said 40 ships had docked.</description></item></channel></rss>`;

/** The first round must cover every feed, or the first briefing silently misses whatever the limits held back. */
describe('FeedPoller.drain', () => {
  let store: Store;
  let server: LocalServer;
  let requests: string[];

  beforeEach(async () => {
    store = await openStore({ path: ':memory:' });
    requests = [];
    server = await startServer((req, res) => {
      requests.push(req.url ?? '');
      res.writeHead(200, { 'content-type': 'application/rss+xml' });
      res.end(FEED);
    });
    for (let i = 0; i < 5; i++) await store.upsertFeed({ url: `${server.url}/feed-${i}`, global: true });
  });

  afterEach(async () => {
    await store.close();
    await server.close();
  });

  const poller = () =>
    new FeedPoller({
      store,
      source: createFeedSource({ maxBytes: 1 << 20 }),
      logger: silentLogger,
      intervalSeconds: 600,
      maxFailures: 3,
      concurrency: 2,
      perHostConcurrency: 1,
    });

  it('given five feeds on one host and a per-host limit of 1, then one tick polls one and drain polls all', async () => {
    const first = poller();
    await first.tick();
    expect(requests).toHaveLength(1);
    await first.drain();
    expect(requests.sort()).toEqual(['/feed-0', '/feed-1', '/feed-2', '/feed-3', '/feed-4']);
    // Nothing is due any more: another round fetches nothing.
    await first.drain();
    expect(requests).toHaveLength(5);
  });

  it('given a started poller, then its first round settles only once every feed was polled', async () => {
    const running = poller();
    running.start();
    try {
      await running.firstTick;
      expect(new Set(requests).size).toBe(5);
      expect((await store.listFeeds()).every((feed) => feed.lastPolledAt !== null)).toBe(true);
    } finally {
      await running.stop();
    }
  });
});
