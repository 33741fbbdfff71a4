import type { Reply } from '../briefing/blocks.ts';
import { composeArticleBriefing } from '../briefing/compose.ts';
import type { ChatAdapter, PostResult } from '../chat/port.ts';
import type { Logger } from '../log.ts';
import type { Metrics } from '../ops/metrics.ts';
import type { ChannelKey, FeedRecord, Store, StoredArticle } from '../store/port.ts';

/** Posts replies to channels through their platform's adapter, and delivers articles exactly once. */
export class Delivery {
  constructor(
    private readonly store: Store,
    private readonly adapters: Map<ChannelKey['platform'], ChatAdapter>,
    private readonly metrics: Metrics,
    private readonly logger: Logger,
    /** Claims are leases of this many ms (cluster mode): a process killed mid-post leaves a claim that expires. */
    private readonly leaseMs?: number,
  ) {}

  /** Posts to a channel; a channel the bot lost is paused, never retried in a storm. Never throws. */
  async post(channel: ChannelKey, reply: Reply): Promise<PostResult> {
    const adapter = this.adapters.get(channel.platform);
    if (!adapter) return { ok: false, reason: 'error', detail: `no ${channel.platform} adapter running` };
    let result: PostResult;
    try {
      result = await adapter.post(channel, reply);
    } catch (error) {
      result = { ok: false, reason: 'error', detail: (error as Error).message };
    }
    this.metrics.posts.inc({ platform: channel.platform, result: result.ok ? 'ok' : result.reason });
    if (!result.ok && result.reason === 'no-access') await this.pause(channel, result.detail);
    return result;
  }

  /** Pauses a channel's subscriptions and schedules after the platform refused access (logged once). */
  async pause(channel: ChannelKey, detail: string): Promise<void> {
    if (await this.store.setChannelPaused(channel, true))
      this.logger.warn(
        { channel, detail },
        'lost access to channel: pausing its subscriptions and schedules',
      );
  }

  /**
   * Posts an article to one channel once: the delivery key is claimed first, marked sent after the post, and
   * given back if the post fails. Returns false when the post failed.
   */
  async deliverArticle(article: StoredArticle, channel: ChannelKey): Promise<boolean> {
    const key = `article:${article.id}`;
    const lease = this.leaseMs === undefined ? undefined : { leaseMs: this.leaseMs };
    if (!(await this.store.claimDelivery(key, channel, lease))) return true;
    const result = await this.post(channel, composeArticleBriefing(article));
    if (result.ok) await this.store.completeDelivery(key, channel);
    else await this.store.releaseDelivery(key, channel);
    return result.ok;
  }

  /** A new article: posted to every active `each` subscription of its feed. Returns how many posts failed. */
  async onArticle(article: StoredArticle, feed: FeedRecord): Promise<number> {
    let failed = 0;
    for (const sub of await this.store.subscriptionsForFeed(feed.id)) {
      if (sub.mode === 'each' && !sub.paused && !(await this.deliverArticle(article, sub.channel))) failed++;
    }
    return failed;
  }

  /**
   * A feed's first poll: `each` subscriptions that asked for a backfill get that many of the newest items.
   * Returns how many posts failed.
   */
  async onPrimed(articles: StoredArticle[], feed: FeedRecord): Promise<number> {
    let failed = 0;
    for (const sub of await this.store.subscriptionsForFeed(feed.id)) {
      if (sub.mode !== 'each' || sub.paused || sub.backfill <= 0) continue;
      for (const article of articles.slice(0, sub.backfill).reverse())
        if (!(await this.deliverArticle(article, sub.channel))) failed++;
    }
    return failed;
  }

  /** A feed was disabled after repeated failures: tell every subscribed channel how to bring it back. */
  async onFeedDisabled(feed: FeedRecord, reason: string): Promise<void> {
    const text = `The feed ${feed.name ?? feed.url} failed ${feed.failures} times in a row (${reason}) and is disabled. Use /feeds enable ${feed.id} to try it again.`;
    const reply: Reply = { visibility: 'public', summary: text, blocks: [{ type: 'text', text }] };
    for (const sub of await this.store.subscriptionsForFeed(feed.id)) {
      if (!sub.paused) await this.post(sub.channel, reply);
    }
  }
}
