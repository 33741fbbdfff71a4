import type { NewArticle } from '../src/store/port.ts';
import * as articles from '../src/store/sql/articles.ts';
import type { SqlDriver } from '../src/store/sql/driver.ts';
import * as feeds from '../src/store/sql/feeds.ts';
import { SqliteDriver } from '../src/store/sqlite/driver.ts';
import { seedArticle } from './seed-articles.ts';

/** Articles written per transaction while seeding. */
const SEED_BATCH = 1000;

/** An article to seed, when it was first seen, and its feed's name. */
export interface SeedRow {
  article: NewArticle;
  seen: Date;
  feedName: string | null;
}

/**
 * Writes articles with the store's own insert code (the same rows, search text and FTS triggers as
 * `Store.upsertArticle`), many per transaction: it skips the per-article lookup and commit, about a third of
 * the cost of seeding through the port one article at a time.
 */
export async function writeArticles(db: SqlDriver, rows: Iterable<SeedRow>): Promise<number> {
  let batch: SeedRow[] = [];
  let written = 0;
  const flush = async () => {
    const pending = batch;
    batch = [];
    await db.transaction(async (tx) => {
      for (const { article, seen, feedName } of pending)
        await articles.upsertArticle(tx, article, seen, '', feedName);
    });
    written += pending.length;
  };
  for (const row of rows) {
    batch.push(row);
    if (batch.length >= SEED_BATCH) await flush();
  }
  if (batch.length > 0) await flush();
  return written;
}

/** What {@link seedQueryStore} wrote. */
export interface SeededStore {
  feedIds: number[];
  /** When the newest article was first seen; the oldest is `spanDays` earlier. */
  newest: Date;
}

/** Fills a SQLite file with `count` generated articles spread over `feedCount` feeds and `spanDays` days. */
export async function seedQueryStore(
  path: string,
  count: number,
  feedCount = 100,
  spanDays = 30,
): Promise<SeededStore> {
  const db = new SqliteDriver(path);
  try {
    await db.migrate();
    const newest = new Date('2026-09-30T12:00:00Z');
    const feedIds: number[] = [];
    const names: (string | null)[] = [];
    for (let f = 0; f < feedCount; f++) {
      const feed = await feeds.upsertFeed(
        db,
        { url: `https://news.example/feed/${f}`, name: `Bench feed ${f}`, global: true },
        newest,
      );
      feedIds.push(feed.id);
      names.push(feed.name);
    }
    const step = (spanDays * 86_400_000) / count;
    function* rows(): Generator<SeedRow> {
      for (let i = 0; i < count; i++) {
        const feed = i % feedCount;
        const { title, text, extraction } = seedArticle(i + 1);
        const seen = new Date(newest.getTime() - (count - 1 - i) * step);
        yield {
          article: {
            feedId: feedIds[feed] as number,
            itemKey: `bench-${i}`,
            url: `https://news.example/${feed}/${i}`,
            title,
            published: seen,
            text,
            extraction,
          },
          seen,
          feedName: names[feed] ?? null,
        };
      }
    }
    await writeArticles(db, rows());
    return { feedIds, newest };
  } finally {
    await db.close();
  }
}
