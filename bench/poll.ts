import { fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { configSchema } from '../src/config.ts';
import { DEFAULT_MAX_BYTES } from '../src/feeds/decode.ts';
import { articleFromItem } from '../src/feeds/full-text.ts';
import { itemKeys } from '../src/feeds/item-keys.ts';
import { parseFeed } from '../src/feeds/parse-feed.ts';
import { createFeedSource } from '../src/feeds/poll-source.ts';
import { FeedPoller } from '../src/feeds/poller.ts';
import { createLogger } from '../src/log.ts';
import { type NewArticle, openStore, type Store } from '../src/store/index.ts';
import { emptyExtraction } from './generate.ts';
import type { BenchResult } from './measure.ts';
import { benchFeedXml, primedEtag } from './seed-feeds.ts';

/**
 * Feeds polled, as the issue asks. On the shared 2-core machine (load 5) the whole benchmark took 2 min 19 s:
 * 43 s priming 190,000 known items, then the cycle. `benchPoll(n)` runs a smaller size.
 */
export const POLL_FEEDS = 10_000;
/**
 * The poller's own limit (config `poll.concurrency`, default 8): "as fast as the poller's limits allow". The
 * per-host limit is raised to it because the one local server stands in for 10,000 different hosts.
 */
const CONCURRENCY = configSchema.parse({}).poll.concurrency;
const INTERVAL_SECONDS = 900;
/** Known items written per `upsertArticles` call while priming (about 26 feeds' worth). */
const PRIME_BATCH = 500;

interface FeedServer {
  port: number;
  stop(): void;
}

/** Starts the feed server in a child process (it inherits tsx through execArgv) and waits for its port. */
function startServer(count: number): Promise<FeedServer> {
  const child = fork(new URL('./poll-server.ts', import.meta.url), [String(count)], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`feed server exited with ${code}`)));
    child.once('message', (message) => {
      const { port } = message as { port: number };
      resolve({ port, stop: () => child.disconnect() });
    });
  });
}

/**
 * Primes the store as a previous poll would have: every feed global, primed, due, with the ETag it was
 * served and its 19 known items stored (keys from the real parser and identity policy, written with
 * `upsertArticles` as the poller writes a poll's items). Feeds that will answer 304 get the lower ids, so the
 * poller meets them first and their CPU can be read on its own.
 */
async function prime(store: Store, port: number, count: number, due: Date): Promise<void> {
  const order = [
    ...Array.from({ length: Math.ceil(count / 2) }, (_, k) => 2 * k),
    ...Array.from({ length: Math.floor(count / 2) }, (_, k) => 2 * k + 1),
  ];
  let batch: NewArticle[] = [];
  for (const index of order) {
    const record = await store.upsertFeed({
      url: `http://127.0.0.1:${port}/feed/${index}`,
      name: `Bench feed ${index}`,
      global: true,
      language: 'en',
    });
    await store.updateFeedState(record.id, {
      etag: primedEtag(index),
      primed: true,
      lastPolledAt: new Date(due.getTime() - INTERVAL_SECONDS * 1000),
      nextPollAt: due,
    });
    const parsed = await parseFeed(Buffer.from(benchFeedXml(index, false)));
    const keys = itemKeys(parsed.items);
    for (const [i, item] of parsed.items.entries()) {
      batch.push({
        feedId: record.id,
        itemKey: (keys[i] as { key: string }).key,
        url: item.link,
        title: item.title,
        published: item.published ? new Date(item.published) : null,
        text: articleFromItem(item).input,
        extraction: emptyExtraction(item.title),
      });
    }
    if (batch.length >= PRIME_BATCH) {
      await store.upsertArticles(batch);
      batch = [];
    }
  }
  if (batch.length > 0) await store.upsertArticles(batch);
}

/**
 * One unpaced poll cycle through FeedPoller and the real feed source (fetch, decode, parse, dedupe, extract,
 * store) over `count` feeds of 20 items on a local server in a child process: half answer 304, the rest 200
 * with one new item among 19 known ones. Ticks run back to back instead of on the poller's timer.
 */
export async function benchPoll(count = POLL_FEEDS): Promise<BenchResult> {
  const dir = mkdtempSync(join(tmpdir(), 'briefwire-bench-'));
  const path = join(dir, 'poll.db');
  const server = await startServer(count);
  try {
    const due = new Date();
    const store = await openStore({ path });
    const primeStart = performance.now();
    await prime(store, server.port, count, due);
    const primeSeconds = (performance.now() - primeStart) / 1000;
    const results = { ok: 0, 'not-modified': 0, error: 0, blocked: 0 };
    let articles = 0;
    const poller = new FeedPoller({
      store,
      source: createFeedSource({ maxBytes: DEFAULT_MAX_BYTES }),
      logger: createLogger({ level: 'silent' }),
      intervalSeconds: INTERVAL_SECONDS,
      maxFailures: 5,
      concurrency: CONCURRENCY,
      perHostConcurrency: CONCURRENCY,
      onFetch: (result) => {
        results[result]++;
      },
      onArticle: () => {
        articles++;
      },
    });
    const notModified = Math.ceil(count / 2);
    const baseRss = process.memoryUsage.rss();
    let peakRss = baseRss;
    const sampler = setInterval(() => {
      peakRss = Math.max(peakRss, process.memoryUsage.rss());
    }, 20);
    const start = performance.now();
    const cpuStart = process.cpuUsage();
    let cpu304: { ms: number; feeds: number } | null = null;
    let done = 0;
    while (done < count) {
      await poller.tick();
      peakRss = Math.max(peakRss, process.memoryUsage.rss());
      const now = results.ok + results['not-modified'] + results.error + results.blocked;
      if (now === done) throw new Error(`a tick polled nothing with ${count - done} feeds left`);
      done = now;
      // Ticks poll feeds in id order, so until the first 200 every polled feed was a 304.
      if (results.ok === 0 && results.error === 0) {
        const used = process.cpuUsage(cpuStart);
        cpu304 = { ms: (used.user + used.system) / 1000, feeds: done };
      }
    }
    const seconds = (performance.now() - start) / 1000;
    const cpu = process.cpuUsage(cpuStart);
    clearInterval(sampler);
    await poller.stop();
    await store.close();
    if (results.error > 0 || results.blocked > 0 || results['not-modified'] !== notModified)
      throw new Error(`poll cycle went wrong: ${JSON.stringify(results)}`);
    if (articles !== count - notModified)
      throw new Error(`expected ${count - notModified} new articles, got ${articles}`);
    return {
      name: 'poll',
      figures: {
        pollFeeds: count,
        pollFeedsPerS: Math.round(count / seconds),
        pollRssMb: Math.round(peakRss / 2 ** 20),
        pollRssBeforeMb: Math.round(baseRss / 2 ** 20),
        poll304CpuMs: cpu304 ? Number((cpu304.ms / cpu304.feeds).toFixed(2)) : Number.NaN,
        pollCpuMsPerFeed: Number(((cpu.user + cpu.system) / 1000 / count).toFixed(2)),
        pollPrimeS: Number(primeSeconds.toFixed(1)),
      },
    };
  } finally {
    server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
