import { createHash } from 'node:crypto';
import { setMaxListeners } from 'node:events';
import type { ArticleText, Extraction } from '../extract/types.ts';
import type { Logger } from '../log.ts';
import type { FeedRecord, Store, StoredArticle } from '../store/port.ts';
import { isFeedError } from './errors.ts';
import type { ItemIdentity } from './item-keys.ts';
import { type FetchedBatch, selectNewItems, storeNewItems } from './poll-batch.ts';
import type { ParsedFeed, ParsedItem } from './types.ts';

/** One fetch of a feed: either nothing changed (304), or a parsed document with its caching hints. */
export type FeedFetch =
  | { status: 'not-modified'; maxAgeSeconds: number | null }
  | {
      status: 'ok';
      feed: ParsedFeed;
      etag: string | null;
      lastModified: string | null;
      maxAgeSeconds: number | null;
    };

/** What one {@link FeedPoller.poll} did, for callers that report per feed (`briefwire ingest`). */
export type PollOutcome =
  | {
      status: 'ok';
      /** Items in the document. */
      items: number;
      /** Items stored for the first time. */
      fresh: number;
      /** Items the store recognised but whose content changed. */
      updated: number;
      /** The feed's title as parsed. */
      title: string;
    }
  | { status: 'not-modified' }
  | { status: 'failed'; error: string; disabled: boolean }
  | { status: 'aborted' };

/** How the poller reaches the network and the extractor: injected, so the poller stays testable. */
export interface FeedSource {
  /** Fetches and parses a feed, sending back its validators; throws FeedError on failure. */
  fetch(feed: FeedRecord, signal: AbortSignal): Promise<FeedFetch>;
  /** Stable identities for the items, in order (see the identity policy in src/feeds/item-keys.ts). */
  itemKeys(items: readonly ParsedItem[]): ItemIdentity[];
  /** The article text for an item (fetching the page when the item carries only a summary). */
  article(item: ParsedItem, feed: ParsedFeed, record: FeedRecord, signal: AbortSignal): Promise<ArticleText>;
  /** Runs the extraction engine. */
  extract(article: ArticleText): Extraction;
}

/** What a poll produced, for delivery: new articles (none on a feed's first poll) and disabled feeds. */
export interface PollerEvents {
  /** A new article in a primed feed. */
  onArticle?: (article: StoredArticle, feed: FeedRecord) => void | Promise<void>;
  /** A feed's first poll stored these (newest first); subscriptions with a backfill may post some. */
  onPrimed?: (articles: StoredArticle[], feed: FeedRecord) => void | Promise<void>;
  /** A feed reached the failure limit and was disabled. */
  onFeedDisabled?: (feed: FeedRecord, reason: string) => void | Promise<void>;
  /** A fetch finished: ok, not-modified, error or blocked (for metrics). */
  onFetch?: (result: 'ok' | 'not-modified' | 'error' | 'blocked') => void;
  /** Articles stored (new or updated), and how long each extraction took. */
  onIngested?: (count: number, extractSeconds: number[]) => void;
}

/** Options for {@link FeedPoller}. */
export interface FeedPollerOptions extends PollerEvents {
  store: Store;
  source: FeedSource;
  logger: Logger;
  intervalSeconds: number;
  maxFailures: number;
  concurrency: number;
  perHostConcurrency: number;
  /** How often to look for due feeds. */
  tickMs?: number;
  now?: () => Date;
}

const MAX_BACKOFF_SECONDS = 24 * 60 * 60;

/** A stable slot in [0, interval) for a URL, so feeds spread over the interval instead of bunching. */
export function hashSlot(url: string, intervalSeconds: number): number {
  const digest = createHash('sha1').update(url).digest();
  return digest.readUInt32BE(0) % Math.max(1, intervalSeconds);
}

/** When to poll again after a failure: exponential in the failure count, honouring Retry-After, capped. */
export function backoffSeconds(
  intervalSeconds: number,
  failures: number,
  retryAfter: Date | null,
  now: Date,
): number {
  const exponential = Math.min(MAX_BACKOFF_SECONDS, intervalSeconds * 2 ** Math.max(0, failures - 1));
  const asked = retryAfter ? Math.ceil((retryAfter.getTime() - now.getTime()) / 1000) : 0;
  return Math.max(exponential, Math.min(asked, MAX_BACKOFF_SECONDS));
}

function hostOf(url: string): string {
  try {
    return new URL(url).host || 'local';
  } catch {
    return 'local';
  }
}

/** Polls every due feed: one fetch per URL, bounded globally and per host, with backoff and disabling. */
export class FeedPoller {
  private timer: NodeJS.Timeout | undefined;
  private readonly active = new Map<number, Promise<unknown>>();
  private readonly perHost = new Map<string, number>();
  private readonly abort = new AbortController();
  /** When the last tick finished, for /healthz. */
  lastTickAt: Date | null = null;

  constructor(private readonly options: FeedPollerOptions) {
    // Every in-flight fetch listens on this signal (and stops listening when it settles), so the default
    // limit of 10 listeners would warn about a leak at any concurrency above 10.
    setMaxListeners(0, this.abort.signal);
  }

  private now(): Date {
    return this.options.now?.() ?? new Date();
  }

  /** Starts polling: a fill at once and every `tickMs`, and a refill whenever a poll frees its slot. */
  start(): void {
    if (this.timer) return;
    const pump = () => {
      void this.fill().catch((error: unknown) =>
        this.options.logger.error({ err: error }, 'poll tick failed'),
      );
    };
    this.timer = setInterval(pump, this.options.tickMs ?? 5000);
    this.refill = pump;
    this.firstTick = this.drain().catch((error: unknown) => {
      this.options.logger.error({ err: error }, 'poll tick failed');
    });
  }

  /** Settles when the first round after {@link start} has finished: every feed due then was polled once. */
  firstTick: Promise<void> = Promise.resolve();

  /** Set while running: called when a poll frees a slot, so throughput is not bounded by the tick. */
  private refill: (() => void) | undefined;
  private refillQueued = false;

  /** Stops ticking, aborts in-flight fetches and waits for them to settle (nothing half-written). */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    this.refill = undefined;
    this.abort.abort();
    await Promise.allSettled([...this.active.values()]);
  }

  /** Starts a poll for every due feed that fits the concurrency limits; resolves when those polls finish. */
  async tick(): Promise<void> {
    await Promise.allSettled(await this.fill());
  }

  /**
   * Polls until no due feed waits for a slot and none is in flight: a whole round, however many feeds the
   * concurrency limits hold back at first (a first briefing must not miss the third local sample).
   */
  async drain(): Promise<void> {
    do {
      await this.tick();
      await Promise.allSettled([...this.active.values()]);
      // Yield to I/O: a refill running elsewhere makes fill() return at once.
      await new Promise((resolve) => setImmediate(resolve));
    } while ((this.waitingDue > 0 || this.active.size > 0) && !this.abort.signal.aborted);
  }

  /** Due feeds the last fill left for lack of a slot. */
  private waitingDue = 0;

  /**
   * Starts a poll for every due feed that fits the limits and returns them without waiting. The feed list is
   * read at most once per `tickMs`; feeds started since that read are skipped until the next one.
   */
  private async fill(): Promise<Promise<unknown>[]> {
    if (this.filling || this.abort.signal.aborted) return [];
    this.filling = true;
    try {
      const now = this.now();
      const refreshMs = this.options.tickMs ?? 5000;
      if (!this.feeds || now.getTime() - this.feedsReadAt >= refreshMs || this.feedsStale) {
        this.feeds = await this.options.store.listFeeds();
        this.feedsReadAt = now.getTime();
        this.feedsStale = false;
        this.startedSinceRead.clear();
        this.hosts.clear();
      }
      let lagSeconds = 0;
      let waiting = 0;
      const started: Promise<unknown>[] = [];
      for (const feed of this.feeds) {
        // `manual:` feeds hold articles added with `briefwire ingest`: there is nothing to fetch.
        if (feed.disabled || feed.url.startsWith('manual:')) continue;
        if (this.active.has(feed.id) || this.startedSinceRead.has(feed.id)) continue;
        const due = feed.nextPollAt ?? this.firstDue(feed, now);
        if (due > now) {
          if (!feed.nextPollAt) {
            feed.nextPollAt = due;
            await this.options.store.updateFeedState(feed.id, { nextPollAt: due });
          }
          continue;
        }
        lagSeconds = Math.max(lagSeconds, (now.getTime() - due.getTime()) / 1000);
        // The global limit first: with every slot taken, thousands of waiting feeds need no URL parsed.
        if (this.active.size >= this.options.concurrency) {
          waiting++;
          continue;
        }
        const host = this.hostOf(feed.url);
        if ((this.perHost.get(host) ?? 0) >= this.options.perHostConcurrency) {
          waiting++;
          continue;
        }
        this.perHost.set(host, (this.perHost.get(host) ?? 0) + 1);
        this.startedSinceRead.add(feed.id);
        const run = this.poll(feed).finally(() => {
          this.active.delete(feed.id);
          this.perHost.set(host, (this.perHost.get(host) ?? 1) - 1);
          this.queueRefill();
        });
        this.active.set(feed.id, run);
        started.push(run);
      }
      this.lagSeconds = lagSeconds;
      this.waitingDue = waiting;
      this.lastTickAt = this.now();
      return started;
    } finally {
      this.filling = false;
    }
  }

  /** Feed URL → host, for the per-host limit; cleared with each read of the feed list. */
  private readonly hosts = new Map<string, string>();

  private hostOf(url: string): string {
    let host = this.hosts.get(url);
    if (host === undefined) {
      host = hostOf(url);
      this.hosts.set(url, host);
    }
    return host;
  }

  private queueRefill(): void {
    if (!this.refill || this.refillQueued) return;
    this.refillQueued = true;
    setImmediate(() => {
      this.refillQueued = false;
      this.refill?.();
    });
  }

  private filling = false;
  private feeds: FeedRecord[] | undefined;
  private feedsReadAt = 0;
  /** Set by tests and callers that changed feeds directly, so the next fill re-reads them. */
  feedsStale = false;
  private readonly startedSinceRead = new Set<number>();

  /** How far the most overdue feed was past its due time at the last tick. */
  lagSeconds = 0;

  private firstDue(feed: FeedRecord, now: Date): Date {
    // A feed never polled is due now; its later polls keep a stable slot within the interval.
    return feed.lastPolledAt
      ? new Date(now.getTime() + hashSlot(feed.url, this.options.intervalSeconds) * 1000)
      : now;
  }

  /** Polls one feed now and says what happened; never throws. */
  async poll(feed: FeedRecord): Promise<PollOutcome> {
    const { store, source, logger, intervalSeconds } = this.options;
    const signal = this.abort.signal;
    const startedAt = this.now();
    try {
      const result = await this.fetchBatch(feed, signal);
      if (signal.aborted || result.status === 'aborted') return { status: 'aborted' };
      if (result.status === 'not-modified') {
        this.options.onFetch?.('not-modified');
        await store.updateFeedState(feed.id, {
          failures: 0,
          lastError: null,
          lastPolledAt: startedAt,
          nextPollAt: this.nextPoll(startedAt, result.maxAgeSeconds, null),
        });
        return { status: 'not-modified' };
      }
      this.options.onFetch?.('ok');
      const { batch } = result;
      const { fresh: stored, updated } = await storeNewItems(
        store,
        source,
        feed,
        batch,
        signal,
        this.options.onIngested,
      );
      await store.updateFeedState(feed.id, {
        etag: batch.etag,
        lastModified: batch.lastModified,
        failures: 0,
        lastError: null,
        lastPolledAt: startedAt,
        nextPollAt: this.nextPoll(startedAt, batch.maxAgeSeconds, batch.ttl),
        primed: true,
        name: feed.name ?? (batch.title || null),
        language: feed.language ?? batch.language,
      });
      if (!feed.primed) await this.options.onPrimed?.(stored, feed);
      else for (const article of stored) await this.options.onArticle?.(article, feed);
      return { status: 'ok', items: batch.items, fresh: stored.length, updated, title: batch.title };
    } catch (error) {
      if (signal.aborted) return { status: 'aborted' };
      const blocked = isFeedError(error) && error.code === 'blocked';
      this.options.onFetch?.(blocked ? 'blocked' : 'error');
      const failures = feed.failures + 1;
      const message = (error as Error).message;
      const disabled = failures >= this.options.maxFailures;
      const retryAfter = isFeedError(error) ? error.retryAfter : null;
      await store.updateFeedState(feed.id, {
        failures,
        lastError: message,
        lastPolledAt: startedAt,
        disabled,
        nextPollAt: new Date(
          startedAt.getTime() + backoffSeconds(intervalSeconds, failures, retryAfter, startedAt) * 1000,
        ),
      });
      logger.warn(
        { feed: feed.url, failures, err: message },
        disabled ? 'feed disabled' : 'feed poll failed',
      );
      if (disabled)
        await this.options.onFeedDisabled?.({ ...feed, failures, disabled, lastError: message }, message);
      return { status: 'failed', error: message, disabled };
    }
  }

  private nextPoll(from: Date, maxAgeSeconds: number | null, ttlMinutes: number | null): Date {
    const seconds = Math.max(this.options.intervalSeconds, maxAgeSeconds ?? 0, (ttlMinutes ?? 0) * 60);
    return new Date(from.getTime() + Math.min(seconds, MAX_BACKOFF_SECONDS) * 1000);
  }

  /**
   * Fetches the feed and picks its new items; the parsed document lives only in this call, so it is
   * garbage before extraction starts (see poll-batch.ts).
   */
  private async fetchBatch(
    feed: FeedRecord,
    signal: AbortSignal,
  ): Promise<
    | { status: 'not-modified'; maxAgeSeconds: number | null }
    | { status: 'aborted' }
    | { status: 'ok'; batch: FetchedBatch }
  > {
    const { store, source } = this.options;
    const fetched = await source.fetch(feed, signal);
    if (fetched.status === 'not-modified') return fetched;
    if (signal.aborted) return { status: 'aborted' };
    return { status: 'ok', batch: await selectNewItems(store, source, feed, fetched, signal) };
  }
}
