import { hash } from 'node:crypto';
import { lengthPrefixed } from '../../length-prefixed.ts';
import { topicWords } from '../normalise.ts';
import type { ArticleRevision, NewArticle, RevisedField, StoredArticle, UpsertStatus } from '../port.ts';
import { placeholders, type SqlDriver, type SqlExecutor, type SqlValue } from './driver.ts';
import { deleteExtraction, extractionExtra, insertExtraction, loadExtractions } from './extraction-rows.ts';
import { type Row, str, toDate, toDateOrNull } from './rows.ts';
import { scopeConditions } from './search-parts.ts';

const ARTICLE_SELECT = `SELECT a.*, f.name AS feed_name FROM articles a JOIN feeds f ON f.id = a.feed_id`;
const BATCH = 100;

/**
 * The fingerprint of everything an upsert stores: equal hashes mean a re-ingest changes nothing. The text
 * fields are length-prefixed rather than JSON-encoded, since escaping an article's text was most of the cost;
 * the `2:` marks this form apart from the older all-JSON one (see {@link sameContent}).
 */
export function contentHash(article: NewArticle): string {
  const canonical =
    lengthPrefixed([
      article.title,
      article.text,
      article.url,
      article.published ? String(article.published.getTime()) : null,
    ]) + JSON.stringify(article.extraction);
  return `2:${hash('sha256', canonical, 'hex')}`;
}

/** The fingerprint rows stored before {@link contentHash} took its `2:` form. */
function legacyContentHash(article: NewArticle): string {
  const canonical = JSON.stringify([
    article.title,
    article.text,
    article.url,
    article.published?.getTime() ?? null,
    article.extraction,
  ]);
  return hash('sha256', canonical, 'hex');
}

/**
 * Whether a stored row's fingerprint says it holds this article (`hash` is the article's
 * {@link contentHash}). A row written before the `2:` form is compared in its own form, so an upgrade does
 * not make every re-ingested article look edited.
 */
export function sameContent(stored: unknown, article: NewArticle, hash: string): boolean {
  if (stored === hash) return true;
  return typeof stored === 'string' && !stored.startsWith('2:') && stored === legacyContentHash(article);
}

function changedFields(row: Row, article: NewArticle): RevisedField[] {
  const changed: RevisedField[] = [];
  if (row.title !== article.title) changed.push('title');
  if (row.text !== article.text) changed.push('text');
  if (str(row.url) !== article.url) changed.push('url');
  if (toDateOrNull(row.published)?.getTime() !== article.published?.getTime()) changed.push('published');
  if (changed.length === 0) changed.push('extraction');
  return changed;
}

/**
 * Whether the stored item fingerprint differs from the one the article brings. An article that brings none
 * (`undefined`: not from a feed item) leaves the stored one alone when its content is unchanged.
 */
export function itemHashStale(row: Row, article: NewArticle): boolean {
  return article.itemHash !== undefined && (row.item_hash ?? null) !== article.itemHash;
}

/** The stored form of an article just written or found unchanged, from its row's id and instants. */
export function stored(article: NewArticle, row: Row, feedName: string | null): StoredArticle {
  // Fields listed, not spread: spreading and then extending the object was ~20 µs per article in V8.
  return {
    feedId: article.feedId,
    itemKey: article.itemKey,
    url: article.url,
    title: article.title,
    published: article.published,
    text: article.text,
    extraction: article.extraction,
    id: Number(row.id),
    feedName,
    firstSeen: toDate(row.first_seen),
    updatedAt: toDate(row.updated_at),
    language: article.extraction.language,
    analysed: article.extraction.analysed,
  };
}

/** What a pre-check found: the stored article when re-ingesting would change nothing, and the feed's name. */
export interface UpsertLookup {
  unchanged: StoredArticle | null;
  feedName: string | null;
}

/**
 * Looks up the feed and any stored version of the article in one query, outside any transaction, so an
 * unchanged poll takes no write lock at all.
 */
export async function lookupArticle(db: SqlExecutor, article: NewArticle): Promise<UpsertLookup> {
  const [row] = await db.all<Row>(
    `SELECT f.name AS feed_name, a.id, a.first_seen, a.updated_at, a.content_hash, a.item_hash
     FROM feeds f LEFT JOIN articles a ON a.feed_id = f.id AND a.item_key = ?
     WHERE f.id = ?`,
    [article.itemKey, article.feedId],
  );
  if (!row) throw new Error(`no feed with id ${article.feedId}`);
  const feedName = str(row.feed_name);
  const same =
    row.id !== null &&
    row.id !== undefined &&
    sameContent(row.content_hash, article, contentHash(article)) &&
    !itemHashStale(row, article);
  return { unchanged: same ? stored(article, row, feedName) : null, feedName };
}

/** The parameters of one row of the articles INSERT, in column order (shared with the batch insert). */
export function articleValues(article: NewArticle, hash: string, now: Date): SqlValue[] {
  return [
    article.feedId,
    article.itemKey,
    article.url,
    article.title,
    article.published,
    article.text,
    article.extraction.language,
    article.extraction.analysed,
    hash,
    now,
    now,
    extractionExtra(article.extraction),
    article.itemHash ?? null,
    article.linkKey ?? null,
  ];
}

/** Stores an article idempotently (see {@link Store.upsertArticle}); runs inside the caller's transaction. */
export async function upsertArticle(
  tx: SqlExecutor,
  article: NewArticle,
  now: Date,
  lockClause: string,
  feedName: string | null,
  hash = contentHash(article),
): Promise<{ article: StoredArticle; status: UpsertStatus }> {
  const inserted = await tx.all<Row>(
    `INSERT INTO articles (feed_id, item_key, url, title, published, text, language, analysed, content_hash,
       first_seen, updated_at, extraction_extra, item_hash, link_key)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (feed_id, item_key) DO NOTHING
     RETURNING id, first_seen, updated_at`,
    articleValues(article, hash, now),
  );
  const created = inserted[0];
  if (created) {
    await insertExtraction(tx, {
      articleId: Number(created.id),
      feedId: article.feedId,
      firstSeen: toDate(created.first_seen),
      title: article.title,
      extraction: article.extraction,
    });
    return { article: stored(article, created, feedName), status: 'new' };
  }
  const [existing] = await tx.all<Row>(
    `SELECT * FROM articles WHERE feed_id = ? AND item_key = ?${lockClause}`,
    [article.feedId, article.itemKey],
  );
  if (!existing) throw new Error(`article ${article.feedId}/${article.itemKey} vanished during upsert`);
  if (sameContent(existing.content_hash, article, hash)) {
    // The feed's copy changed in a way the stored article does not show (markup, a field not kept):
    // remembering the new fingerprint keeps the next poll from extracting the item again.
    if (itemHashStale(existing, article))
      await tx.run('UPDATE articles SET item_hash = ? WHERE id = ?', [
        article.itemHash ?? null,
        Number(existing.id),
      ]);
    return { article: stored(article, existing, feedName), status: 'unchanged' };
  }

  const id = Number(existing.id);
  await tx.run(
    `INSERT INTO article_revisions (article_id, revised_at, changed, previous_title, previous_text, previous_hash)
     VALUES (?, ?, ?, ?, ?, ?)`,
    [
      id,
      now,
      changedFields(existing, article).join(','),
      String(existing.title),
      existing.pruned_at === null || existing.pruned_at === undefined ? String(existing.text) : null,
      String(existing.content_hash),
    ],
  );
  await tx.run(
    `UPDATE articles SET url = ?, title = ?, published = ?, text = ?, language = ?, analysed = ?,
       content_hash = ?, updated_at = ?, pruned_at = NULL, extraction_extra = ?, item_hash = ?,
       link_key = ?
     WHERE id = ?`,
    [
      article.url,
      article.title,
      article.published,
      article.text,
      article.extraction.language,
      article.extraction.analysed,
      hash,
      now,
      extractionExtra(article.extraction),
      // The old fingerprint no longer describes what is stored, so an edit without one clears it.
      article.itemHash ?? null,
      article.linkKey ?? null,
      id,
    ],
  );
  await deleteExtraction(tx, [id]);
  await insertExtraction(tx, {
    articleId: id,
    feedId: article.feedId,
    firstSeen: toDate(existing.first_seen),
    title: article.title,
    extraction: article.extraction,
  });
  return { article: stored(article, { ...existing, updated_at: now }, feedName), status: 'updated' };
}

/** Articles with their extraction rebuilt from rows, in the order of `rows`. */
export async function loadArticles(db: SqlExecutor, rows: Row[]): Promise<StoredArticle[]> {
  if (rows.length === 0) return [];
  const extractions = await loadExtractions(db, rows);
  return rows.map((row) => {
    const id = Number(row.id);
    const extraction = extractions.get(id);
    if (!extraction) throw new Error(`extraction of article ${id} not loaded`);
    const { title, language, analysed } = extraction;
    return {
      id,
      feedId: Number(row.feed_id),
      itemKey: String(row.item_key),
      url: str(row.url),
      title,
      published: toDateOrNull(row.published),
      text: String(row.text),
      feedName: str(row.feed_name),
      firstSeen: toDate(row.first_seen),
      updatedAt: toDate(row.updated_at),
      language,
      analysed,
      extraction,
    };
  });
}

/** An article by id. */
export async function getArticle(db: SqlExecutor, id: number): Promise<StoredArticle | null> {
  const rows = await db.all<Row>(`${ARTICLE_SELECT} WHERE a.id = ?`, [id]);
  return (await loadArticles(db, rows))[0] ?? null;
}

/** Articles first seen in [since, until), newest first; pruned articles are left out. */
export async function articlesSeen(
  db: SqlDriver,
  filter: { feedIds?: number[]; since: Date; until?: Date; topic?: string; limit?: number },
): Promise<StoredArticle[]> {
  if (filter.feedIds?.length === 0) return [];
  const where = ['a.first_seen >= ?', 'a.pruned_at IS NULL'];
  const params: SqlValue[] = [filter.since];
  if (filter.until) {
    where.push('a.first_seen < ?');
    params.push(filter.until);
  }
  const feeds = scopeConditions({ feedIds: filter.feedIds }, 'a');
  where.push(...feeds.where);
  params.push(...feeds.params);
  const words = filter.topic === undefined ? [] : topicWords(filter.topic);
  if (words.length > 0) {
    await db.prepareTextSearch('articles');
    const topic = db.topicCondition('articles', 'a', words);
    where.push(topic.sql);
    params.push(...topic.params);
  }
  params.push(Math.max(1, Math.min(filter.limit ?? 500, 5000)));
  const rows = await db.all<Row>(
    `${ARTICLE_SELECT} WHERE ${where.join(' AND ')} ORDER BY a.first_seen DESC, a.id DESC LIMIT ?`,
    params,
  );
  return loadArticles(db, rows);
}

/** Whether an article with this key exists (pruned ones included). */
export async function hasArticle(db: SqlExecutor, feedId: number, itemKey: string): Promise<boolean> {
  const rows = await db.all('SELECT 1 AS hit FROM articles WHERE feed_id = ? AND item_key = ?', [
    feedId,
    itemKey,
  ]);
  return rows.length > 0;
}

/** The subset of `itemKeys` stored for the feed. */
export async function knownItemKeys(
  db: SqlExecutor,
  feedId: number,
  itemKeys: string[],
): Promise<Set<string>> {
  const known = new Set<string>();
  const unique = [...new Set(itemKeys)];
  for (let i = 0; i < unique.length; i += 500) {
    const batch = unique.slice(i, i + 500);
    const rows = await db.all<Row>(
      `SELECT item_key FROM articles WHERE feed_id = ? AND item_key IN ${placeholders(batch.length)}`,
      [feedId, ...batch],
    );
    for (const row of rows) known.add(String(row.item_key));
  }
  return known;
}

/**
 * The keys of `itemKeys` the feed holds, each with its stored item fingerprint (null when none); a key that
 * is only another article's link key (see {@link NewArticle.linkKey}) maps to null, as nothing compares.
 */
export async function knownItems(
  db: SqlExecutor,
  feedId: number,
  itemKeys: string[],
): Promise<Map<string, string | null>> {
  const known = new Map<string, string | null>();
  const unique = [...new Set(itemKeys)];
  for (let i = 0; i < unique.length; i += 500) {
    const batch = unique.slice(i, i + 500);
    // Link keys are `link:` keys, so only those are looked up among them: a third of a poll's keys.
    const links = batch.filter((key) => key.startsWith('link:'));
    const linkHalf = links.length
      ? `UNION ALL SELECT link_key AS k, NULL AS item_hash, 0 AS own FROM articles
         WHERE feed_id = ? AND link_key IN ${placeholders(links.length)}`
      : '';
    const rows = await db.all<Row>(
      `SELECT item_key AS k, item_hash, 1 AS own FROM articles
       WHERE feed_id = ? AND item_key IN ${placeholders(batch.length)} ${linkHalf}`,
      links.length ? [feedId, ...batch, feedId, ...links] : [feedId, ...batch],
    );
    for (const row of rows) {
      const key = String(row.k);
      if (Number(row.own) === 1) known.set(key, str(row.item_hash));
      else if (!known.has(key)) known.set(key, null);
    }
  }
  return known;
}

/** Recorded edits of an article, oldest first. */
export async function articleRevisions(db: SqlExecutor, articleId: number): Promise<ArticleRevision[]> {
  const rows = await db.all<Row>('SELECT * FROM article_revisions WHERE article_id = ? ORDER BY id', [
    articleId,
  ]);
  return rows.map((row) => ({
    articleId: Number(row.article_id),
    revisedAt: toDate(row.revised_at),
    changed: String(row.changed).split(',') as RevisedField[],
    previousTitle: String(row.previous_title),
    previousText: str(row.previous_text),
  }));
}

/** Drops text and extraction rows of articles first seen before `olderThan`; keeps the rows as tombstones. */
export async function pruneArticles(tx: SqlExecutor, olderThan: Date, now: Date): Promise<number> {
  const rows = await tx.all<Row>('SELECT id FROM articles WHERE first_seen < ? AND pruned_at IS NULL', [
    olderThan,
  ]);
  const ids = rows.map((row) => Number(row.id));
  for (let i = 0; i < ids.length; i += BATCH) {
    const batch = ids.slice(i, i + BATCH);
    await deleteExtraction(tx, batch);
    // The fingerprint goes too: an edit of an item past retention is not news, so the poller leaves it be.
    await tx.run(
      `UPDATE articles SET text = '', pruned_at = ?, item_hash = NULL WHERE id IN ${placeholders(batch.length)}`,
      [now, ...batch],
    );
    await tx.run(
      `UPDATE article_revisions SET previous_text = NULL WHERE article_id IN ${placeholders(batch.length)}`,
      batch,
    );
  }
  // Counts that fell to zero only cost space (knownSpeakers skips them); pruning is when they are cleared.
  if (ids.length > 0) await tx.run('DELETE FROM speaker_counts WHERE n <= 0');
  return ids.length;
}
