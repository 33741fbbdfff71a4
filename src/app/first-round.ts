import { setTimeout as sleep } from 'node:timers/promises';
import type { Store } from '../store/port.ts';

/** How often the store is asked whether the cluster's workers have fetched every feed yet. */
const CHECK_MS = 500;

/**
 * Resolves once every feed in `feedIds` was fetched at least once or has failed, or after `maxMs`: in cluster
 * mode polls run as jobs on any worker, so the store is the only place that knows the first round is in.
 */
export async function firstRoundStored(
  store: Store,
  feedIds: () => readonly number[],
  options: { maxMs?: number; signal?: AbortSignal } = {},
): Promise<void> {
  const until = Date.now() + (options.maxMs ?? 60_000);
  while (Date.now() < until && !options.signal?.aborted) {
    const wanted = new Set(feedIds());
    const feeds = (await store.listFeeds()).filter((feed) => wanted.has(feed.id));
    const pending = feeds.filter(
      (feed) =>
        !feed.disabled &&
        feed.lastPolledAt === null &&
        feed.failures === 0 &&
        !feed.url.startsWith('manual:'),
    );
    if (pending.length === 0) return;
    await sleep(CHECK_MS, undefined, { signal: options.signal }).catch(() => undefined);
  }
}
