import nodeCron from 'node-cron';
import type { Reply } from '../briefing/blocks.ts';
import type { PostResult } from '../chat/port.ts';
import type { Logger } from '../log.ts';
import type { ChannelKey, Schedule, Store } from '../store/port.ts';
import { type FireTimes, fireTimes } from './fire-times.ts';

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
   * Cluster mode: a due window is handed to this (a queue shared by every bot) instead of being fired here,
   * so it runs once cluster-wide and is retried if the bot running it dies.
   */
  enqueue?: (schedule: Schedule, at: Date) => Promise<void>;
  /** Claims are leases of this many ms (cluster mode), so a window whose bot died mid-post is retried. */
  leaseMs?: number;
  /** The clock that decides which window is due (tests pass a fake one); default the system clock. */
  now?: () => Date;
  /** What runs the cron tasks; default node-cron (tests pass one whose ticks they trigger by hand). */
  cron?: CronRunner;
}

/** One running cron task, as the scheduler uses it. */
export interface CronTask {
  destroy(): void | Promise<void>;
  on(event: 'execution:missed', listener: () => void): void;
}

/** The part of node-cron the scheduler uses. */
export interface CronRunner {
  schedule(expression: string, run: () => void, options: { timezone?: string; name: string }): CronTask;
  validate(expression: string): boolean;
}

/** The outcome of one scheduled briefing. */
export type FireResult = 'posted' | 'duplicate' | 'empty' | 'failed';

const DAY_MS = 24 * 60 * 60 * 1000;
/** A window whose post keeps failing is tried this often per process, then left to the next window. */
const MAX_ATTEMPTS = 3;
/**
 * The guard's beat: once a minute, off the full minute, so it does not race the ticks of minute schedules. It
 * fires what no tick fired: a local time skipped by DST, a tick node-cron dropped while the event loop was busy.
 */
const GUARD_CRON = '30 * * * * *';

/** The key of one briefing window: a retried or concurrent tick for the same minute posts once. */
export function briefingKey(schedule: Pick<Schedule, 'id'>, at: Date): string {
  const minute = new Date(Math.floor(at.getTime() / 60_000) * 60_000);
  return `briefing:${schedule.id}:${minute.toISOString()}`;
}

interface Entry {
  schedule: Schedule;
  signature: string;
  task: CronTask;
  times: FireTimes;
  /** The latest window (ms) known to be done here or in the store: fired, queued, or run by another process. */
  handled: number;
  /** Windows (ms) being fired or queued right now, so a tick and the guard never start the same one twice. */
  running: Set<number>;
  failures: { at: number; count: number } | null;
}

/**
 * Runs each channel's briefing schedule with node-cron (per-channel cron and timezone) and fires each window
 * once, named by its due instant from {@link fireTimes}, so DST neither skips nor doubles one.
 *
 * After downtime a schedule gets exactly one catch-up briefing, whatever the number of windows missed: the
 * latest window that came due while nothing ran, covering the time since the channel's last briefing up to that
 * window's instant. Ending it there (not at "now") keeps the window the same on every retry and in every process
 * that races for it, and nothing is lost: what arrives later is in the next window, which starts where this one
 * ended. A schedule that never ran has no last run to catch up from, so it starts with its next window.
 */
export class BriefingScheduler {
  private readonly entries = new Map<number, Entry>();
  /** Schedules skipped for a cron or timezone that cannot run, by signature, so each is logged once. */
  private readonly unusable = new Map<number, string>();
  private readonly inFlight = new Set<Promise<unknown>>();
  private guard: CronTask | null = null;
  private syncing: Promise<void> = Promise.resolve();
  private stopped = false;

  constructor(private readonly deps: BriefingSchedulerDeps) {}

  private get cron(): CronRunner {
    return this.deps.cron ?? nodeCron;
  }

  private now(): Date {
    return this.deps.now?.() ?? new Date();
  }

  /**
   * Brings the cron tasks in line with the stored schedules (call at start and after /schedule), then starts
   * the catch-up of any window missed while no task ran; {@link settled} waits for it.
   */
  async sync(): Promise<void> {
    const turn = this.syncing.then(() => this.reconcile());
    this.syncing = turn.catch(() => undefined);
    await turn;
    this.track(this.catchUp());
  }

  /** Waits until every briefing this scheduler started has finished (tests, shutdown). */
  async settled(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  private track(work: Promise<unknown>): void {
    const done = work.finally(() => this.inFlight.delete(done));
    this.inFlight.add(done);
  }

  private async reconcile(): Promise<void> {
    if (this.stopped) return;
    const schedules = await this.deps.store.listSchedules();
    // Stopped while reading: creating tasks now would keep a stopping process alive.
    if (this.stopped) return;
    const now = this.now();
    const wanted = new Set<number>();
    for (const schedule of schedules) {
      if (schedule.paused) continue;
      const signature = `${schedule.cron}|${schedule.timezone}`;
      const existing = this.entries.get(schedule.id);
      const lastRun = schedule.lastRunAt?.getTime() ?? Number.NEGATIVE_INFINITY;
      if (existing?.signature === signature) {
        // Another process may have run a window since (a bot in the cluster).
        existing.schedule = schedule;
        existing.handled = Math.max(existing.handled, lastRun);
        wanted.add(schedule.id);
        continue;
      }
      const times = this.timesOf(schedule, signature);
      if (!times) continue;
      wanted.add(schedule.id);
      await existing?.task.destroy();
      const task = this.cron.schedule(schedule.cron, () => this.track(this.tick(schedule.id)), {
        timezone: schedule.timezone,
        name: `briefing-${schedule.id}`,
      });
      task.on('execution:missed', () => {
        this.deps.logger.warn(
          { scheduleId: schedule.id },
          'cron tick missed (busy event loop?): catching up',
        );
        this.track(this.catchUp());
      });
      // A schedule changed here was just chosen by someone: it starts with its next window, like a new one.
      // A schedule first seen here (at start-up) is owed the window it missed since its last run.
      const latest = times.latest(now)?.getTime() ?? Number.NEGATIVE_INFINITY;
      const handled = existing || schedule.lastRunAt === null ? Math.max(lastRun, latest) : lastRun;
      this.entries.set(schedule.id, {
        schedule,
        signature,
        task,
        times,
        handled,
        running: new Set(),
        failures: null,
      });
    }
    for (const [id, { task }] of this.entries) {
      if (!wanted.has(id)) {
        await task.destroy();
        this.entries.delete(id);
      }
    }
    if (this.entries.size > 0 && !this.guard && !this.stopped)
      this.guard = this.cron.schedule(GUARD_CRON, () => this.track(this.catchUp()), {
        name: 'briefing-guard',
      });
    else if (this.entries.size === 0 && this.guard) {
      await this.guard.destroy();
      this.guard = null;
    }
  }

  private timesOf(schedule: Schedule, signature: string): FireTimes | null {
    let times: FireTimes | null = null;
    try {
      if (this.cron.validate(schedule.cron)) times = fireTimes(schedule.cron, schedule.timezone);
    } catch {
      times = null;
    }
    if (times) {
      this.unusable.delete(schedule.id);
      return times;
    }
    if (this.unusable.get(schedule.id) !== signature) {
      this.unusable.set(schedule.id, signature);
      this.deps.logger.warn(
        { scheduleId: schedule.id, cron: schedule.cron, timezone: schedule.timezone },
        'schedule skipped: its cron expression or timezone cannot be read',
      );
    }
    return null;
  }

  /** A node-cron tick: the window is the instant the schedule was due, not the tick's clock reading. */
  private async tick(id: number): Promise<void> {
    const entry = this.entries.get(id);
    const due = entry?.times.latest(this.now());
    if (entry && due) await this.run(entry, due);
  }

  /**
   * Fires, once, each schedule's latest due window that nothing has handled yet. After downtime that is the one
   * catch-up briefing; in a running process it is the guard behind a tick that did not come.
   */
  async catchUp(): Promise<void> {
    if (this.stopped) return;
    const now = this.now();
    for (const entry of [...this.entries.values()]) {
      const due = entry.times.latest(now);
      if (!due || due.getTime() <= entry.handled || entry.running.has(due.getTime())) continue;
      const retry = entry.failures?.at === due.getTime();
      this.deps.logger.info(
        { scheduleId: entry.schedule.id, window: due.toISOString(), lastRunAt: entry.schedule.lastRunAt },
        retry ? 'retrying a briefing window that failed' : 'briefing window missed: catching up once',
      );
      await this.run(entry, due);
    }
  }

  /** Fires or queues one window unless it is done or under way here; failed attempts are retried by the guard. */
  private async run(entry: Entry, at: Date): Promise<void> {
    const ms = at.getTime();
    if (this.stopped || ms <= entry.handled || entry.running.has(ms)) return;
    entry.running.add(ms);
    let done: boolean;
    try {
      done = this.deps.enqueue
        ? await this.queue(entry.schedule, at)
        : (await this.fire(entry.schedule, at)) !== 'failed';
    } finally {
      entry.running.delete(ms);
    }
    if (!done && !this.deps.enqueue) {
      const count = entry.failures?.at === ms ? entry.failures.count + 1 : 1;
      entry.failures = { at: ms, count };
      // Queueing is retried until it works (it is cheap and the job id dedupes); a post only a few times.
      done = count >= MAX_ATTEMPTS;
    }
    if (done) entry.handled = Math.max(entry.handled, ms);
  }

  private async queue(schedule: Schedule, at: Date): Promise<boolean> {
    try {
      await (this.deps.enqueue as NonNullable<BriefingSchedulerDeps['enqueue']>)(schedule, at);
      return true;
    } catch (error) {
      this.deps.logger.error({ err: error, scheduleId: schedule.id }, 'queueing a briefing failed');
      return false;
    }
  }

  /** Composes and posts one scheduled briefing; never throws (a cron job must not crash the process). */
  async fire(schedule: Schedule, at: Date): Promise<FireResult> {
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
        if (await store.setChannelPaused(schedule.channel, true))
          logger.warn(
            { channel: schedule.channel },
            'lost access to channel: pausing its subscriptions and schedules',
          );
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

  /** The next instant each running schedule is due, by schedule id (diagnostics, tests). */
  nextWindows(): Map<number, Date | null> {
    const now = this.now();
    return new Map([...this.entries].map(([id, entry]) => [id, entry.times.next(now)]));
  }

  /** Stops every cron task and waits for briefings under way; no new briefing starts after this. */
  async stop(): Promise<void> {
    this.stopped = true;
    await this.syncing;
    for (const { task } of this.entries.values()) await task.destroy();
    this.entries.clear();
    await this.guard?.destroy();
    this.guard = null;
    await this.settled();
  }
}
