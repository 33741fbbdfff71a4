import type { NewArticle, StoredArticle, UpsertStatus } from '../port.ts';
import { articleValues, contentHash, itemHashStale, sameContent, stored, upsertArticle } from './articles.ts';
import { placeholders, type SqlDriver, type SqlExecutor } from './driver.ts';
import { type ExtractionRows, extractionStatements } from './extraction-rows.ts';
import { type Row, toDate } from './rows.ts';

/** What one upsert of a batch did, as {@link Store.upsertArticle} reports it. */
export type UpsertResult = { article: StoredArticle; status: UpsertStatus };

const LOOKUP_BATCH = 500;
const ARTICLE_COLUMNS = [
  'feed_id',
  'item_key',
  'url',
  'title',
  'published',
  'text',
  'language',
  'analysed',
  'content_hash',
  'first_seen',
  'updated_at',
  'extraction_extra',
  'item_hash',
  'link_key',
];
// 50 rows of 14 columns: 700 parameters, far under both databases' limits.
const INSERT_BATCH = 50;

function keyOf(feedId: number, itemKey: string): string {
  return `${feedId}\u0000${itemKey}`;
}

/** What the batch found stored: each feed's name and the stored rows (id, instants, hash) by {@link keyOf}. */
interface StoredState {
  names: Map<number, string | null>;
  rows: Map<string, Row>;
}

/**
 * Looks up each feed and the stored versions of its articles in one query per feed (a poll is one feed);
 * throws before anything is written when a feed does not exist.
 */
async function storedState(db: SqlExecutor, articles: readonly NewArticle[]): Promise<StoredState> {
  const keysByFeed = new Map<number, Set<string>>();
  for (const { feedId, itemKey } of articles) {
    const keys = keysByFeed.get(feedId) ?? new Set<string>();
    keys.add(itemKey);
    keysByFeed.set(feedId, keys);
  }
  const names = new Map<number, string | null>();
  const rows = new Map<string, Row>();
  for (const [feedId, keySet] of keysByFeed) {
    const keys = [...keySet];
    for (let i = 0; i < keys.length; i += LOOKUP_BATCH) {
      const batch = keys.slice(i, i + LOOKUP_BATCH);
      const found = await db.all<Row>(
        `SELECT f.name AS feed_name, a.id, a.item_key, a.first_seen, a.updated_at, a.content_hash, a.item_hash
         FROM feeds f LEFT JOIN articles a ON a.feed_id = f.id AND a.item_key IN ${placeholders(batch.length)}
         WHERE f.id = ?`,
        [...batch, feedId],
      );
      const first = found[0];
      if (!first) throw new Error(`no feed with id ${feedId}`);
      names.set(feedId, first.feed_name === null ? null : String(first.feed_name));
      for (const row of found) if (row.id !== null) rows.set(keyOf(feedId, String(row.item_key)), row);
    }
  }
  return { names, rows };
}

/**
 * Inserts the articles at `indexes` with multi-row INSERTs and their extraction rows in one batch, filling
 * `results`. Returns the indexes another writer stored first (they conflict), to be upserted one by one.
 */
async function insertNew(
  tx: SqlExecutor,
  batch: { articles: readonly NewArticle[]; hashes: string[]; names: Map<number, string | null> },
  indexes: number[],
  now: Date,
  results: UpsertResult[],
): Promise<number[]> {
  const { articles, hashes, names } = batch;
  const written: ExtractionRows[] = [];
  const raced: number[] = [];
  for (let c = 0; c < indexes.length; c += INSERT_BATCH) {
    const chunk = indexes.slice(c, c + INSERT_BATCH);
    const rows = await tx.all<Row>(
      `INSERT INTO articles (${ARTICLE_COLUMNS.join(', ')})
       VALUES ${chunk.map(() => placeholders(ARTICLE_COLUMNS.length)).join(', ')}
       ON CONFLICT (feed_id, item_key) DO NOTHING
       RETURNING id, feed_id, item_key, first_seen, updated_at`,
      chunk.flatMap((i) => articleValues(articles[i] as NewArticle, hashes[i] as string, now)),
    );
    // RETURNING promises no order, so rows are matched back by key.
    const byKey = new Map(rows.map((row) => [keyOf(Number(row.feed_id), String(row.item_key)), row]));
    for (const i of chunk) {
      const article = articles[i] as NewArticle;
      const row = byKey.get(keyOf(article.feedId, article.itemKey));
      if (!row) {
        raced.push(i);
        continue;
      }
      results[i] = { article: stored(article, row, names.get(article.feedId) ?? null), status: 'new' };
      written.push({
        articleId: Number(row.id),
        feedId: article.feedId,
        firstSeen: toDate(row.first_seen),
        title: article.title,
        extraction: article.extraction,
      });
    }
  }
  if (written.length > 0) await tx.batch(extractionStatements(written));
  return raced;
}

/**
 * Upserts many articles (typically one poll's new items) in ONE transaction, with the same per-article
 * outcome as calling {@link upsertArticle} on each in order: unchanged ones are found by one lookup outside
 * any lock, new ones go in with multi-row INSERTs, and edits (or a key repeated within the batch) take the
 * one-by-one path that records revisions. All or nothing: any failure rolls the whole batch back.
 */
export async function upsertArticles(
  db: SqlDriver,
  articles: readonly NewArticle[],
  now: Date,
): Promise<UpsertResult[]> {
  if (articles.length === 0) return [];
  const hashes = articles.map(contentHash);
  const { names, rows: existing } = await storedState(db, articles);
  const results: UpsertResult[] = new Array(articles.length);
  const inserts: number[] = [];
  const oneByOne: number[] = [];
  // Unchanged articles whose feed item fingerprint changed: only that column is written.
  const rehashed: number[] = [];
  const seen = new Set<string>();
  articles.forEach((article, i) => {
    const key = keyOf(article.feedId, article.itemKey);
    const row = existing.get(key);
    // A repeated key must see what its earlier sighting in this batch wrote, so it goes one by one.
    if (seen.has(key)) oneByOne.push(i);
    else if (!row) inserts.push(i);
    else if (sameContent(row.content_hash, article, hashes[i] as string)) {
      results[i] = {
        article: stored(article, row, names.get(article.feedId) ?? null),
        status: 'unchanged',
      };
      if (itemHashStale(row, article)) rehashed.push(i);
    } else oneByOne.push(i);
    seen.add(key);
  });
  if (inserts.length === 0 && oneByOne.length === 0 && rehashed.length === 0) return results;
  // Postgres serialises concurrent edits of one article on its row; SQLite's write lock already does.
  const lock = db.dialect === 'postgres' ? ' FOR UPDATE' : '';
  await db.transaction(async (tx) => {
    const raced = await insertNew(tx, { articles, hashes, names }, inserts, now, results);
    for (const i of rehashed) {
      const article = articles[i] as NewArticle;
      const row = existing.get(keyOf(article.feedId, article.itemKey)) as Row;
      await tx.run('UPDATE articles SET item_hash = ? WHERE id = ?', [
        article.itemHash ?? null,
        Number(row.id),
      ]);
    }
    // Every key's first sighting was inserted or found above, so input order keeps each key's order.
    for (const i of [...raced, ...oneByOne].sort((a, b) => a - b)) {
      const article = articles[i] as NewArticle;
      const feedName = names.get(article.feedId) ?? null;
      results[i] = await upsertArticle(tx, article, now, lock, feedName, hashes[i]);
    }
  });
  return results;
}
