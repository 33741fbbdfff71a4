import type { SqlDriver, SqlValue } from './driver.ts';
import { type Row, toDate } from './rows.ts';
import { type Conditions, type Scope, SELECT_HIT, scopeConditions } from './search-parts.ts';

type ItemTable = 'quotes' | 'claims' | 'figures';

/**
 * How many of the newest articles a topic search looks at first, then next, before it searches everything.
 * A common topic is answered from the first window; a rare one costs little to search in full.
 */
const WINDOWS = [1_000, 10_000];

/**
 * Rows matching the topic among items with id >= `minId` (all when undefined), newest first. The full-text
 * index drives the plan; SQLite is kept from walking an article index instead (`+`).
 */
function matching(
  db: SqlDriver,
  table: ItemTable,
  scope: Scope,
  words: string[],
  extra: Conditions,
  limit: number,
  minId?: number,
): Promise<Row[]> {
  const topic = db.topicCondition(table, 'x', words, minId);
  const plus = db.dialect === 'sqlite' ? '+' : '';
  const scoped = scopeConditions(scope, 'a', plus, plus);
  const where = [topic.sql, ...extra.where, ...scoped.where];
  const params: SqlValue[] = [...topic.params, ...extra.params, ...scoped.params];
  return db.all<Row>(
    `SELECT ${SELECT_HIT}
     FROM ${table} x JOIN articles a ON a.id = x.article_id JOIN feeds f ON f.id = a.feed_id
     WHERE ${where.join(' AND ')}
     ORDER BY a.first_seen DESC, a.id DESC, x.ord ASC
     LIMIT ?`,
    [...params, limit],
  );
}

/**
 * Items matching a topic, newest first. Full-text indexes yield matches in id order, not by time, so a
 * common topic would mean joining and sorting tens of thousands of matches for ten hits (Postgres' planner
 * does just that from its GIN index). Instead the search looks at the newest articles first: every item of an
 * article first seen at or after the window's start has an id >= the smallest item id of articles with an id
 * >= the smallest article id in the window, so the full-text match can be bounded by that id, and hits from
 * the window are exact as soon as there are `limit` of them (everything outside it was first seen earlier).
 * Otherwise the next, larger window, and last everything. `windows` is for tests.
 */
export async function searchByTopic(
  db: SqlDriver,
  table: ItemTable,
  scope: Scope,
  words: string[],
  extra: Conditions,
  limit: number,
  windows: readonly number[] = WINDOWS,
): Promise<Row[]> {
  for (const size of windows) {
    const [edge] = await db.all<Row>(
      'SELECT first_seen FROM articles ORDER BY first_seen DESC LIMIT 1 OFFSET ?',
      [size - 1],
    );
    if (!edge) break;
    const start = toDate(edge.first_seen);
    // A since at or after the window's start bounds the search better than the window does.
    if (scope.since && scope.since >= start) break;
    // `+ 0` keeps min() from walking the primary key from the oldest row up: the (first_seen) and
    // (article_id, ord) indexes read only the window.
    const [bound] = await db.all<Row>(
      `SELECT min(x.id + 0) AS lo FROM ${table} x
         WHERE x.article_id >= (SELECT min(a.id + 0) FROM articles a WHERE a.first_seen >= ?)`,
      [start],
    );
    if (bound?.lo === null || bound?.lo === undefined) continue;
    const rows = await matching(db, table, { ...scope, since: start }, words, extra, limit, Number(bound.lo));
    if (rows.length >= limit) return rows;
  }
  return matching(db, table, scope, words, extra, limit);
}
