/**
 * Primes the poll benchmark's store, run as a child process: `poll-prime.ts <db path> <port> <feeds> <due ms>`.
 * Writing 190,000 articles leaves the writer's allocator holding memory it no longer uses; in a process of
 * its own, that stays out of the poller's RSS, as it would for a bot started on an existing database.
 */
import { type NewArticle, openStore, type Store } from '../src/store/index.ts';
import { benchFeedXml, INTERVAL_SECONDS, primedEtag } from './seed-feeds.ts';
import { storedItems } from './stored-items.ts';

/** Known items written per `upsertArticles` call while priming (about 26 feeds' worth). */
const PRIME_BATCH = 500;

/**
 * Primes the store as a previous poll would have: every feed global, primed, due, with the ETag it was
 * served and its 19 known items stored (see stored-items.ts), written with `upsertArticles` as the poller
 * writes a poll's items. Feeds that will answer 304 get the lower ids, so the poller meets them first and
 * their CPU can be read on its own.
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
    batch.push(...(await storedItems(record.id, Buffer.from(benchFeedXml(index, false)))));
    if (batch.length >= PRIME_BATCH) {
      await store.upsertArticles(batch);
      batch = [];
    }
  }
  if (batch.length > 0) await store.upsertArticles(batch);
}

const [path, port, count, due] = process.argv.slice(2);
const store = await openStore({ path: path as string });
await prime(store, Number(port), Number(count), new Date(Number(due)));
await store.close();
