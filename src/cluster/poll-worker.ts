import type pg from 'pg';
import type PgBoss from 'pg-boss';
import type { FeedPoller } from '../feeds/poller.ts';
import type { Logger } from '../log.ts';
import type { Metrics } from '../ops/metrics.ts';
import type { FeedRecord, Store, StoredArticle } from '../store/port.ts';
import { keyedJobId, QUEUES } from './boss.ts';
import type { DeliverJob, PollJob } from './jobs.ts';
import { pollLagSeconds } from './lag.ts';
import { LockSession } from './locks.ts';
import type { PollOutbox } from './outbox.ts';
import { beginAttempt, endAttempt, leftoverAttempt, staleAttempts } from './tables.ts';

/** Options for {@link PollWorker}. */
export interface PollWorkerOptions {
  boss: PgBoss;
  /** Connections for advisory locks and the cluster tables (one per running poll, plus one). */
  pool: pg.Pool;
  store: Store;
  poller: FeedPoller;
  outbox: PollOutbox;
  logger: Logger;
  metrics: Metrics;
  /** Prefix of every advisory lock, so two briefwire schemas in one database never block each other. */
  lockNamespace: string;
  intervalSeconds: number;
  concurrency: number;
  perHostConcurrency: number;
  /** How often the planner queues due feeds. */
  tickMs: number;
  pollingIntervalSeconds: number;
  /** How long a poll waits for a host slot before leaving the feed to a later job. */
  hostWaitMs?: number;
}

/** What one poll job did, for logs and tests. */
export type PollOutcome = 'polled' | 'busy' | 'not-due' | 'host-busy' | 'gone' | 'stopped' | 'redelivered';

function hostOf(url: string): string {
  try {
    return new URL(url).host || 'local';
  } catch {
    return 'local';
  }
}

function isDue(feed: FeedRecord, now: Date): boolean {
  return !feed.disabled && (feed.nextPollAt === null || feed.nextPollAt <= now);
}

/**
 * The worker role's share of polling: a planner queues every due feed as a pg-boss job (one queued job per feed),
 * and `concurrency` job loops poll them. A feed is polled by at most one process at a time (an advisory lock,
 * then a fresh due check, so a feed is fetched once per interval however many workers run), and a host by at
 * most `perHostConcurrency` processes at a time, cluster-wide (advisory-lock slots).
 */
export class PollWorker {
  private timer: NodeJS.Timeout | undefined;
  private stopping = false;
  private planning = false;
  /** When the planner last finished, for /healthz. */
  lastPlanAt: Date | null = null;
  /** Cluster-wide poll lag at the last plan. */
  lagSeconds = 0;

  constructor(private readonly options: PollWorkerOptions) {}

  /** Starts the job loops and the planner. */
  async start(): Promise<void> {
    const { boss, concurrency, pollingIntervalSeconds } = this.options;
    for (let i = 0; i < concurrency; i++) {
      let id = '';
      id = await boss.work<PollJob>(QUEUES.poll, { batchSize: 1, pollingIntervalSeconds }, async (jobs) => {
        for (const job of jobs) await this.run(job.data.feedId);
        // Straight to the next job: the loop's pause is for an empty queue.
        if (!this.stopping && jobs.length > 0) boss.notifyWorker(id);
      });
    }
    const tick = () => {
      void this.plan().catch((error: unknown) =>
        this.options.logger.warn({ err: error }, 'poll planner failed'),
      );
    };
    this.timer = setInterval(tick, this.options.tickMs);
    tick();
  }

  /** Queues a poll job for every due feed, and for every feed a crashed poll left deliveries owed. */
  async plan(): Promise<void> {
    if (this.planning || this.stopping) return;
    this.planning = true;
    try {
      const { store, pool, boss, intervalSeconds } = this.options;
      const now = new Date();
      const feeds = await store.listFeeds();
      this.lagSeconds = pollLagSeconds(feeds, now);
      this.options.metrics.pollLag.set(this.lagSeconds);
      const ids = new Set(feeds.filter((f) => isDue(f, now)).map((f) => f.id));
      for (const id of await staleAttempts(pool, Math.min(60, Math.max(5, intervalSeconds)))) ids.add(id);
      const jobs = [...ids].map((feedId) => ({
        name: QUEUES.poll,
        data: { feedId },
        singletonKey: `feed:${feedId}`,
      }));
      for (let i = 0; i < jobs.length; i += 1000) await boss.insert(jobs.slice(i, i + 1000));
      this.lastPlanAt = new Date();
    } finally {
      this.planning = false;
    }
  }

  /** Runs one poll job; throws only when the deliveries could not be queued (pg-boss then retries). */
  async run(feedId: number): Promise<PollOutcome> {
    const { pool, store, poller, outbox, lockNamespace, perHostConcurrency } = this.options;
    if (this.stopping) return 'stopped';
    const session = await LockSession.open(pool, lockNamespace);
    try {
      if (!(await session.tryLock(`feed:${feedId}`))) return 'busy';
      // Read after the lock: a poll that just finished elsewhere has moved nextPollAt on.
      const feed = await store.getFeed(feedId);
      if (!feed) {
        await endAttempt(pool, feedId);
        return 'gone';
      }
      const now = new Date();
      const leftover = await leftoverAttempt(pool, feedId);
      let outcome: PollOutcome = leftover ? 'redelivered' : 'not-due';
      if (isDue(feed, now)) {
        const slot = await session.waitSlot(`host:${hostOf(feed.url)}`, perHostConcurrency, {
          limitMs: this.options.hostWaitMs ?? 10_000,
          stepMs: 100,
        });
        // The feed stays due, so the planner queues it again.
        if (!slot) return 'host-busy';
        if (!leftover) await beginAttempt(pool, feedId, feed.primed, now);
        outbox.begin(feedId);
        await poller.poll(feed);
        const output = outbox.take(feedId);
        // A poll cut short by shutdown leaves its attempt row: the next poll re-sends what it owed.
        if (this.stopping) return 'stopped';
        await this.sendArticles(output.articles);
        if (output.primed && output.primed.length > 0)
          await this.send({ kind: 'primed', feedId, articleIds: output.primed.map((a) => a.id) });
        outcome = 'polled';
      }
      if (leftover?.wasPrimed) {
        const owed = await store.articlesSeen({ feedIds: [feedId], since: leftover.startedAt, limit: 500 });
        await this.sendArticles(owed);
        this.options.logger.info({ feedId, articles: owed.length }, 're-sent deliveries of a crashed poll');
      }
      if (outcome !== 'not-due') await endAttempt(pool, feedId);
      return outcome;
    } finally {
      outbox.take(feedId);
      await session.close();
    }
  }

  private async sendArticles(articles: StoredArticle[]): Promise<void> {
    if (articles.length === 0) return;
    // The job id is the article's: a re-sent delivery while the first is still queued is dropped by pg-boss.
    await this.options.boss.insert(
      articles.map((a) => ({
        name: QUEUES.deliver,
        id: keyedJobId(`article:${a.id}`),
        data: { kind: 'article', articleId: a.id } satisfies DeliverJob,
      })),
    );
  }

  /** Queues one delivery job. */
  async send(job: DeliverJob): Promise<void> {
    await this.options.boss.send(QUEUES.deliver, job);
  }

  /** Stops planning, aborts running polls (their attempts stay owed) and waits for the job loops to end. */
  async stop(): Promise<void> {
    this.stopping = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.options.poller.stop();
    await this.options.boss.offWork(QUEUES.poll);
  }
}
