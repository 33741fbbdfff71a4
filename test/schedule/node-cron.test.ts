import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type RunningApp, startApp } from '../../src/app/app.ts';
import { loadConfig } from '../../src/config.ts';
import { silentLogger } from '../../src/log.ts';
import type { BriefingScheduler } from '../../src/schedule/briefing-scheduler.ts';
import { openStore } from '../../src/store/index.ts';
import type { Store } from '../../src/store/port.ts';
import { article, asNewArticle } from '../briefing/builders.ts';
import { CHANNEL, makeScheduler, type Posted } from './harness.ts';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(check: () => boolean, what: string, ms = 15_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

describe('the scheduler on real node-cron and the real clock', () => {
  let store: Store | undefined;
  let scheduler: BriefingScheduler | undefined;
  let app: RunningApp | undefined;
  afterEach(async () => {
    await scheduler?.stop();
    await store?.close();
    await app?.stop();
    scheduler = undefined;
    store = undefined;
    app = undefined;
  });

  it('given a cron a few seconds ahead, then node-cron fires it and the window is posted once, named by its second', async () => {
    const clock = { now: new Date() };
    store = await openStore({ path: ':memory:', now: () => new Date() });
    const feed = await store.upsertFeed({ url: 'https://wire.example/rss', name: 'Wire', global: false });
    await store.subscribe({ channel: CHANNEL, feedId: feed.id, mode: 'digest' });
    const built = article({
      id: 1,
      feedId: feed.id,
      title: 'Harbour ferry terminal to open in March',
      lede: 'x.',
    });
    await store.upsertArticle({ ...asNewArticle(built), itemKey: 'one', url: null });
    // Three seconds from now: the schedule fires once in the next minute.
    const second = (new Date().getUTCSeconds() + 3) % 60;
    await store.upsertSchedule({ channel: CHANNEL, cron: `${second} * * * * *`, timezone: 'UTC' });
    const posted: Posted[] = [];
    // The real clock: no `now` and no `cron` given, so node-cron runs the task.
    scheduler = makeScheduler(store, clock, posted, { now: undefined });
    await scheduler.sync();
    // Within seconds; a machine too busy to start in time still gets it a minute later.
    await until(() => posted.length > 0, 'the briefing', 75_000);
    await sleep(1500);
    await scheduler.settled();
    expect(posted).toHaveLength(1);
    const window = posted[0]?.until as Date;
    expect(window.getUTCSeconds()).toBe(second);
    expect(window.getUTCMilliseconds()).toBe(0);
    const [schedule] = await store.listSchedules();
    expect(schedule?.lastRunAt).toEqual(window);
  }, 90_000);

  it('given a config schedule without a timezone, then it runs in the configured default timezone', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bw-tz-'));
    const file = join(dir, 'config.yaml');
    writeFileSync(
      file,
      [
        'http: { host: 127.0.0.1, port: 0 }',
        'schedules:',
        '  - channel: slack:T1:C1',
        '    cron: "0 8 * * *"',
        '  - channel: slack:T1:C2',
        '    cron: "0 8 * * *"',
        '    timezone: America/New_York',
      ].join('\n'),
    );
    const config = loadConfig({ file, env: { BRIEFWIRE_TIMEZONE: 'Europe/Berlin' } });
    app = await startApp({
      config,
      logger: silentLogger,
      dbPath: join(dir, 'bw.db'),
      terminal: false,
      exitOnStop: false,
    });
    const schedules = await app.store.listSchedules();
    expect(schedules.map((s) => [s.channel.channel, s.timezone])).toEqual([
      ['C1', 'Europe/Berlin'],
      ['C2', 'America/New_York'],
    ]);
    const next = app.scheduler.nextWindows();
    const local = (id: number, timeZone: string) =>
      new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit' }).format(
        next.get(id) as Date,
      );
    const [berlin, newYork] = schedules as [(typeof schedules)[0], (typeof schedules)[0]];
    expect(local(berlin.id, 'Europe/Berlin')).toBe('08:00');
    expect(local(newYork.id, 'America/New_York')).toBe('08:00');
    // Berlin is never on UTC, so 08:00 there is not 08:00 UTC.
    expect(local(berlin.id, 'UTC')).not.toBe('08:00');
  });
});
