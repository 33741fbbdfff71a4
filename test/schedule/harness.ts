import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import nodeCron from 'node-cron';
import type { Reply } from '../../src/briefing/blocks.ts';
import { briefChannel } from '../../src/briefing/channel.ts';
import { silentLogger } from '../../src/log.ts';
import {
  BriefingScheduler,
  type BriefingSchedulerDeps,
  type CronRunner,
  type CronTask,
} from '../../src/schedule/briefing-scheduler.ts';
import { openStore } from '../../src/store/index.ts';
import type { ChannelKey, Schedule, Store } from '../../src/store/port.ts';
import { article, asNewArticle } from '../briefing/builders.ts';

/** The channel every schedule test briefs. */
export const CHANNEL: ChannelKey = { platform: 'slack', workspace: 'T1', channel: 'C1' };

/** A clock the stores and schedulers of one test share. */
export interface Clock {
  now: Date;
}

/** One cron task the scheduler asked for, run by the test instead of by time. */
export interface ManualTask {
  expression: string;
  timezone: string | undefined;
  run: () => void;
  missed: (() => void)[];
}

/** A cron runner whose ticks the test triggers: node-cron's validation, no timers. */
export class ManualCron implements CronRunner {
  readonly tasks = new Map<string, ManualTask>();

  schedule(expression: string, run: () => void, options: { timezone?: string; name: string }): CronTask {
    const task: ManualTask = { expression, timezone: options.timezone, run, missed: [] };
    this.tasks.set(options.name, task);
    return {
      destroy: () => {
        if (this.tasks.get(options.name) === task) this.tasks.delete(options.name);
      },
      on: (_event, listener) => task.missed.push(listener),
    };
  }

  validate(expression: string): boolean {
    return nodeCron.validate(expression);
  }

  /** The tick of one schedule's task, as node-cron would run it. */
  tick(schedule: Pick<Schedule, 'id'>): void {
    const task = this.tasks.get(`briefing-${schedule.id}`);
    if (!task) throw new Error(`no cron task for schedule ${schedule.id}`);
    task.run();
  }

  /** The guard's once-a-minute beat. */
  beat(): void {
    this.tasks.get('briefing-guard')?.run();
  }
}

/** What a scheduler posted: the window it composed and the reply. */
export interface Posted {
  channel: ChannelKey;
  since: Date;
  until: Date;
  reply: Reply;
  /** The test clock when it was posted. */
  at: Date;
}

/** A store on a SQLite file (so a second "process" can open it too) with one digest feed subscribed. */
export interface ScheduleWorld {
  clock: Clock;
  store: Store;
  path: string;
  feedId: number;
  /** Opens the same database again, as another process would. */
  reopen(): Promise<Store>;
  /** Stores an article first seen at `seenAt`. */
  add(title: string, seenAt: Date): Promise<void>;
  close(): Promise<void>;
}

let itemKey = 1;

/** A fresh world; the clock starts at `start`. */
export async function scheduleWorld(start: Date): Promise<ScheduleWorld> {
  const clock: Clock = { now: start };
  const path = join(mkdtempSync(join(tmpdir(), 'bw-schedule-')), 'bw.db');
  const stores: Store[] = [];
  const open = async () => {
    const opened = await openStore({ path, now: () => clock.now });
    stores.push(opened);
    return opened;
  };
  const store = await open();
  const feed = await store.upsertFeed({ url: 'https://wire.example/rss', name: 'Wire', global: false });
  await store.subscribe({ channel: CHANNEL, feedId: feed.id, mode: 'digest' });
  return {
    clock,
    store,
    path,
    feedId: feed.id,
    reopen: open,
    async add(title, seenAt) {
      const before = clock.now;
      clock.now = seenAt;
      const key = itemKey++;
      const built = article({ id: key, feedId: feed.id, title, lede: `${title}, officials said on Monday.` });
      await store.upsertArticle({
        ...asNewArticle(built),
        url: `https://wire.example/${key}`,
        published: seenAt,
      });
      clock.now = before;
    },
    async close() {
      for (const s of stores) await s.close().catch(() => undefined);
    },
  };
}

/** A scheduler on `store` with the test's clock and cron, recording what it posts into `posted`. */
export function makeScheduler(
  store: Store,
  clock: Clock,
  posted: Posted[],
  extra: Partial<BriefingSchedulerDeps> & { cron?: CronRunner } = {},
): BriefingScheduler {
  const windows = new Map<Reply, { since: Date; until: Date }>();
  return new BriefingScheduler({
    store,
    logger: silentLogger,
    now: () => clock.now,
    compose: async (channel, since, until) => {
      const reply = await briefChannel(store, channel, { now: until, since, until, globalFeedIds: [] });
      windows.set(reply, { since, until });
      return reply;
    },
    post: async (channel, reply) => {
      const window = windows.get(reply) as { since: Date; until: Date };
      posted.push({ channel, ...window, reply, at: clock.now });
      return { ok: true };
    },
    ...extra,
  });
}

/** A reply that always has a story, for tests about when windows fire rather than what they hold. */
export function storyReply(until: Date): Reply {
  return {
    visibility: 'public',
    summary: `briefing until ${until.toISOString()}`,
    blocks: [{ type: 'story', title: `until ${until.toISOString()}`, sources: [], analysed: true }],
  };
}

/** All the text of a reply. */
export function replyText(reply: Reply): string {
  return JSON.stringify(reply.blocks);
}
