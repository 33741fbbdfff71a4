import { placeholders, type SqlValue } from './driver.ts';

const DEFAULT_LIMIT = 25;
const MAX_LIMIT = 500;

/** Extra WHERE parts of one search, with their parameters. */
export interface Conditions {
  where: string[];
  params: SqlValue[];
}

/** The feeds (tenancy) and window a search covers; no `feedIds` means every feed. */
export interface Scope {
  feedIds?: number[];
  since?: Date;
}

/**
 * The scope as conditions on `alias`'s feed_id and first_seen columns. `feedPrefix` and `seenPrefix` ('+' in
 * SQLite) keep the planner off an index on that column where a query needs it to.
 */
export function scopeConditions(scope: Scope, alias: string, feedPrefix = '', seenPrefix = ''): Conditions {
  const where: string[] = [];
  const params: SqlValue[] = [];
  if (scope.feedIds) {
    where.push(`${feedPrefix}${alias}.feed_id IN ${placeholders(scope.feedIds.length)}`);
    params.push(...scope.feedIds);
  }
  if (scope.since) {
    where.push(`${seenPrefix}${alias}.first_seen >= ?`);
    params.push(scope.since);
  }
  return { where, params };
}

/** The columns of a hit: the item (`x`), its article (`a`) and the feed's name (`f`). */
export const SELECT_HIT =
  'x.*, a.title AS a_title, a.url AS a_url, a.first_seen AS a_first_seen, f.name AS feed_name';

/** The requested number of hits, within bounds. */
export function limitOf(filter: { limit?: number }): number {
  return Math.max(1, Math.min(Math.floor(filter.limit ?? DEFAULT_LIMIT), MAX_LIMIT));
}
