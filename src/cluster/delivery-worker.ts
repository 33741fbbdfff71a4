import type PgBoss from 'pg-boss';
import type { Delivery } from '../app/delivery.ts';
import type { Logger } from '../log.ts';
import { type BriefingScheduler, briefingKey } from '../schedule/briefing-scheduler.ts';
import type { Schedule, Store, StoredArticle } from '../store/port.ts';
import { keyedJobId, QUEUES } from './boss.ts';
import type { BriefingJob, DeliverJob } from './jobs.ts';

/** Options for {@link DeliveryWorker}. */
export interface DeliveryWorkerOptions {
  boss: PgBoss;
  store: Store;
  delivery: Delivery;
  scheduler: BriefingScheduler;
  logger: Logger;
  /** Delivery job loops (posting is mostly waiting on the platform). */
  concurrency: number;
  pollingIntervalSeconds: number;
}

/**
 * The bot role's share of the queue: posts what workers found (each `each` subscription once per article: the
 * store's delivery key is the guard, pg-boss's retry the safety net) and runs each scheduled briefing window once.
 */
export class DeliveryWorker {
  private stopping = false;

  constructor(private readonly options: DeliveryWorkerOptions) {}

  /** Starts the delivery and briefing job loops. */
  async start(): Promise<void> {
    const { boss, concurrency, pollingIntervalSeconds } = this.options;
    for (let i = 0; i < concurrency; i++) {
      let id = '';
      id = await boss.work<DeliverJob>(
        QUEUES.deliver,
        { batchSize: 1, pollingIntervalSeconds },
        async (jobs) => {
          for (const job of jobs) await this.deliver(job.data);
          if (!this.stopping && jobs.length > 0) boss.notifyWorker(id);
        },
      );
    }
    await boss.work<BriefingJob>(QUEUES.briefing, { batchSize: 1, pollingIntervalSeconds }, async (jobs) => {
      for (const job of jobs) await this.brief(job.data);
    });
  }

  /** Runs one delivery job; throws when a post failed, so pg-boss retries it (posted channels are skipped). */
  async deliver(job: DeliverJob): Promise<void> {
    const { store, delivery } = this.options;
    const feedId = job.kind === 'article' ? (await store.getArticle(job.articleId))?.feedId : job.feedId;
    const feed = feedId === undefined ? null : await store.getFeed(feedId);
    if (!feed) return;
    let failed = 0;
    if (job.kind === 'article') {
      const article = await store.getArticle(job.articleId);
      if (article) failed = await delivery.onArticle(article, feed);
    } else if (job.kind === 'primed') {
      const articles = await Promise.all(job.articleIds.map((id) => store.getArticle(id)));
      failed = await delivery.onPrimed(
        articles.filter((a): a is StoredArticle => a !== null),
        feed,
      );
    } else await delivery.onFeedDisabled(feed, job.reason);
    if (failed > 0) throw new Error(`${failed} post(s) failed; retrying`);
  }

  /** Runs one briefing window; throws when the post failed, so pg-boss retries it. */
  async brief(job: BriefingJob): Promise<void> {
    const schedule = (await this.options.store.listSchedules()).find((s) => s.id === job.scheduleId);
    if (!schedule || schedule.paused) return;
    const result = await this.options.scheduler.fire(schedule, new Date(job.at));
    if (result === 'failed') throw new Error('briefing post failed; retrying');
  }

  /**
   * Queues a cron tick's briefing window. Every bot's cron fires; the job id is the window's key, so the first
   * bot's job is the only one, and the delivery key in the store is the guard behind it.
   */
  async enqueueBriefing(schedule: Schedule, at: Date): Promise<void> {
    const key = briefingKey(schedule, at);
    const id = await this.options.boss.send(
      QUEUES.briefing,
      { scheduleId: schedule.id, at: at.toISOString() } satisfies BriefingJob,
      { id: keyedJobId(key) },
    );
    this.options.logger.info(
      { scheduleId: schedule.id, key },
      id ? 'briefing window queued' : 'briefing window already queued by another bot',
    );
  }

  /** Stops taking delivery and briefing jobs. */
  async stop(): Promise<void> {
    this.stopping = true;
    await this.options.boss.offWork(QUEUES.deliver);
    await this.options.boss.offWork(QUEUES.briefing);
  }
}
