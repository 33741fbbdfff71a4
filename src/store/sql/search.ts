import { speakerKey, topicWords } from '../normalise.ts';
import type { ClaimHit, FigureHit, QuoteFilter, QuoteHit, SearchFilter } from '../port.ts';
import { placeholders, type SearchTable, type SqlDriver, type SqlValue } from './driver.ts';
import { type Row, toArticleRef, toClaim, toFigure, toQuote } from './rows.ts';

const DEFAULT_LIMIT = 25;
const MAX_LIMIT = 500;

interface Conditions {
  where: string[];
  params: SqlValue[];
}

/** The WHERE parts every search shares: tenancy (feed ids), since, topic. Null when nothing can match. */
function sharedConditions(db: SqlDriver, table: SearchTable, filter: SearchFilter): Conditions | null {
  const where: string[] = [];
  const params: SqlValue[] = [];
  if (filter.feedIds) {
    if (filter.feedIds.length === 0) return null;
    where.push(`a.feed_id IN ${placeholders(filter.feedIds.length)}`);
    params.push(...filter.feedIds);
  }
  if (filter.since) {
    where.push('a.first_seen >= ?');
    params.push(filter.since);
  }
  if (filter.topic !== undefined) {
    const words = topicWords(filter.topic);
    if (words.length > 0) {
      const topic = db.topicCondition(table, 'x', words);
      where.push(topic.sql);
      params.push(...topic.params);
    }
  }
  return { where, params };
}

function limitOf(filter: { limit?: number }): number {
  return Math.max(1, Math.min(Math.floor(filter.limit ?? DEFAULT_LIMIT), MAX_LIMIT));
}

async function search(
  db: SqlDriver,
  table: SearchTable,
  conditions: Conditions,
  limit: number,
): Promise<Row[]> {
  const where = conditions.where.length > 0 ? `WHERE ${conditions.where.join(' AND ')}` : '';
  return db.all<Row>(
    `SELECT x.*, a.title AS a_title, a.url AS a_url, a.first_seen AS a_first_seen, f.name AS feed_name
     FROM ${table} x JOIN articles a ON a.id = x.article_id JOIN feeds f ON f.id = a.feed_id
     ${where}
     ORDER BY a.first_seen DESC, x.article_id DESC, x.ord ASC
     LIMIT ?`,
    [...conditions.params, limit],
  );
}

/**
 * Each word of the folded query must be a whole word of the stored speaker key, so "zelensky",
 * "President Zelenský" and "Volodymyr Zelensky" all find "Volodymyr Zelensky".
 */
function speakerConditions(speaker: string, conditions: Conditions): void {
  const words = speakerKey(speaker).split(' ').filter(Boolean);
  for (const word of words) {
    conditions.where.push(`(' ' || x.speaker_key || ' ') LIKE ?`);
    conditions.params.push(`% ${word} %`);
  }
  if (words.length > 0) conditions.where.push('x.speaker_key IS NOT NULL');
}

/** Quotes matching the filter, newest first. */
export async function searchQuotes(db: SqlDriver, filter: QuoteFilter): Promise<QuoteHit[]> {
  const conditions = sharedConditions(db, 'quotes', filter);
  if (!conditions) return [];
  if (filter.fragments === false) {
    conditions.where.push('x.fragment = ?');
    conditions.params.push(false);
  }
  if (filter.speaker !== undefined) speakerConditions(filter.speaker, conditions);
  const rows = await search(db, 'quotes', conditions, limitOf(filter));
  return rows.map((row) => ({ ...toQuote(row), article: toArticleRef(row) }));
}

/** Claims matching the filter, newest first (the topic also matches the claimant). */
export async function searchClaims(db: SqlDriver, filter: SearchFilter): Promise<ClaimHit[]> {
  const conditions = sharedConditions(db, 'claims', filter);
  if (!conditions) return [];
  const rows = await search(db, 'claims', conditions, limitOf(filter));
  return rows.map((row) => ({ ...toClaim(row), article: toArticleRef(row) }));
}

/** Figures matching the filter, newest first. */
export async function searchFigures(db: SqlDriver, filter: SearchFilter): Promise<FigureHit[]> {
  const conditions = sharedConditions(db, 'figures', filter);
  if (!conditions) return [];
  const rows = await search(db, 'figures', conditions, limitOf(filter));
  return rows.map((row) => ({ ...toFigure(row), article: toArticleRef(row) }));
}

/**
 * Named speakers, most quoted first; `prefix` matches the start of any word of the name, forgivingly.
 * Descriptions of unnamed sources are left out.
 */
export async function knownSpeakers(
  db: SqlDriver,
  filter: { feedIds?: number[]; prefix?: string; limit?: number },
): Promise<string[]> {
  const where = ['x.speaker IS NOT NULL'];
  const params: SqlValue[] = [];
  if (filter.feedIds) {
    if (filter.feedIds.length === 0) return [];
    where.push(`a.feed_id IN ${placeholders(filter.feedIds.length)}`);
    params.push(...filter.feedIds);
  }
  const prefix = filter.prefix === undefined ? '' : speakerKey(filter.prefix);
  if (prefix) {
    where.push(`(' ' || x.speaker_key) LIKE ?`);
    params.push(`% ${prefix}%`);
  }
  const limit = limitOf(filter);
  // Unnamed sources ("a senior US source") are descriptions, not names to complete; they start in lower case.
  params.push(limit + 50);
  const rows = await db.all<Row>(
    `SELECT x.speaker AS speaker, count(*) AS n
     FROM quotes x JOIN articles a ON a.id = x.article_id
     WHERE ${where.join(' AND ')}
     GROUP BY x.speaker
     ORDER BY count(*) DESC, x.speaker ASC
     LIMIT ?`,
    params,
  );
  return rows
    .map((row) => String(row.speaker))
    .filter((speaker) => !/^\p{Ll}/u.test(speaker))
    .slice(0, limit);
}
