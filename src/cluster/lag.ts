import type { FeedRecord } from '../store/port.ts';

/**
 * How far the most overdue feed is past its due time, cluster-wide, from the shared store: a feed due but not
 * fetched shows here whichever worker should have fetched it. Disabled and never-scheduled feeds do not count.
 */
export function pollLagSeconds(feeds: readonly FeedRecord[], now: Date): number {
  let lag = 0;
  for (const feed of feeds) {
    if (feed.disabled || !feed.nextPollAt) continue;
    lag = Math.max(lag, (now.getTime() - feed.nextPollAt.getTime()) / 1000);
  }
  return lag;
}

/** Whether the lag means the poll queue is behind: a feed missed a whole interval. */
export function lagging(lagSeconds: number, intervalSeconds: number): boolean {
  return lagSeconds > intervalSeconds;
}
