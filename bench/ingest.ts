import Parser from 'rss-parser';
import { DEFAULT_MAX_BYTES } from '../src/feeds/decode.ts';
import { needsFullText } from '../src/feeds/full-text.ts';
import { itemKeys } from '../src/feeds/item-keys.ts';
import { parseFeed } from '../src/feeds/parse-feed.ts';
import { createFeedSource, parseFetchedFeed } from '../src/feeds/poll-source.ts';
import { FeedPoller, type FeedSource } from '../src/feeds/poller.ts';
import { createLogger } from '../src/log.ts';
import { type FeedRecord, openStore, type Store } from '../src/store/index.ts';
import { emptyExtraction, generateNewsRss } from './generate.ts';
import type { BenchResult } from './measure.ts';
import { storedItems } from './stored-items.ts';

const FEEDS = 20;
const ITEMS = 20;
/** Rounds of 20 polls timed per case: the first-poll case writes 400 articles a round. */
const FIRST_POLL_ROUNDS = 40;
const LATER_POLL_ROUNDS = 80;
/**
 * Articles already stored when a case starts (a thousand other feeds' 20 items): indexes and lookups work at
 * the depth of a store in use, not of an empty one.
 */
const PREFILL_FEEDS = 1000;

/** An in-memory store holding PREFILL_FEEDS feeds' articles, written as polls write them. */
async function prefilledStore(): Promise<Store> {
  const store = await openStore({ path: ':memory:' });
  for (let f = 0; f < PREFILL_FEEDS; f++) {
    const feed = await store.upsertFeed({ url: `https://other.example/${f}`, global: true });
    await store.upsertArticles(await storedItems(feed.id, Buffer.from(generateNewsRss(1000 + f, 0, ITEMS))));
  }
  return store;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** One round of a paired benchmark: both sides over the same bytes, set up outside the timing. */
interface Round {
  baseline(): Promise<void>;
  ours(): Promise<void>;
}

/**
 * Times `baseline` and `ours` of `rounds` successive rounds in alternating pairs (order swapped each pair)
 * and takes medians. A fixed count, not a time budget, so every run writes the same number of articles
 * whatever the machine's speed. On a loaded machine best-of-each favours the shorter pass, which finds a
 * quiet slice more often; pairs see the same load, so their ratio holds still.
 */
async function paired(
  next: () => Promise<Round>,
  rounds: number,
): Promise<{ baselineMs: number; ratio: number }> {
  const warm = await next();
  await warm.baseline();
  await warm.ours();
  const base: number[] = [];
  const ratios: number[] = [];
  // CPU time, not wall time: the machine's other work then counts against neither side.
  const timed = async (fn: () => Promise<void>) => {
    const start = process.cpuUsage();
    await fn();
    const used = process.cpuUsage(start);
    return (used.user + used.system) / 1000;
  };
  for (let pair = 0; pair < rounds; pair++) {
    const round = await next();
    const first = pair % 2 === 0;
    const a = first ? await timed(round.baseline) : 0;
    const b = await timed(round.ours);
    const c = first ? a : await timed(round.baseline);
    base.push(c);
    ratios.push(b / c);
  }
  return { baselineMs: median(base), ratio: median(ratios) };
}

/**
 * The poller's own source with the network left out: a fetch hands over the round's bytes (decoded and
 * parsed as a fetched body is), articles come from the real source, and extraction finds nothing, so what
 * is timed is the rest of a poll. The generated items carry their article, so no page is fetched: that is
 * checked once, untimed, by {@link assertNoPageFetch}.
 */
function benchSource(bodies: Map<string, Buffer>): FeedSource {
  const real = createFeedSource({ maxBytes: DEFAULT_MAX_BYTES });
  return {
    async fetch(feed) {
      const body = bodies.get(feed.url);
      if (!body) throw new Error(`ingest bench: no body for ${feed.url}`);
      const contentType = 'application/rss+xml; charset=utf-8';
      return parseFetchedFeed(
        {
          status: 'ok',
          url: feed.url,
          httpStatus: 200,
          body,
          contentType,
          headers: { 'content-type': contentType },
          etag: null,
          lastModified: null,
          maxAge: null,
          retryAfter: null,
        },
        DEFAULT_MAX_BYTES,
      );
    },
    itemKeys: real.itemKeys,
    article: real.article,
    extract: (article) => emptyExtraction(article.title),
  };
}

async function assertNoPageFetch(bytes: Buffer[]): Promise<void> {
  for (const body of bytes)
    for (const item of (await parseFeed(body)).items)
      if (needsFullText(item)) throw new Error('ingest bench: an item would fetch its page');
}

function poller(store: Store, source: FeedSource): FeedPoller {
  return new FeedPoller({
    store,
    source,
    logger: createLogger({ level: 'silent' }),
    intervalSeconds: 900,
    maxFailures: 5,
    concurrency: 1,
    perHostConcurrency: 1,
  });
}

/** Polls each feed once, in order, and checks that the poll stored `fresh` new items. */
async function pollAll(p: FeedPoller, feeds: FeedRecord[], fresh: number): Promise<void> {
  for (const feed of feeds) {
    const outcome = await p.poll(feed);
    if (outcome.status !== 'ok' || outcome.fresh !== fresh)
      throw new Error(`ingest bench: expected ${fresh} new items, got ${JSON.stringify(outcome)}`);
  }
}

/**
 * Our ingest path without the network and extraction (decode + parse + normalise + dedupe + store, through
 * FeedPoller.poll and the poller's own feed code) against rss-parser's `parseString` alone, on the same
 * bytes: 20 news-shaped feeds of 20 items a round, one poll each.
 *   - first poll: every round stores the feeds under new records, so all 20 items are new and written;
 *   - later poll: the same 20 feeds every round, each copy one item newer (19 known, one new), as the
 *     poll cycle sees them.
 */
export async function benchIngest(): Promise<BenchResult> {
  const parser = new Parser();
  const bodies = new Map<string, Buffer>();
  const firstBytes = Array.from({ length: FEEDS }, (_, i) => Buffer.from(generateNewsRss(i + 1, 0, ITEMS)));
  const baseline = (bytes: Buffer[]) => async () => {
    for (const b of bytes) await parser.parseString(b.toString('utf8'));
  };
  await assertNoPageFetch(firstBytes);
  const feedAt = async (store: Store, url: string, body: Buffer) => {
    bodies.set(url, body);
    return store.upsertFeed({ url, global: true });
  };

  let store = await prefilledStore();
  let p = poller(store, benchSource(bodies));
  let records = 0;
  const firstPoll = await paired(async () => {
    const feeds: FeedRecord[] = [];
    for (const bytes of firstBytes)
      feeds.push(await feedAt(store, `https://news.example/first/${records++}`, bytes));
    return { baseline: baseline(firstBytes), ours: () => pollAll(p, feeds, ITEMS) };
  }, FIRST_POLL_ROUNDS);
  await p.stop();
  await store.close();

  // Later polls: the feeds are primed with their first copy, then each round shifts every feed by one item.
  store = await prefilledStore();
  p = poller(store, benchSource(bodies));
  const later: FeedRecord[] = [];
  for (const [i, bytes] of firstBytes.entries())
    later.push(await feedAt(store, `https://news.example/later/${i}`, bytes));
  await pollAll(p, later, ITEMS);
  let shift = 0;
  const laterPoll = await paired(async () => {
    shift++;
    const bytes = later.map((feed, i) => {
      const body = Buffer.from(generateNewsRss(i + 1, shift, ITEMS));
      bodies.set(feed.url, body);
      return body;
    });
    const feeds = await Promise.all(later.map(async (f) => (await store.getFeed(f.id)) as FeedRecord));
    return { baseline: baseline(bytes), ours: () => pollAll(p, feeds, 1) };
  }, LATER_POLL_ROUNDS);
  await p.stop();
  await store.close();

  // The parse side alone (decode + parse + normalise + item keys), so the store's share can be read off.
  const parseOnly = await paired(
    async () => ({
      baseline: baseline(firstBytes),
      ours: async () => {
        for (const bytes of firstBytes) itemKeys((await parseFeed(bytes)).items);
      },
    }),
    LATER_POLL_ROUNDS,
  );
  return {
    name: 'ingest',
    figures: {
      rssParserFeedsPerS: Math.round((FEEDS * 1000) / firstPoll.baselineMs),
      ingestVsRssParser: Number(firstPoll.ratio.toFixed(2)),
      ingestLaterVsRssParser: Number(laterPoll.ratio.toFixed(2)),
      parseVsRssParser: Number(parseOnly.ratio.toFixed(2)),
    },
  };
}
