import type { SqlValue } from './driver.ts';

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

/** The columns of a hit: the item (`x`), its article (`a`) and the feed's name (`f`). */
export const SELECT_HIT =
  'x.*, a.title AS a_title, a.url AS a_url, a.first_seen AS a_first_seen, f.name AS feed_name';

/** The requested number of hits, within bounds. */
export function limitOf(filter: { limit?: number }): number {
  return Math.max(1, Math.min(Math.floor(filter.limit ?? DEFAULT_LIMIT), MAX_LIMIT));
}
