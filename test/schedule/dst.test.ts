import nodeCron from 'node-cron';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { silentLogger } from '../../src/log.ts';
import { BriefingScheduler } from '../../src/schedule/briefing-scheduler.ts';
import { fireTimes } from '../../src/schedule/fire-times.ts';
import { openStore } from '../../src/store/index.ts';
import type { Store } from '../../src/store/port.ts';
import { CHANNEL, ManualCron, storyReply } from './harness.ts';

// Europe/Berlin, 2026: clocks go 02:00 → 03:00 CEST on 29 March (01:00 UTC) and 03:00 → 02:00 CET on
// 25 October (01:00 UTC). So 02:30 does not exist on 29 March and happens twice on 25 October.
const TZ = 'Europe/Berlin';
const iso = (d: Date | null | undefined) => d?.toISOString() ?? null;
const localDay = (d: Date) => new Intl.DateTimeFormat('en-CA', { timeZone: TZ }).format(d);

/** When node-cron itself would tick, from `from` to `to`: its own next-run walk, read under a faked Date. */
function nodeCronTicks(expression: string, from: Date, to: Date): Date[] {
  const task = nodeCron.createTask(expression, () => undefined, { timezone: TZ });
  vi.useFakeTimers({ toFake: ['Date'] });
  try {
    vi.setSystemTime(from);
    return task.getNextRuns(20).filter((tick) => tick <= to);
  } finally {
    vi.useRealTimers();
  }
}

interface Run {
  window: string;
  /** When it was fired: by the tick on time, or later by the guard. */
  firedAt: string;
}

/**
 * Runs a schedule through [from, to] as production would: node-cron's ticks when node-cron would tick, and the
 * guard's beat every minute at :30; returns the windows posted. The schedule last ran at `lastRun`.
 */
async function simulate(expression: string, from: string, to: string, lastRun: string): Promise<Run[]> {
  const clock = { now: new Date(from) };
  const store: Store = await openStore({ path: ':memory:', now: () => clock.now });
  try {
    const schedule = await store.upsertSchedule({ channel: CHANNEL, cron: expression, timezone: TZ });
    await store.markScheduleRun(schedule.id, new Date(lastRun));
    const cron = new ManualCron();
    const runs: Run[] = [];
    const scheduler = new BriefingScheduler({
      store,
      logger: silentLogger,
      cron,
      now: () => clock.now,
      compose: async (_channel, _since, until) => storyReply(until),
      post: async (_channel, reply) => {
        runs.push({ window: reply.summary.replace('briefing until ', ''), firedAt: clock.now.toISOString() });
        return { ok: true };
      },
    });
    await scheduler.sync();
    await scheduler.settled();
    const end = new Date(to);
    const events: { at: Date; kind: 'tick' | 'beat' }[] = nodeCronTicks(expression, clock.now, end).map(
      (at) => ({
        // A tick runs a little after its instant (node-cron's timer, then the event loop).
        at: new Date(at.getTime() + 15),
        kind: 'tick',
      }),
    );
    const firstBeat = Math.ceil((clock.now.getTime() - 30_000) / 60_000) * 60_000 + 30_000;
    for (let beat = firstBeat; beat <= end.getTime(); beat += 60_000)
      events.push({ at: new Date(beat), kind: 'beat' });
    events.sort((a, b) => a.at.getTime() - b.at.getTime());
    for (const event of events) {
      clock.now = event.at;
      if (event.kind === 'tick') cron.tick(schedule);
      else cron.beat();
      await scheduler.settled();
    }
    await scheduler.stop();
    return runs;
  } finally {
    await store.close();
  }
}

afterEach(() => {
  vi.useRealTimers();
});

describe('fire times across DST (Europe/Berlin)', () => {
  it('given 02:30 daily, then the missing 02:30 is due at the end of the gap and the doubled one once, at its first occurrence', () => {
    const times = fireTimes('30 2 * * *', TZ);
    const spring: string[] = [];
    for (let at = new Date('2026-03-27T12:00:00Z'); spring.length < 3; ) {
      at = times.next(at) as Date;
      spring.push(at.toISOString());
    }
    expect(spring).toEqual([
      '2026-03-28T01:30:00.000Z',
      '2026-03-29T01:00:00.000Z',
      '2026-03-30T00:30:00.000Z',
    ]);
    const autumn: string[] = [];
    for (let at = new Date('2026-10-23T12:00:00Z'); autumn.length < 3; ) {
      at = times.next(at) as Date;
      autumn.push(at.toISOString());
    }
    expect(autumn).toEqual([
      '2026-10-24T00:30:00.000Z',
      '2026-10-25T00:30:00.000Z',
      '2026-10-26T01:30:00.000Z',
    ]);
    // Looking back from inside the repeated hour (the second 02:30) gives the first 02:30, as looking forward does.
    expect(iso(times.latest(new Date('2026-10-25T01:30:10Z')))).toBe('2026-10-25T00:30:00.000Z');
    expect(iso(times.latest(new Date('2026-03-29T01:00:00Z')))).toBe('2026-03-29T01:00:00.000Z');
    expect(iso(times.latest(new Date('2026-03-29T00:59:59Z')))).toBe('2026-03-28T01:30:00.000Z');
  });

  it('given an hourly schedule, then it runs every real hour: one fewer in spring, one more in autumn', () => {
    const times = fireTimes('0 * * * *', TZ);
    const count = (from: string, to: string) => {
      let n = 0;
      for (let at = times.next(new Date(from)); at && at <= new Date(to); at = times.next(at)) n++;
      return n;
    };
    expect(count('2026-03-28T23:00:00Z', '2026-03-29T22:00:00Z')).toBe(23);
    expect(count('2026-10-24T22:00:00Z', '2026-10-25T23:00:00Z')).toBe(25);
  });

  it('given node-cron alone, then it skips the missing 02:30 and ticks at the second 02:30 (what the guard is for)', () => {
    const spring = nodeCronTicks(
      '30 2 * * *',
      new Date('2026-03-27T12:00:00Z'),
      new Date('2026-03-31T12:00:00Z'),
    );
    expect(spring.map(localDay)).toEqual(['2026-03-28', '2026-03-30', '2026-03-31']);
    const autumn = nodeCronTicks(
      '30 2 * * *',
      new Date('2026-10-24T12:00:00Z'),
      new Date('2026-10-25T12:00:00Z'),
    );
    expect(autumn.map(iso)).toEqual(['2026-10-25T01:30:00.000Z']);
  });
});

describe('scheduled briefings across DST (Europe/Berlin)', () => {
  it('given 02:30 daily over the spring change, then one briefing a day, none skipped', async () => {
    const runs = await simulate(
      '30 2 * * *',
      '2026-03-27T12:00:00Z',
      '2026-03-31T12:00:00Z',
      '2026-03-27T01:30:00Z',
    );
    expect(runs.map((r) => r.window)).toEqual([
      '2026-03-28T01:30:00.000Z',
      '2026-03-29T01:00:00.000Z',
      '2026-03-30T00:30:00.000Z',
      '2026-03-31T00:30:00.000Z',
    ]);
    // node-cron never ticks on the 29th: the guard fired that window within the minute.
    const gap = runs[1] as Run;
    expect(new Date(gap.firedAt).getTime() - new Date(gap.window).getTime()).toBeLessThanOrEqual(60_000);
  });

  it('given 02:30 daily over the autumn change, then one briefing a day, none doubled', async () => {
    const runs = await simulate(
      '30 2 * * *',
      '2026-10-23T12:00:00Z',
      '2026-10-27T12:00:00Z',
      '2026-10-23T00:30:00Z',
    );
    expect(runs.map((r) => r.window)).toEqual([
      '2026-10-24T00:30:00.000Z',
      '2026-10-25T00:30:00.000Z',
      '2026-10-26T01:30:00.000Z',
      '2026-10-27T01:30:00.000Z',
    ]);
    expect(new Set(runs.map((r) => localDay(new Date(r.window)))).size).toBe(4);
  });

  it('given 08:00 weekdays over both changes, then every weekday at 08:00 local, nothing else', async () => {
    for (const [from, to, last] of [
      ['2026-03-26T12:00:00Z', '2026-03-31T12:00:00Z', '2026-03-26T07:00:00Z'],
      ['2026-10-22T12:00:00Z', '2026-10-27T12:00:00Z', '2026-10-22T06:00:00Z'],
    ] as const) {
      const runs = await simulate('0 8 * * 1-5', from, to, last);
      const local = runs.map((r) =>
        new Intl.DateTimeFormat('en-GB', {
          timeZone: TZ,
          weekday: 'short',
          hour: '2-digit',
          minute: '2-digit',
        }).format(new Date(r.window)),
      );
      expect(local).toEqual(['Fri 08:00', 'Mon 08:00', 'Tue 08:00']);
      // Each on time: node-cron ticked it.
      for (const r of runs)
        expect(new Date(r.firedAt).getTime() - new Date(r.window).getTime()).toBeLessThan(1000);
    }
  });

  it('given a restart inside the repeated hour, then the first 02:30 is caught up once and the second is not posted', async () => {
    // Down from before the first 02:30 (00:30 UTC) until 01:10 UTC, between the two.
    const runs = await simulate(
      '30 2 * * *',
      '2026-10-25T01:10:00Z',
      '2026-10-25T12:00:00Z',
      '2026-10-24T00:30:00Z',
    );
    expect(runs).toEqual([{ window: '2026-10-25T00:30:00.000Z', firedAt: '2026-10-25T01:10:00.000Z' }]);
  });
});
