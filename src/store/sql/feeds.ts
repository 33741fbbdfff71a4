import type { FeedRecord, FeedStateUpdate } from '../port.ts';
import type { SqlExecutor, SqlValue } from './driver.ts';
import { type Row, toFeed } from './rows.ts';

const STATE_COLUMNS: Record<keyof FeedStateUpdate, string> = {
  etag: 'etag',
  lastModified: 'last_modified',
  failures: 'failures',
  disabled: 'disabled',
  lastError: 'last_error',
  lastPolledAt: 'last_polled_at',
  nextPollAt: 'next_poll_at',
  primed: 'primed',
  name: 'name',
  language: 'language',
};

/**
 * Adds a feed or returns the existing one. `global` only ever promotes; the operator's (global) name and
 * language win over a user's, and a user's only fill what is missing.
 */
export async function upsertFeed(
  db: SqlExecutor,
  feed: { url: string; name?: string | null; global: boolean; language?: string | null },
  now: Date,
): Promise<FeedRecord> {
  const rows = await db.all<Row>(
    `INSERT INTO feeds (url, name, is_global, language, created_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (url) DO UPDATE SET
       is_global = feeds.is_global OR excluded.is_global,
       name = CASE WHEN excluded.is_global THEN coalesce(excluded.name, feeds.name)
                   ELSE coalesce(feeds.name, excluded.name) END,
       language = CASE WHEN excluded.is_global THEN coalesce(excluded.language, feeds.language)
                       ELSE coalesce(feeds.language, excluded.language) END
     RETURNING *`,
    [feed.url, feed.name ?? null, feed.global, feed.language ?? null, now],
  );
  const row = rows[0];
  if (!row) throw new Error(`feed upsert returned no row for ${feed.url}`);
  return toFeed(row);
}

/** A feed by id. */
export async function getFeed(db: SqlExecutor, id: number): Promise<FeedRecord | null> {
  const [row] = await db.all<Row>('SELECT * FROM feeds WHERE id = ?', [id]);
  return row ? toFeed(row) : null;
}

/** A feed by exact URL. */
export async function getFeedByUrl(db: SqlExecutor, url: string): Promise<FeedRecord | null> {
  const [row] = await db.all<Row>('SELECT * FROM feeds WHERE url = ?', [url]);
  return row ? toFeed(row) : null;
}

/** Every feed, oldest first. */
export async function listFeeds(db: SqlExecutor): Promise<FeedRecord[]> {
  const rows = await db.all<Row>('SELECT * FROM feeds ORDER BY id');
  return rows.map(toFeed);
}

/** Writes only the polling-state fields present in `update`. */
export async function updateFeedState(db: SqlExecutor, id: number, update: FeedStateUpdate): Promise<void> {
  const sets: string[] = [];
  const params: SqlValue[] = [];
  for (const [field, column] of Object.entries(STATE_COLUMNS) as [keyof FeedStateUpdate, string][]) {
    if (!(field in update) || update[field] === undefined) continue;
    sets.push(`${column} = ?`);
    params.push(update[field]);
  }
  if (sets.length === 0) return;
  await db.run(`UPDATE feeds SET ${sets.join(', ')} WHERE id = ?`, [...params, id]);
}
