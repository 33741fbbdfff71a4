import type {
  ArticleRevision,
  ChannelKey,
  ClaimHit,
  ClaimOptions,
  FeedRecord,
  FeedStateUpdate,
  FigureHit,
  NewArticle,
  QuoteFilter,
  QuoteHit,
  Schedule,
  SearchFilter,
  Store,
  StoredArticle,
  Subscription,
  SubscriptionMode,
  UpsertStatus,
} from '../port.ts';
import * as batch from './article-batch.ts';
import * as articles from './articles.ts';
import * as channels from './channels.ts';
import type { SqlDriver } from './driver.ts';
import * as feeds from './feeds.ts';
import * as search from './search.ts';

/** Options shared by both SQL stores. */
export interface SqlStoreOptions {
  /** The clock for first-seen, updated and claim times; tests pass a fixed one. */
  now?: () => Date;
}

/** The Store port over any {@link SqlDriver}: one implementation of the rules, two databases. */
export class SqlStore implements Store {
  private readonly now: () => Date;

  constructor(
    private readonly db: SqlDriver,
    options: SqlStoreOptions = {},
  ) {
    this.now = options.now ?? (() => new Date());
  }

  migrate(): Promise<void> {
    return this.db.migrate();
  }

  close(): Promise<void> {
    return this.db.close();
  }

  ping(): Promise<boolean> {
    return this.db.ping().catch(() => false);
  }

  upsertFeed(feed: {
    url: string;
    name?: string | null;
    global: boolean;
    language?: string | null;
  }): Promise<FeedRecord> {
    return feeds.upsertFeed(this.db, feed, this.now());
  }

  getFeed(id: number): Promise<FeedRecord | null> {
    return feeds.getFeed(this.db, id);
  }

  getFeedByUrl(url: string): Promise<FeedRecord | null> {
    return feeds.getFeedByUrl(this.db, url);
  }

  listFeeds(): Promise<FeedRecord[]> {
    return feeds.listFeeds(this.db);
  }

  updateFeedState(id: number, update: FeedStateUpdate): Promise<void> {
    return feeds.updateFeedState(this.db, id, update);
  }

  async upsertArticle(article: NewArticle): Promise<{ article: StoredArticle; status: UpsertStatus }> {
    const { unchanged, feedName } = await articles.lookupArticle(this.db, article);
    if (unchanged) return { article: unchanged, status: 'unchanged' };
    const now = this.now();
    // Postgres serialises concurrent edits of one article on its row; SQLite's write lock already does.
    const lock = this.db.dialect === 'postgres' ? ' FOR UPDATE' : '';
    return this.db.transaction((tx) => articles.upsertArticle(tx, article, now, lock, feedName));
  }

  upsertArticles(list: NewArticle[]): Promise<{ article: StoredArticle; status: UpsertStatus }[]> {
    return batch.upsertArticles(this.db, list, this.now());
  }

  getArticle(id: number): Promise<StoredArticle | null> {
    return articles.getArticle(this.db, id);
  }

  articlesSeen(filter: {
    feedIds?: number[];
    since: Date;
    until?: Date;
    topic?: string;
    limit?: number;
  }): Promise<StoredArticle[]> {
    return articles.articlesSeen(this.db, filter);
  }

  hasArticle(feedId: number, itemKey: string): Promise<boolean> {
    return articles.hasArticle(this.db, feedId, itemKey);
  }

  knownItemKeys(feedId: number, itemKeys: string[]): Promise<Set<string>> {
    return articles.knownItemKeys(this.db, feedId, itemKeys);
  }

  knownItems(feedId: number, itemKeys: string[]): Promise<Map<string, string | null>> {
    return articles.knownItems(this.db, feedId, itemKeys);
  }

  articleRevisions(articleId: number): Promise<ArticleRevision[]> {
    return articles.articleRevisions(this.db, articleId);
  }

  pruneArticles(olderThan: Date): Promise<number> {
    const now = this.now();
    return this.db.transaction((tx) => articles.pruneArticles(tx, olderThan, now));
  }

  searchQuotes(filter: QuoteFilter): Promise<QuoteHit[]> {
    return search.searchQuotes(this.db, filter);
  }

  searchClaims(filter: SearchFilter): Promise<ClaimHit[]> {
    return search.searchClaims(this.db, filter);
  }

  searchFigures(filter: SearchFilter): Promise<FigureHit[]> {
    return search.searchFigures(this.db, filter);
  }

  knownSpeakers(filter: { feedIds?: number[]; prefix?: string; limit?: number }): Promise<string[]> {
    return search.knownSpeakers(this.db, filter);
  }

  subscribe(sub: {
    channel: ChannelKey;
    feedId: number;
    mode: SubscriptionMode;
    backfill?: number;
  }): Promise<Subscription> {
    return channels.subscribe(this.db, sub, this.now());
  }

  unsubscribe(channel: ChannelKey, feedId: number): Promise<boolean> {
    return channels.unsubscribe(this.db, channel, feedId);
  }

  listSubscriptions(channel: ChannelKey): Promise<Subscription[]> {
    return channels.listSubscriptions(this.db, channel);
  }

  subscriptionsForFeed(feedId: number): Promise<Subscription[]> {
    return channels.subscriptionsForFeed(this.db, feedId);
  }

  workspaceFeedIds(platform: ChannelKey['platform'], workspace: string): Promise<number[]> {
    return channels.workspaceFeedIds(this.db, platform, workspace);
  }

  setChannelPaused(channel: ChannelKey, paused: boolean): Promise<boolean> {
    return channels.setChannelPaused(this.db, channel, paused);
  }

  setWorkspacePaused(platform: ChannelKey['platform'], workspace: string, paused: boolean): Promise<void> {
    return channels.setWorkspacePaused(this.db, platform, workspace, paused);
  }

  upsertSchedule(schedule: { channel: ChannelKey; cron: string; timezone: string }): Promise<Schedule> {
    return channels.upsertSchedule(this.db, schedule, this.now());
  }

  deleteSchedules(channel: ChannelKey): Promise<number> {
    return channels.deleteSchedules(this.db, channel);
  }

  listSchedules(): Promise<Schedule[]> {
    return channels.listSchedules(this.db);
  }

  markScheduleRun(id: number, at: Date): Promise<void> {
    return channels.markScheduleRun(this.db, id, at);
  }

  claimDelivery(key: string, channel: ChannelKey, options?: ClaimOptions): Promise<boolean> {
    return channels.claimDelivery(this.db, key, channel, options, this.now());
  }

  completeDelivery(key: string, channel: ChannelKey): Promise<void> {
    return channels.completeDelivery(this.db, key, channel, this.now());
  }

  releaseDelivery(key: string, channel: ChannelKey): Promise<void> {
    return channels.releaseDelivery(this.db, key, channel);
  }

  lastBriefingAt(channel: ChannelKey): Promise<Date | null> {
    return channels.lastBriefingAt(this.db, channel);
  }

  recordBriefing(channel: ChannelKey, at: Date): Promise<void> {
    return channels.recordBriefing(this.db, channel, at);
  }
}
