import { afterEach, describe, expect, it } from 'vitest';
import { type BriefingScheduler, briefingKey } from '../../src/schedule/briefing-scheduler.ts';
import type { Schedule } from '../../src/store/port.ts';
import {
  CHANNEL,
  ManualCron,
  makeScheduler,
  type Posted,
  replyText,
  type ScheduleWorld,
  scheduleWorld,
} from './harness.ts';

// Daily at 08:00 UTC. The first process posts the 26 November window, then stops; what happens when a process
// (or two) starts again is the subject of each test.
const DAY = 24 * 3_600_000;
const at = (iso: string) => new Date(iso);

let world: ScheduleWorld;
let schedulers: BriefingScheduler[] = [];
afterEach(async () => {
  for (const s of schedulers) await s.stop();
  schedulers = [];
  await world.close();
});

async function firstProcess(posted: Posted[]): Promise<Schedule> {
  world = await scheduleWorld(at('2026-11-26T07:00:00Z'));
  const schedule = await world.store.upsertSchedule({ channel: CHANNEL, cron: '0 8 * * *', timezone: 'UTC' });
  await world.add('Harbour ferry terminal to open in March', at('2026-11-25T20:00:00Z'));
  const cron = new ManualCron();
  const first = makeScheduler(world.store, world.clock, posted, { cron });
  schedulers.push(first);
  await first.sync();
  await first.settled();
  world.clock.now = at('2026-11-26T08:00:00.040Z');
  cron.tick(schedule);
  await first.settled();
  await first.stop();
  return schedule;
}

describe('scheduled briefings across a restart', () => {
  it('given a schedule that never ran, then starting posts nothing until its first window', async () => {
    const posted: Posted[] = [];
    world = await scheduleWorld(at('2026-11-26T12:00:00Z'));
    await world.store.upsertSchedule({ channel: CHANNEL, cron: '0 8 * * *', timezone: 'UTC' });
    await world.add('Harbour ferry terminal to open in March', at('2026-11-26T09:00:00Z'));
    const scheduler = makeScheduler(world.store, world.clock, posted, { cron: new ManualCron() });
    schedulers.push(scheduler);
    await scheduler.sync();
    await scheduler.catchUp();
    await scheduler.settled();
    expect(posted).toEqual([]);
    expect([...scheduler.nextWindows().values()]).toEqual([at('2026-11-27T08:00:00Z')]);
  });

  it('given a restart in the minute of a posted window, then nothing is posted twice', async () => {
    const posted: Posted[] = [];
    const schedule = await firstProcess(posted);
    expect(posted).toHaveLength(1);
    // The window is named by the instant it was due, not by when the tick ran.
    expect(posted[0]?.until).toEqual(at('2026-11-26T08:00:00Z'));
    expect(replyText(posted[0]?.reply as Posted['reply'])).toContain('Harbour ferry terminal');

    world.clock.now = at('2026-11-26T08:00:30Z');
    const cron = new ManualCron();
    const second = makeScheduler(await world.reopen(), world.clock, posted, { cron });
    schedulers.push(second);
    await second.sync();
    await second.settled();
    // A late tick of the same window, and a fire of it by hand: both see it is done.
    cron.tick(schedule);
    cron.beat();
    await second.settled();
    expect(await second.fire(schedule, at('2026-11-26T08:00:00Z'))).toBe('duplicate');
    expect(posted).toHaveLength(1);
  });

  it('given three windows missed while down, then one catch-up briefing covers them all', async () => {
    const posted: Posted[] = [];
    const schedule = await firstProcess(posted);
    await world.add('City council approves new tram line', at('2026-11-26T12:00:00Z'));
    await world.add('Storm closes mountain pass for two days', at('2026-11-27T12:00:00Z'));
    await world.add('Museum returns stolen paintings to owners', at('2026-11-28T12:00:00Z'));

    // Down over the 27th, 28th and 29th at 08:00; back at 09:15 on the 29th.
    world.clock.now = at('2026-11-29T09:15:00Z');
    const cron = new ManualCron();
    const second = makeScheduler(await world.reopen(), world.clock, posted, { cron });
    schedulers.push(second);
    await second.sync();
    await second.settled();

    expect(posted).toHaveLength(2);
    const catchUp = posted[1] as Posted;
    // From the last briefing to the latest missed window: nothing before it is left out, nothing repeated.
    expect(catchUp.since).toEqual(at('2026-11-26T08:00:00Z'));
    expect(catchUp.until).toEqual(at('2026-11-29T08:00:00Z'));
    const text = replyText(catchUp.reply);
    for (const title of ['tram line', 'mountain pass', 'stolen paintings']) expect(text).toContain(title);
    expect(text).not.toContain('Harbour ferry terminal');
    const [stored] = await world.store.listSchedules();
    expect(stored?.lastRunAt).toEqual(at('2026-11-29T08:00:00Z'));

    // The guard's next beats and a sync after a /schedule change find nothing more to catch up.
    world.clock.now = at('2026-11-29T09:16:30Z');
    cron.beat();
    await second.sync();
    await second.settled();
    expect(posted).toHaveLength(2);

    // The next window starts where the catch-up ended.
    await world.add('Bridge repairs finish early', at('2026-11-29T10:00:00Z'));
    world.clock.now = at('2026-11-30T08:00:00.010Z');
    cron.tick(schedule);
    await second.settled();
    expect(posted).toHaveLength(3);
    expect(posted[2]?.since).toEqual(at('2026-11-29T08:00:00Z'));
    expect(replyText(posted[2]?.reply as Posted['reply'])).toContain('Bridge repairs');
    expect(replyText(posted[2]?.reply as Posted['reply'])).not.toContain('tram line');
  });

  it('given two processes starting at once after downtime, then the catch-up is posted once', async () => {
    const posted: Posted[] = [];
    await firstProcess(posted);
    await world.add('City council approves new tram line', at('2026-11-27T12:00:00Z'));
    world.clock.now = at('2026-11-28T10:00:00Z');
    // Two connections to one database, as two processes have.
    const [a, b] = [
      makeScheduler(await world.reopen(), world.clock, posted, { cron: new ManualCron() }),
      makeScheduler(await world.reopen(), world.clock, posted, { cron: new ManualCron() }),
    ] as [BriefingScheduler, BriefingScheduler];
    schedulers.push(a, b);
    await Promise.all([a.sync(), b.sync()]);
    await Promise.all([a.settled(), b.settled()]);
    await Promise.all([a.catchUp(), b.catchUp()]);
    expect(posted).toHaveLength(2);
    expect(posted[1]?.until).toEqual(at('2026-11-28T08:00:00Z'));
    expect(replyText(posted[1]?.reply as Posted['reply'])).toContain('tram line');
  });

  it('given cluster mode, then every bot queues the same missed window and a failed queueing is retried', async () => {
    const posted: Posted[] = [];
    const schedule = await firstProcess(posted);
    world.clock.now = at('2026-11-28T10:00:00Z');
    const queued: string[] = [];
    let refuse = true;
    const enqueue = async (s: Schedule, when: Date) => {
      // The first bot starts before its queue is up (app.ts syncs before it starts the cluster).
      if (refuse) throw new Error('cluster not started yet');
      queued.push(briefingKey(s, when));
    };
    const cronA = new ManualCron();
    const a = makeScheduler(await world.reopen(), world.clock, posted, { cron: cronA, enqueue });
    schedulers.push(a);
    await a.sync();
    await a.settled();
    expect(queued).toEqual([]);
    refuse = false;
    world.clock.now = at('2026-11-28T10:00:30Z');
    cronA.beat();
    await a.settled();
    const b = makeScheduler(await world.reopen(), world.clock, posted, { cron: new ManualCron(), enqueue });
    schedulers.push(b);
    await b.sync();
    await b.settled();
    cronA.beat();
    await a.settled();
    // The job id is the key: the queue keeps one job, whichever bot sent it.
    const key = briefingKey(schedule, at('2026-11-28T08:00:00Z'));
    expect(queued).toEqual([key, key]);
    expect(posted).toHaveLength(1);
  });

  it('given an empty window, then nothing is posted but the run is recorded', async () => {
    const posted: Posted[] = [];
    const schedule = await firstProcess(posted);
    const cron = new ManualCron();
    const scheduler = makeScheduler(await world.reopen(), world.clock, posted, { cron });
    schedulers.push(scheduler);
    await scheduler.sync();
    world.clock.now = new Date(at('2026-11-27T08:00:00Z').getTime() + 25);
    cron.tick(schedule);
    await scheduler.settled();
    expect(posted).toHaveLength(1);
    const [stored] = await world.store.listSchedules();
    expect(stored?.lastRunAt).toEqual(at('2026-11-27T08:00:00Z'));
    expect(await world.store.lastBriefingAt(CHANNEL)).toEqual(at('2026-11-26T08:00:00Z'));
  });

  it('given a schedule changed while running, then it starts with its next window instead of catching up', async () => {
    const posted: Posted[] = [];
    await firstProcess(posted);
    await world.add('City council approves new tram line', at('2026-11-26T09:00:00Z'));
    world.clock.now = at('2026-11-26T10:00:00Z');
    const scheduler = makeScheduler(await world.reopen(), world.clock, posted, { cron: new ManualCron() });
    schedulers.push(scheduler);
    await scheduler.sync();
    await scheduler.settled();
    // Moved to 09:00 at 10:00: the 09:00 window of today was never owed, tomorrow's is.
    await world.store.upsertSchedule({ channel: CHANNEL, cron: '0 9 * * *', timezone: 'UTC' });
    await scheduler.sync();
    await scheduler.settled();
    expect(posted).toHaveLength(1);
    expect([...scheduler.nextWindows().values()]).toEqual([
      new Date(at('2026-11-26T09:00:00Z').getTime() + DAY),
    ]);
  });

  it('given a post that keeps failing, then the guard retries it a few times and then waits for the next window', async () => {
    const posted: Posted[] = [];
    const schedule = await firstProcess(posted);
    await world.add('City council approves new tram line', at('2026-11-26T12:00:00Z'));
    const cron = new ManualCron();
    let attempts = 0;
    const scheduler = makeScheduler(await world.reopen(), world.clock, posted, {
      cron,
      post: async () => {
        attempts++;
        return { ok: false, reason: 'error', detail: 'platform down' };
      },
    });
    schedulers.push(scheduler);
    await scheduler.sync();
    world.clock.now = at('2026-11-27T08:00:00.030Z');
    cron.tick(schedule);
    await scheduler.settled();
    for (let minute = 0; minute < 5; minute++) {
      world.clock.now = new Date(at('2026-11-27T08:00:30Z').getTime() + minute * 60_000);
      cron.beat();
      await scheduler.settled();
    }
    expect(attempts).toBe(3);
    // Not recorded as run, so a restart still owes the channel this window.
    const [stored] = await world.store.listSchedules();
    expect(stored?.lastRunAt).toEqual(at('2026-11-26T08:00:00Z'));
  });
});
