import { speakerKey, topicWords } from '../normalise.ts';
import type { ClaimHit, FigureHit, QuoteFilter, QuoteHit, SearchFilter } from '../port.ts';
import { placeholders, type SqlDriver, type SqlValue } from './driver.ts';
import { type Row, toArticleRef, toClaim, toFigure, toQuote } from './rows.ts';
import { type Conditions, limitOf, type Scope, SELECT_HIT, scopeConditions } from './search-parts.ts';
import { searchByTopic } from './search-topic.ts';
import { speakerWords } from './speaker-rows.ts';

/** The feeds and window a search covers; null when no feed is allowed, so nothing can match. */
function scopeOf(filter: SearchFilter): Scope | null {
  if (filter.feedIds?.length === 0) return null;
  return {
    ...(filter.feedIds ? { feedIds: filter.feedIds } : {}),
    ...(filter.since ? { since: filter.since } : {}),
  };
}

/** Below this many articles in the allowed feeds, sorting them all beats walking every article by time. */
const FEW_ARTICLES = 2_000;

/** Whether the allowed feeds hold fewer than {@link FEW_ARTICLES} articles (counted no further than that). */
async function fewArticles(db: SqlDriver, feedIds: number[]): Promise<boolean> {
  const [row] = await db.all<Row>(
    `SELECT count(*) AS n FROM (SELECT 1 FROM articles WHERE feed_id IN ${placeholders(feedIds.length)} LIMIT ?) c`,
    [...feedIds, FEW_ARTICLES],
  );
  return Number(row?.n) < FEW_ARTICLES;
}

/**
 * Without a topic or a name: walks articles newest first and stops at LIMIT. SQLite is kept off the
 * (feed_id, first_seen) index with `+`, as reading every row of the allowed feeds to sort them is slow;
 * unless those feeds hold few articles, when the walk could pass every other feed's articles first.
 */
async function newest(
  db: SqlDriver,
  table: 'quotes' | 'claims' | 'figures',
  scope: Scope,
  extra: Conditions,
  limit: number,
): Promise<Row[]> {
  const walk = db.dialect === 'sqlite' && !(scope.feedIds && (await fewArticles(db, scope.feedIds)));
  const scoped = scopeConditions(scope, 'a', walk ? '+' : '');
  const where = ['x.article_id = a.id', 'f.id = a.feed_id', ...extra.where, ...scoped.where];
  const params: SqlValue[] = [...extra.params, ...scoped.params];
  return db.all<Row>(
    `SELECT ${SELECT_HIT} FROM articles a CROSS JOIN ${table} x CROSS JOIN feeds f
     WHERE ${where.join(' AND ')}
     ORDER BY a.first_seen DESC, a.id DESC, x.ord ASC
     LIMIT ?`,
    [...params, limit],
  );
}

/**
 * Quotes by a speaker without a topic: walks one word's rows of `quote_speaker_words`, which are in result
 * order, checking the other words (and fragments) with one index seek each, so it stops at LIMIT instead of
 * matching every quote. The walk is a subquery of that table alone, so Postgres' planner cannot swap it
 * for hashing every row of each word.
 */
async function bySpeaker(
  db: SqlDriver,
  scope: Scope,
  words: string[],
  wholeOnly: boolean,
  limit: number,
): Promise<Row[]> {
  // The longest word is the likeliest to be rare (a surname rather than "de" or "al").
  const lead = words.reduce((a, b) => (b.length > a.length ? b : a));
  const scoped = scopeConditions(scope, 's');
  const where = ['s.word = ?', ...scoped.where];
  const params: SqlValue[] = [lead, ...scoped.params];
  for (const word of words) {
    if (word === lead) continue;
    where.push(`EXISTS (SELECT 1 FROM quote_speaker_words w
      WHERE w.word = ? AND w.first_seen = s.first_seen AND w.article_id = s.article_id AND w.ord = s.ord)`);
    params.push(word);
  }
  if (wholeOnly) {
    where.push(`EXISTS (SELECT 1 FROM quotes q
      WHERE q.article_id = s.article_id AND q.ord = s.ord AND q.fragment = ?)`);
    params.push(false);
  }
  const order = 'ORDER BY s.first_seen DESC, s.article_id DESC, s.ord ASC';
  return db.all<Row>(
    `SELECT ${SELECT_HIT}
     FROM (SELECT s.first_seen, s.article_id, s.ord FROM quote_speaker_words s
       WHERE ${where.join(' AND ')} ${order} LIMIT ?) s
     CROSS JOIN quotes x CROSS JOIN articles a CROSS JOIN feeds f
     WHERE x.article_id = s.article_id AND x.ord = s.ord AND a.id = s.article_id AND f.id = a.feed_id
     ${order}`,
    [...params, limit],
  );
}

/** Rows of `table` matching the filter and the extra conditions, newest first, by the cheapest plan. */
function searchRows(
  db: SqlDriver,
  table: 'quotes' | 'claims' | 'figures',
  scope: Scope,
  filter: SearchFilter,
  extra: Conditions,
): Promise<Row[]> {
  const words = filter.topic === undefined ? [] : topicWords(filter.topic);
  const limit = limitOf(filter);
  if (words.length > 0) return searchByTopic(db, table, scope, words, extra, limit);
  return newest(db, table, scope, extra, limit);
}

/** Quotes matching the filter, newest first. */
export async function searchQuotes(db: SqlDriver, filter: QuoteFilter): Promise<QuoteHit[]> {
  const scope = scopeOf(filter);
  if (!scope) return [];
  const extra: Conditions = { where: [], params: [] };
  if (filter.fragments === false) {
    extra.where.push('x.fragment = ?');
    extra.params.push(false);
  }
  // Each word of the folded name must be a whole word of the stored speaker key, so "zelensky",
  // "President Zelenský" and "Volodymyr Zelensky" all find "Volodymyr Zelensky".
  const words = filter.speaker === undefined ? [] : speakerWords(speakerKey(filter.speaker));
  const hasTopic = filter.topic !== undefined && topicWords(filter.topic).length > 0;
  let rows: Row[];
  if (words.length > 0 && !hasTopic) {
    rows = await bySpeaker(db, scope, words, filter.fragments === false, limitOf(filter));
  } else {
    for (const word of words) {
      extra.where.push(`(' ' || x.speaker_key || ' ') LIKE ?`);
      extra.params.push(`% ${word} %`);
    }
    if (words.length > 0) extra.where.push('x.speaker_key IS NOT NULL');
    rows = await searchRows(db, 'quotes', scope, filter, extra);
  }
  return rows.map((row) => ({ ...toQuote(row), article: toArticleRef(row) }));
}

/** Claims matching the filter, newest first (the topic also matches the claimant). */
export async function searchClaims(db: SqlDriver, filter: SearchFilter): Promise<ClaimHit[]> {
  const scope = scopeOf(filter);
  if (!scope) return [];
  const rows = await searchRows(db, 'claims', scope, filter, { where: [], params: [] });
  return rows.map((row) => ({ ...toClaim(row), article: toArticleRef(row) }));
}

/** Figures matching the filter, newest first. */
export async function searchFigures(db: SqlDriver, filter: SearchFilter): Promise<FigureHit[]> {
  const scope = scopeOf(filter);
  if (!scope) return [];
  const rows = await searchRows(db, 'figures', scope, filter, { where: [], params: [] });
  return rows.map((row) => ({ ...toFigure(row), article: toArticleRef(row) }));
}

/**
 * Named speakers, most quoted first; `prefix` matches the start of any word of the name, forgivingly.
 * Descriptions of unnamed sources are left out. Reads `speaker_counts` (quotes per speaker and feed), not
 * the quotes: SQLite scans it in speaker order (`+` keeps it off the feed index), so no sort per group.
 */
export async function knownSpeakers(
  db: SqlDriver,
  filter: { feedIds?: number[]; prefix?: string; limit?: number },
): Promise<string[]> {
  if (filter.feedIds?.length === 0) return [];
  const { where, params } = scopeConditions(
    { feedIds: filter.feedIds },
    'c',
    db.dialect === 'sqlite' ? '+' : '',
  );
  const prefix = filter.prefix === undefined ? '' : speakerKey(filter.prefix);
  if (prefix) {
    where.push(`(' ' || c.speaker_key) LIKE ?`);
    params.push(`% ${prefix}%`);
  }
  const limit = limitOf(filter);
  // Unnamed sources ("a senior US source") are descriptions, not names to complete; they start in lower case.
  params.push(limit + 50);
  const rows = await db.all<Row>(
    `SELECT c.speaker AS speaker, sum(c.n) AS n
     FROM speaker_counts c
     ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
     GROUP BY c.speaker
     HAVING sum(c.n) > 0
     ORDER BY sum(c.n) DESC, c.speaker ASC
     LIMIT ?`,
    params,
  );
  return rows
    .map((row) => String(row.speaker))
    .filter((speaker) => !/^\p{Ll}/u.test(speaker))
    .slice(0, limit);
}
