import cron, { type ScheduledTask } from 'node-cron';
import type { Reply } from '../briefing/blocks.ts';
import type { PostResult } from '../chat/port.ts';
import type { Logger } from '../log.ts';
import type { ChannelKey, Schedule, Store } from '../store/port.ts';

/** What the scheduler needs from the rest of the app. */
export interface BriefingSchedulerDeps {
  store: Store;
  /** The digest of a channel's feeds for the window [since, until). */
  compose: (channel: ChannelKey, since: Date, until: Date) => Promise<Reply | null>;
  /** Posts to the channel through its platform's adapter. */
  post: (channel: ChannelKey, reply: Reply) => Promise<PostResult>;
  logger: Logger;
  /** Default window when a channel never had a briefing. */
  defaultWindowMs?: number;
  /**
   * Cluster mode: a cron tick hands the window to this (a queue shared by every bot) instead of firing it here,
   * so it runs once cluster-wide and is retried if the bot running it dies.
   */
  enqueue?: (schedule: Schedule, at: Date) => Promise<void>;
  /** Claims are leases of this many ms (cluster mode), so a window whose bot died mid-post is retried. */
  leaseMs?: number;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** The key of one briefing window: a retried or concurrent tick for the same minute posts once. */
export function briefingKey(schedule: Pick<Schedule, 'id'>, at: Date): string {
  const minute = new Date(Math.floor(at.getTime() / 60_000) * 60_000);
  return `briefing:${schedule.id}:${minute.toISOString()}`;
}

/** Runs each channel's briefing schedule with node-cron, per-channel cron and timezone. */
export class BriefingScheduler {
  private readonly tasks = new Map<number, { task: ScheduledTask; signature: string }>();
  private stopped = false;

  constructor(private readonly deps: BriefingSchedulerDeps) {}

  /** Brings the running cron tasks in line with the stored schedules (call at start and after /schedule). */
  async sync(): Promise<void> {
    if (this.stopped) return;
    const schedules = await this.deps.store.listSchedules();
    const wanted = new Set<number>();
    for (const schedule of schedules) {
      if (schedule.paused || !cron.validate(schedule.cron)) continue;
      wanted.add(schedule.id);
      const signature = `${schedule.cron}|${schedule.timezone}`;
      const existing = this.tasks.get(schedule.id);
      if (existing?.signature === signature) continue;
      await existing?.task.destroy();
      const task = cron.schedule(
        schedule.cron,
        async () => {
          const at = new Date();
          if (!this.deps.enqueue) {
            await this.fire(schedule, at);
            return;
          }
          await this.deps
            .enqueue(schedule, at)
            .catch((error: unknown) =>
              this.deps.logger.error({ err: error, scheduleId: schedule.id }, 'queueing a briefing failed'),
            );
        },
        { timezone: schedule.timezone, noOverlap: true, name: `briefing-${schedule.id}` },
      );
      this.tasks.set(schedule.id, { task, signature });
    }
    for (const [id, { task }] of this.tasks) {
      if (!wanted.has(id)) {
        await task.destroy();
        this.tasks.delete(id);
      }
    }
  }

  /** Composes and posts one scheduled briefing; never throws (a cron job must not crash the process). */
  async fire(schedule: Schedule, at: Date): Promise<'posted' | 'duplicate' | 'empty' | 'failed'> {
    const { store, logger } = this.deps;
    const key = briefingKey(schedule, at);
    try {
      const lease = this.deps.leaseMs === undefined ? undefined : { leaseMs: this.deps.leaseMs };
      if (!(await store.claimDelivery(key, schedule.channel, lease))) return 'duplicate';
      const since =
        (await store.lastBriefingAt(schedule.channel)) ??
        new Date(at.getTime() - (this.deps.defaultWindowMs ?? DAY_MS));
      const reply = await this.deps.compose(schedule.channel, since, at);
      // An empty window posts nothing: a channel should not hear "nothing new" every morning.
      if (!reply?.blocks.some((block) => block.type === 'story')) {
        await store.completeDelivery(key, schedule.channel);
        await store.markScheduleRun(schedule.id, at);
        return 'empty';
      }
      const result = await this.deps.post(schedule.channel, reply);
      if (result.ok) {
        await store.completeDelivery(key, schedule.channel);
        await store.recordBriefing(schedule.channel, at);
        await store.markScheduleRun(schedule.id, at);
        return 'posted';
      }
      await store.releaseDelivery(key, schedule.channel);
      if (result.reason === 'no-access') {
        logger.warn(
          { channel: schedule.channel },
          'lost access to channel: pausing its subscriptions and schedules',
        );
        await store.setChannelPaused(schedule.channel, true);
        await this.sync();
      } else
        logger.warn(
          { channel: schedule.channel, reason: result.reason, detail: result.detail },
          'briefing post failed',
        );
      return 'failed';
    } catch (error) {
      logger.error({ err: error, scheduleId: schedule.id }, 'scheduled briefing failed');
      return 'failed';
    }
  }

  /** Stops every cron task; no new briefing starts after this. */
  async stop(): Promise<void> {
    this.stopped = true;
    for (const { task } of this.tasks.values()) await task.destroy();
    this.tasks.clear();
  }
}
