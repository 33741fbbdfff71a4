import type { NewArticle, Store } from '../src/store/port.ts';
import { seedArticle } from './seed-articles.ts';

/** Articles per `upsertArticles` call while seeding: one transaction, one first-seen instant. */
const SEED_BATCH = 1000;

/** When the newest seeded article is first seen: the commands' clock. */
export const SEED_NEWEST = new Date('2026-09-30T12:00:00Z');

/** Feeds created by {@link seedQueryStore}, and when its newest article was first seen. */
export interface SeededStore {
  feedIds: number[];
  newest: Date;
}

/**
 * Fills a store with `count` generated articles over `feedCount` feeds through the public `upsertArticles`
 * (one transaction per batch). `setNow` moves the store's clock so first-seen instants spread over
 * `spanDays` days, oldest first, as if the articles had arrived over time.
 */
export async function seedQueryStore(
  store: Store,
  setNow: (now: Date) => void,
  count: number,
  feedCount = 100,
  spanDays = 30,
): Promise<SeededStore> {
  const newest = SEED_NEWEST;
  const span = spanDays * 86_400_000;
  setNow(new Date(newest.getTime() - span));
  const feedIds: number[] = [];
  for (let f = 0; f < feedCount; f++) {
    const feed = await store.upsertFeed({
      url: `https://news.example/feed/${f}`,
      name: `Bench feed ${f}`,
      global: true,
    });
    feedIds.push(feed.id);
  }
  for (let from = 0; from < count; from += SEED_BATCH) {
    const batch: NewArticle[] = [];
    for (let i = from; i < Math.min(count, from + SEED_BATCH); i++) {
      const feed = i % feedCount;
      const { title, text, extraction } = seedArticle(i + 1);
      batch.push({
        feedId: feedIds[feed] as number,
        itemKey: `bench-${i}`,
        url: `https://news.example/${feed}/${i}`,
        title,
        published: null,
        text,
        extraction,
      });
    }
    setNow(new Date(newest.getTime() - span + (span * (from + batch.length)) / count));
    await store.upsertArticles(batch);
  }
  return { feedIds, newest };
}
