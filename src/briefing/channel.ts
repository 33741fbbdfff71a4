import type { ChannelKey, Store } from '../store/port.ts';
import type { Reply } from './blocks.ts';
import type { BriefingBudget } from './budget.ts';
import { composeBriefing } from './compose.ts';

const DAY = 24 * 3_600_000;
/** How many articles one digest considers at most (newest first). */
export const DIGEST_ARTICLE_LIMIT = 500;

/** The feeds a channel's briefing covers: its active subscriptions, else the global feeds. */
export async function briefingFeedIds(
  store: Store,
  channel: ChannelKey,
  globalFeedIds: number[],
): Promise<number[]> {
  const subscriptions = await store.listSubscriptions(channel);
  const active = subscriptions.filter((s) => !s.paused).map((s) => s.feedId);
  return active.length > 0 ? active : [...globalFeedIds];
}

/** Where a briefing window starts by default: the channel's last scheduled briefing, else 24 h ago. */
export async function defaultWindowStart(store: Store, channel: ChannelKey, now: Date): Promise<Date> {
  const last = await store.lastBriefingAt(channel);
  return last && last < now ? last : new Date(now.getTime() - DAY);
}

/** Options for {@link briefChannel}. */
export interface ChannelBriefingOptions {
  now: Date;
  /** Window start; default: {@link defaultWindowStart}. */
  since?: Date;
  /** Window end (a schedule's fire time); default `now`. */
  until?: Date;
  topic?: string;
  globalFeedIds: number[];
  budget?: BriefingBudget;
  title?: string;
}

/** The digest for a channel and window: its feeds' articles first seen in the window, composed. */
export async function briefChannel(
  store: Store,
  channel: ChannelKey,
  options: ChannelBriefingOptions,
): Promise<Reply> {
  const until = options.until ?? options.now;
  const since = options.since ?? (await defaultWindowStart(store, channel, until));
  const feedIds = await briefingFeedIds(store, channel, options.globalFeedIds);
  const articles =
    feedIds.length === 0
      ? []
      : await store.articlesSeen({
          feedIds,
          since,
          until,
          limit: DIGEST_ARTICLE_LIMIT,
          // The store narrows by topic first, so the article limit applies to matching articles only.
          ...(options.topic ? { topic: options.topic } : {}),
        });
  return composeBriefing(articles, {
    since,
    now: until,
    ...(options.topic ? { topic: options.topic } : {}),
    ...(options.budget ? { budget: options.budget } : {}),
    ...(options.title ? { title: options.title } : {}),
  });
}
