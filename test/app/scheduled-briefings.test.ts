import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningApp, startApp } from '../../src/app/app.ts';
import { runIngest } from '../../src/cli/ingest.ts';
import { configSchema } from '../../src/config.ts';
import { silentLogger } from '../../src/log.ts';
import type { Schedule } from '../../src/store/port.ts';
import { FakeDiscord } from '../fakes/discord-server.ts';
import { FakeSlack } from '../fakes/slack-server.ts';

// The app as `briefwire start` wires it (real discord.js and Bolt, store, scheduler, delivery), with the clock
// handed to the scheduler by the test: one window is posted once to each platform, and only once.

const SEED_TITLE = 'Russian Claim of Withdrawing Troops from Ukraine Border is False, says US';
const GUILD = '600000000000000011';
const CHANNEL = '600000000000000012';
const TEAM = 'T0SCHED';
const SLACK_CHANNEL = 'C0SCHED';

describe('scheduled briefings on Discord and Slack', { timeout: 120_000 }, () => {
  let discord: FakeDiscord;
  let slack: FakeSlack;
  let app: RunningApp;
  let schedules: { discord: Schedule; slack: Schedule };

  const discordPosts = () => discord.find('POST', new RegExp(`^/channels/${CHANNEL}/messages$`));
  const slackPosts = () => slack.find('chat.postMessage').filter((c) => c.body.channel === SLACK_CHANNEL);

  beforeAll(async () => {
    discord = await new FakeDiscord().listen();
    slack = await new FakeSlack().listen();
    const db = join(mkdtempSync(join(tmpdir(), 'bw-sched-')), 'bw.db');
    const sink = new Writable({ write: (_chunk, _encoding, done) => done() });
    await runIngest(['test/fixtures/seed.txt', '--db', db], sink);
    const config = configSchema.parse({
      http: { host: '127.0.0.1', port: 0 },
      // Far from now: the test fires the windows itself, so no cron tick races it.
      schedules: [
        { channel: `discord:${GUILD}:${CHANNEL}`, cron: '0 3 1 1 *' },
        { channel: `slack:${TEAM}:${SLACK_CHANNEL}`, cron: '0 3 1 1 *' },
      ],
      discord: { token: 'sched-token', applicationId: '100000000000000002', apiUrl: discord.apiUrl },
      slack: { botToken: 'xoxb-sched', signingSecret: 'sched-secret', apiUrl: slack.apiUrl },
    });
    app = await startApp({ config, logger: silentLogger, dbPath: db, terminal: false, exitOnStop: false });
    const all = await app.store.listSchedules();
    const find = (platform: string) => all.find((s) => s.channel.platform === platform) as Schedule;
    schedules = { discord: find('discord'), slack: find('slack') };
  }, 120_000);

  afterAll(async () => {
    await app?.stop();
    await Promise.all([discord?.close(), slack?.close()]);
  });

  // A window that ends five seconds into the next minute; the briefing key is per schedule and minute.
  const minute = Math.floor(Date.now() / 60_000) * 60_000 + 60_000;
  const at = new Date(minute + 5_000);

  it('given both schedules fire then each channel gets one briefing: embeds on Discord, blocks on Slack', async () => {
    expect(await app.scheduler.fire(schedules.discord, at)).toBe('posted');
    expect(await app.scheduler.fire(schedules.slack, at)).toBe('posted');

    expect(discordPosts()).toHaveLength(1);
    const body = discordPosts()[0]?.body as {
      embeds: unknown[];
      allowed_mentions: unknown;
      content?: string;
    };
    expect(body.allowed_mentions).toEqual({ parse: [] });
    expect(body.embeds.length).toBeGreaterThan(0);
    expect(JSON.stringify(body.embeds)).toContain(SEED_TITLE);

    expect(slackPosts()).toHaveLength(1);
    const [message] = slackPosts();
    expect(Array.isArray(message?.body.blocks)).toBe(true);
    expect(JSON.stringify(message?.body.blocks)).toContain(SEED_TITLE);
    // The plain-text fallback (notifications, screen readers) says what the blocks hold.
    expect(String(message?.body.text)).toMatch(/^Briefing: .*\d+ stor(y|ies) from \d+ articles?/);
    expect(String(message?.body.unfurl_links)).toBe('false');
  });

  it('given the same window fires again (a retried or concurrent tick) then nothing is posted twice', async () => {
    const sameMinute = new Date(minute + 40_000);
    for (const schedule of [schedules.discord, schedules.slack]) {
      expect(await app.scheduler.fire(schedule, at)).toBe('duplicate');
      expect(await app.scheduler.fire(schedule, sameMinute)).toBe('duplicate');
    }
    expect(discordPosts()).toHaveLength(1);
    expect(slackPosts()).toHaveLength(1);
  });

  it('given the next window has nothing new then it posts nothing and records the run', async () => {
    const later = new Date(at.getTime() + 3_600_000);
    expect(await app.scheduler.fire(schedules.discord, later)).toBe('empty');
    expect(await app.scheduler.fire(schedules.slack, later)).toBe('empty');
    expect(discordPosts()).toHaveLength(1);
    expect(slackPosts()).toHaveLength(1);
    const runs = (await app.store.listSchedules()).map((s) => s.lastRunAt?.toISOString());
    expect(runs).toEqual([later.toISOString(), later.toISOString()]);
  });
});
