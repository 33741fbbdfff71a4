import type { Claim, Extraction, Figure, Quote } from '../extract/types.ts';

/** A chat channel: platform + workspace (Slack team or Discord guild) + channel id. */
export interface ChannelKey {
  platform: 'discord' | 'slack' | 'terminal';
  workspace: string;
  channel: string;
}

/** How a subscription delivers: in the scheduled digest, or each new article as it arrives. */
export type SubscriptionMode = 'digest' | 'each';

/** A feed and its polling state. */
export interface FeedRecord {
  id: number;
  url: string;
  name: string | null;
  /** Config-file and `--feed` feeds are global: every channel's queries see them. */
  global: boolean;
  /** Declared language from the feed, if any. */
  language: string | null;
  etag: string | null;
  lastModified: string | null;
  failures: number;
  disabled: boolean;
  lastError: string | null;
  lastPolledAt: Date | null;
  nextPollAt: Date | null;
  /** Whether the first poll happened (the first poll stores items and posts none). */
  primed: boolean;
}

/** The polling-state fields a poll may change. */
export type FeedStateUpdate = Partial<
  Pick<
    FeedRecord,
    | 'etag'
    | 'lastModified'
    | 'failures'
    | 'disabled'
    | 'lastError'
    | 'lastPolledAt'
    | 'nextPollAt'
    | 'primed'
    | 'name'
    | 'language'
  >
>;

/** An article as the feed layer hands it to the store. */
export interface NewArticle {
  feedId: number;
  /** Stable identity within the feed (guid, canonical link or hash: see src/feeds identity policy). */
  itemKey: string;
  url: string | null;
  title: string;
  published: Date | null;
  /** The text the extraction ran on (the `.txt` article format), so offsets stay checkable. */
  text: string;
  extraction: Extraction;
  /**
   * The fingerprint of the feed item as the feed gave it (see src/feeds/item-hash.ts), stored so the next poll
   * can tell an edited item from an unchanged one; null or absent when there is none (an article added by
   * hand). Not part of what makes a re-ingest an edit: a re-ingest that changes only this is `unchanged`.
   */
  itemHash?: string | null;
  /**
   * The item's `link:` key when its item key is something else (a guid), so that the item is still known
   * when its guid changes and its link does not; null or absent otherwise.
   */
  linkKey?: string | null;
}

/** A stored article. `firstSeen` is when briefwire first saw it: windows count from it. */
export interface StoredArticle extends Omit<NewArticle, 'extraction' | 'itemHash' | 'linkKey'> {
  id: number;
  feedName: string | null;
  firstSeen: Date;
  updatedAt: Date;
  language: string;
  analysed: boolean;
  extraction: Extraction;
}

/** What an upsert did: idempotent re-ingest is `unchanged`; an edit keeps the id and is `updated`. */
export type UpsertStatus = 'new' | 'updated' | 'unchanged';

/** An article field whose change makes a re-ingest an edit; `extraction` is listed only when nothing else changed. */
export type RevisedField = 'title' | 'text' | 'url' | 'published' | 'extraction';

/** What an edit changed, with the values it replaced. */
export interface ArticleRevision {
  articleId: number;
  revisedAt: Date;
  changed: RevisedField[];
  previousTitle: string;
  /** The text before the edit; null once the article was pruned. */
  previousText: string | null;
}

/** Options for {@link Store.claimDelivery}. */
export interface ClaimOptions {
  /**
   * Make the claim a lease: unless {@link Store.completeDelivery} marks it sent within this many ms, another
   * worker may claim it again (a process killed mid-post then causes a retry, not a lost item). Without it the
   * claim is permanent.
   */
  leaseMs?: number;
}

/** The article a search hit comes from. */
export interface ArticleRef {
  articleId: number;
  title: string;
  url: string | null;
  feedName: string | null;
  firstSeen: Date;
}

/** A quote, claim or figure found by a query, with its article. */
export type QuoteHit = Quote & { article: ArticleRef };
export type ClaimHit = Claim & { article: ArticleRef };
export type FigureHit = Figure & { article: ArticleRef };

/** Filters shared by the query commands. */
export interface SearchFilter {
  /** Only these feeds (the tenancy rule picks them); undefined = all feeds. */
  feedIds?: number[];
  /** Full-text topic: matched against the item's sentence and its article's title. */
  topic?: string;
  /** Only articles first seen at or after this instant. */
  since?: Date;
  /** At most this many hits (default 25, capped at 500). */
  limit?: number;
}

/** Filters for quote searches. */
export interface QuoteFilter extends SearchFilter {
  /** Who said it: matched forgivingly (surname only, any case, no accents, titles ignored). */
  speaker?: string;
  /** `false` leaves out fragments (a few scare-quoted words inside a sentence); default true. */
  fragments?: boolean;
}

/** A channel's subscription to a feed. */
export interface Subscription {
  channel: ChannelKey;
  feedId: number;
  mode: SubscriptionMode;
  /** How many existing items to post on the first poll (0 = none). */
  backfill: number;
  paused: boolean;
  createdAt: Date;
}

/** A channel's scheduled briefing. */
export interface Schedule {
  id: number;
  channel: ChannelKey;
  cron: string;
  timezone: string;
  paused: boolean;
  lastRunAt: Date | null;
}

/** The storage port: SQLite and Postgres implement it, one contract test suite checks both. */
export interface Store {
  /** Runs pending migrations (versioned, forward-only); safe when two processes start at once. */
  migrate(): Promise<void>;
  /** Closes the connection(s). */
  close(): Promise<void>;
  /** Whether the database answers (for /healthz). */
  ping(): Promise<boolean>;

  /** Adds a feed by URL or returns the existing one (a later `global: true` promotes it). */
  upsertFeed(feed: {
    url: string;
    name?: string | null;
    global: boolean;
    language?: string | null;
  }): Promise<FeedRecord>;
  /** A feed by id. */
  getFeed(id: number): Promise<FeedRecord | null>;
  /** A feed by exact URL. */
  getFeedByUrl(url: string): Promise<FeedRecord | null>;
  /** Every feed. */
  listFeeds(): Promise<FeedRecord[]>;
  /** Updates a feed's polling state. */
  updateFeedState(id: number, update: FeedStateUpdate): Promise<void>;

  /** Stores an article idempotently, keyed by (feedId, itemKey); records what changed when it was edited. */
  upsertArticle(article: NewArticle): Promise<{ article: StoredArticle; status: UpsertStatus }>;
  /**
   * {@link upsertArticle} for many articles (one poll's items) in one transaction: the same status per article
   * as upserting them one by one in order, results in input order, and nothing stored if any of them fails.
   */
  upsertArticles(articles: NewArticle[]): Promise<{ article: StoredArticle; status: UpsertStatus }[]>;
  /** An article by id. */
  getArticle(id: number): Promise<StoredArticle | null>;
  /** Articles of these feeds first seen in [since, until), newest first (default limit 500; pruned ones left out). */
  articlesSeen(filter: {
    feedIds?: number[];
    since: Date;
    until?: Date;
    /** Full-text topic matched against the title and text (every word, as a prefix). */
    topic?: string;
    limit?: number;
  }): Promise<StoredArticle[]>;
  /** Whether the feed already holds an article with this key (pruned articles included: they are tombstones). */
  hasArticle(feedId: number, itemKey: string): Promise<boolean>;
  /** Which of these item keys the feed already holds, in one query (pruned tombstones included). */
  knownItemKeys(feedId: number, itemKeys: string[]): Promise<Set<string>>;
  /**
   * {@link knownItemKeys} with each known key's stored item fingerprint (null when it has none), where a key
   * is also known when it is a stored article's {@link NewArticle.linkKey} (then null: it is another item's
   * key, nothing to compare with). One query per 500 keys; keys the feed does not hold are left out.
   */
  knownItems(feedId: number, itemKeys: string[]): Promise<Map<string, string | null>>;
  /** The edits recorded for an article, oldest first. */
  articleRevisions(articleId: number): Promise<ArticleRevision[]>;
  /**
   * Retention: drops the text and extraction rows of articles first seen before `olderThan`, keeping their
   * item keys so a pruned item never comes back as new. Returns how many articles it pruned.
   */
  pruneArticles(olderThan: Date): Promise<number>;

  /** Quotes, newest first; `speaker` matches forgivingly (surname, case, diacritics). */
  searchQuotes(filter: QuoteFilter): Promise<QuoteHit[]>;
  /** Claims, newest first; `topic` also matches the claimant. */
  searchClaims(filter: SearchFilter): Promise<ClaimHit[]>;
  /** Figures, newest first. */
  searchFigures(filter: SearchFilter): Promise<FigureHit[]>;
  /** Named speakers for autocomplete, most quoted first (unnamed sources left out; default limit 25). */
  knownSpeakers(filter: { feedIds?: number[]; prefix?: string; limit?: number }): Promise<string[]>;

  /** Subscribes a channel to a feed (or updates mode/backfill of an existing subscription). */
  subscribe(sub: {
    channel: ChannelKey;
    feedId: number;
    mode: SubscriptionMode;
    backfill?: number;
  }): Promise<Subscription>;
  /** Removes a subscription; returns whether one existed. */
  unsubscribe(channel: ChannelKey, feedId: number): Promise<boolean>;
  /** A channel's subscriptions. */
  listSubscriptions(channel: ChannelKey): Promise<Subscription[]>;
  /** Every subscription to a feed, across channels. */
  subscriptionsForFeed(feedId: number): Promise<Subscription[]>;
  /** Feed ids subscribed anywhere in a workspace or guild (paused subscriptions included), ascending. */
  workspaceFeedIds(platform: ChannelKey['platform'], workspace: string): Promise<number[]>;
  /**
   * Pauses or resumes all of a channel's subscriptions and schedules (lost access, kicked). Returns whether
   * any of them changed, so a channel found lost again while already paused is not reported twice.
   */
  setChannelPaused(channel: ChannelKey, paused: boolean): Promise<boolean>;
  /** Pauses or resumes every channel of a workspace or guild (the bot was removed from it). */
  setWorkspacePaused(platform: ChannelKey['platform'], workspace: string, paused: boolean): Promise<void>;

  /** Creates or replaces a channel's schedule (one per channel: a replacement keeps the id). */
  upsertSchedule(schedule: { channel: ChannelKey; cron: string; timezone: string }): Promise<Schedule>;
  /** Removes a channel's schedule(s); returns how many. */
  deleteSchedules(channel: ChannelKey): Promise<number>;
  /** Every schedule. */
  listSchedules(): Promise<Schedule[]>;
  /** Records that a schedule ran at this time. */
  markScheduleRun(id: number, at: Date): Promise<void>;

  /**
   * Claims a delivery key (an article or a briefing window) for a channel. Returns true the first time only
   * (exactly one winner among concurrent callers, across processes), so a retried job never posts twice.
   */
  claimDelivery(key: string, channel: ChannelKey, options?: ClaimOptions): Promise<boolean>;
  /** Marks a claimed delivery as posted: a leased claim then never expires. */
  completeDelivery(key: string, channel: ChannelKey): Promise<void>;
  /** Gives a claimed, not yet completed delivery back after a failed post, so it is retried later. */
  releaseDelivery(key: string, channel: ChannelKey): Promise<void>;
  /** When this channel last received a scheduled briefing, if ever. */
  lastBriefingAt(channel: ChannelKey): Promise<Date | null>;
  /** Records that a briefing was posted to the channel. */
  recordBriefing(channel: ChannelKey, at: Date): Promise<void>;
}
