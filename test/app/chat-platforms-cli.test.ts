import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MANUAL_FEED_URL } from '../../src/cli/ingest.ts';
import { openStore } from '../../src/store/index.ts';
import {
  commandInteraction,
  FakeDiscord,
  guildPayload,
  type RecordedRequest,
} from '../fakes/discord-server.ts';
import { FakeSlack, type RecordedSlackCall, signedEvent, signedSlashCommand } from '../fakes/slack-server.ts';
import { ROOT, runCli } from '../helpers/cli.ts';

// `briefwire start` as a user runs it: one process, Discord and Slack from one config, the real discord.js and
// Bolt clients talking to the local stand-ins, Slack's slash commands on the process's own HTTP server.

const SECRET = 'cli-signing-secret';
const QUOTE = "We don't see any army retreat yet";
const SPEAKER = 'Volodymyr Zelensky';
const SEED_TITLE = 'Russian Claim of Withdrawing Troops from Ukraine Border is False, says US';
const MANAGE_CHANNELS = 1n << 4n;

/** Guild G1 has a channel briefed every second; guild G2 holds a subscription and a schedule, then drops the bot. */
const G1 = '500000000000000011';
const D1 = '500000000000000012';
const G2 = '500000000000000021';
const D2 = '500000000000000022';
const TEAM = 'T0TEAM';
const S1 = 'C0BRIEF';
const S2 = 'C0OTHER';
const MANAGER = 'U0MANAGER';
const MEMBER = 'U0MEMBER';

const CONFIG = `
timezone: UTC
schedules:
  # A seconds field: node-cron fires this every second, so every later tick hits the window already posted.
  - channel: discord:${G1}:${D1}
    cron: '* * * * * *'
  - channel: slack:${TEAM}:${S1}
    cron: '* * * * * *'
  - channel: discord:${G2}:${D2}
    cron: '0 7 * * *'
slack:
  managers: [${MANAGER}]
`;

interface Bot {
  child: ChildProcess;
  logs: () => Record<string, unknown>[];
  exited: Promise<number | null>;
  base: string;
}

async function until<T>(probe: () => T | undefined, what: string, limitMs = 60_000): Promise<T> {
  const deadline = Date.now() + limitMs;
  while (Date.now() < deadline) {
    const value = probe();
    if (value !== undefined) return value;
    await sleep(50);
  }
  throw new Error(`timed out waiting for ${what}`);
}

function start(dir: string, discord: FakeDiscord, slack: FakeSlack): Bot {
  const configFile = join(dir, 'briefwire.yaml');
  writeFileSync(configFile, CONFIG);
  const child = spawn(
    process.execPath,
    [resolve(ROOT, 'bin/briefwire.js'), 'start', '--db', join(dir, 'bw.db'), '--config', configFile],
    {
      cwd: ROOT,
      env: {
        ...process.env,
        LOG_LEVEL: 'info',
        NO_COLOR: '1',
        DISCORD_TOKEN: 'cli-discord-token',
        DISCORD_APPLICATION_ID: '100000000000000002',
        DISCORD_API_URL: discord.apiUrl,
        SLACK_BOT_TOKEN: 'xoxb-cli',
        SLACK_SIGNING_SECRET: SECRET,
        SLACK_API_URL: slack.apiUrl,
        BRIEFWIRE_HTTP_HOST: '127.0.0.1',
        BRIEFWIRE_HTTP_PORT: '0',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let out = '';
  child.stdout?.on('data', (d) => {
    out += d;
  });
  child.stderr?.on('data', (d) => {
    out += d;
  });
  const logs = () =>
    out
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as Record<string, unknown>);
  const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
  return { child, logs, exited, base: '' };
}

describe('briefwire start with Discord and Slack in one process', { timeout: 180_000 }, () => {
  let discord: FakeDiscord;
  let slack: FakeSlack;
  let bot: Bot;
  let triggers = 0;

  beforeAll(async () => {
    discord = await new FakeDiscord().listen();
    // The bot is in both guilds: READY lists them and GUILD_CREATE follows for each, as on Discord.
    discord.guilds.push(G1, G2);
    slack = await new FakeSlack().listen();
    const dir = mkdtempSync(join(tmpdir(), 'bw-platforms-'));
    const db = join(dir, 'bw.db');
    const ingest = runCli(['ingest', 'test/fixtures/seed.txt', '--db', db], { timeoutMs: 90_000 });
    expect(ingest.status, ingest.stderr).toBe(0);
    // A subscription in G2, so /feeds list there has something to show as paused once the guild drops the bot.
    const store = await openStore({ path: db });
    try {
      const manual = await store.getFeedByUrl(MANUAL_FEED_URL);
      await store.subscribe({
        channel: { platform: 'discord', workspace: G2, channel: D2 },
        feedId: manual!.id,
        mode: 'digest',
        backfill: 0,
      });
    } finally {
      await store.close();
    }
    bot = start(dir, discord, slack);
    const started = bot;
    const port = await until(
      () => started.logs().find((l) => String(l.msg).startsWith('http server listening'))?.port as number,
      'the http server',
      120_000,
    );
    bot.base = `http://127.0.0.1:${port}`;
    await until(
      () => started.logs().find((l) => l.msg === 'briefwire started'),
      'briefwire started',
      120_000,
    );
  }, 180_000);

  afterAll(async () => {
    if (bot && bot.child.exitCode === null) bot.child.kill('SIGKILL');
    await Promise.all([discord?.close(), slack?.close()]);
  });

  /** The public answer to one interaction: its callback, or (after a deferral) the edit of the original. */
  async function discordAnswer(token: string): Promise<Record<string, unknown>> {
    const callback = await discord.waitUntil(
      () => discord.requests.find((r) => r.method === 'POST' && r.path.includes(`/${token}/callback`)),
      `the callback of ${token}`,
      60_000,
    );
    const body = callback.body as { type: number; data?: Record<string, unknown> };
    if (body.type === 4) return body.data ?? {};
    // Deferred (a slow machine): the answer is an edit of the original or, if private, a follow-up.
    const followUp = await discord.waitUntil(
      () =>
        discord.requests.find(
          (r: RecordedRequest) =>
            (r.method === 'PATCH' || r.method === 'POST') &&
            r.path.startsWith(`/webhooks/`) &&
            r.path.includes(token),
        ),
      `the answer of ${token}`,
      60_000,
    );
    return followUp.body as Record<string, unknown>;
  }

  function interact(options: Parameters<typeof commandInteraction>[0]): string {
    const interaction = commandInteraction(options);
    discord.dispatch('INTERACTION_CREATE', interaction);
    return interaction.token;
  }

  /** Posts a signed slash command to the process's /slack/events; answers go to a response_url of its own. */
  async function slash(command: string, text: string, user: string, channel = S1) {
    triggers += 1;
    const id = `r${triggers}`;
    const { body, headers } = signedSlashCommand(SECRET, {
      command,
      text,
      team_id: TEAM,
      channel_id: channel,
      user_id: user,
      response_url: slack.responseUrlFor(id),
      trigger_id: `cli-trigger-${triggers}`,
    });
    const ack = await fetch(`${bot.base}/slack/events`, { method: 'POST', body, headers });
    expect(ack.status).toBe(200);
    return id;
  }

  async function slackAnswer(id: string): Promise<RecordedSlackCall> {
    return slack.waitUntil(() => slack.responses(id)[0], `the answer to ${id}`, 60_000);
  }

  let firstScheduledPostAt = 0;

  it('given schedules for a Discord and a Slack channel then each is posted once, with embeds and blocks', async () => {
    const channelPosts = () => discord.find('POST', new RegExp(`^/channels/${D1}/messages$`));
    const slackPosts = () => slack.find('chat.postMessage').filter((c) => c.body.channel === S1);
    await discord.waitUntil(() => channelPosts()[0], 'the scheduled Discord post', 60_000);
    await slack.waitUntil(() => slackPosts()[0], 'the scheduled Slack post', 60_000);
    firstScheduledPostAt = Date.now();

    const [post] = channelPosts();
    const body = post!.body as { embeds: { title?: string }[]; allowed_mentions: unknown };
    expect(post!.authorization).toBe('Bot cli-discord-token');
    expect(body.allowed_mentions).toEqual({ parse: [] });
    expect(body.embeds.length).toBeGreaterThan(0);
    expect(JSON.stringify(body.embeds)).toContain(SEED_TITLE);

    const [message] = slackPosts();
    expect(message!.body.blocks).toEqual(
      expect.arrayContaining([expect.objectContaining({ type: 'header' })]),
    );
    expect(JSON.stringify(message!.body.blocks)).toContain(SEED_TITLE);
    expect(String(message!.body.text)).toMatch(/\S/);
    // Nothing went to the guild whose schedule is for 07:00.
    expect(discord.find('POST', new RegExp(`^/channels/${D2}/messages$`))).toHaveLength(0);
  });

  it('given /who-said Zelensky on both platforms then both answer with the seed quote', async () => {
    const token = interact({
      name: 'who-said',
      guildId: G1,
      channelId: D1,
      options: [{ name: 'name', type: 3, value: 'Zelensky' }],
    });
    const id = await slash('/who-said', 'Zelensky', MEMBER);

    const discordReply = await discordAnswer(token);
    expect(discordReply.allowed_mentions).toEqual({ parse: [] });
    expect(discordReply.flags ?? 0).toBe(0);
    const embeds = JSON.stringify(discordReply.embeds);
    expect(embeds).toContain(QUOTE);
    expect(embeds).toContain(SPEAKER);

    const slackReply = await slackAnswer(id);
    expect(slackReply.body.response_type).toBe('in_channel');
    expect(JSON.stringify(slackReply.body.blocks)).toContain(QUOTE);
    expect(JSON.stringify(slackReply.body.blocks)).toContain(SPEAKER);
    expect(String(slackReply.body.text)).toMatch(/\S/);
  });

  it('given slack.managers then a listed member may change feeds and schedules and an unlisted one may not', async () => {
    const refusedSchedule = await slackAnswer(await slash('/schedule', 'set weekdays 08:00', MEMBER, S2));
    expect(refusedSchedule.body.response_type).toBe('ephemeral');
    expect(String(refusedSchedule.body.text)).toMatch(
      /Only channel managers can change the briefing schedule/,
    );
    const refusedFeed = await slackAnswer(await slash('/feeds', 'add https://feeds.example/rss', MEMBER, S2));
    expect(String(refusedFeed.body.text)).toMatch(/Only channel managers can add feeds/);

    const schedule = await slackAnswer(await slash('/schedule', 'set weekdays 08:00', MANAGER, S2));
    expect(schedule.body.response_type).toBe('in_channel');
    expect(JSON.stringify(schedule.body.blocks)).toMatch(/This channel gets a briefing .*\(UTC\)/);
    // Past the permission check, the URL meets the SSRF guard (a loopback address), never the network.
    const feed = await slackAnswer(await slash('/feeds', 'add http://127.0.0.1:9/rss', MANAGER, S2));
    expect(String(feed.body.text)).toMatch(/^Cannot add that feed/);

    const shown = await slackAnswer(await slash('/schedule', 'show', MEMBER, S2));
    expect(JSON.stringify(shown.body.blocks)).toMatch(/Briefing .*\(UTC\)/);
    // users.info said "not an admin" for the member; the listed manager was never looked up.
    const looked = slack.find('users.info').map((c) => c.body.user);
    expect(looked).toContain(MEMBER);
    expect(looked).not.toContain(MANAGER);
  });

  it('given the bot is removed from a guild then its channels show as paused in /feeds list and /schedule show', async () => {
    const before = await discordAnswer(interact({ name: 'feeds', guildId: G2, channelId: D2 }));
    const beforeText = JSON.stringify(before.embeds);
    expect(beforeText).toContain('· digest');
    expect(beforeText).not.toContain('(paused');

    discord.dispatch('GUILD_DELETE', { id: G2 });
    await until(
      () => bot.logs().find((l) => l.msg === 'removed from the workspace: pausing all its channels'),
      'the guild pause',
    );
    const feeds = await discordAnswer(
      interact({ name: 'feeds', guildId: G2, channelId: D2, permissions: MANAGE_CHANNELS }),
    );
    expect(JSON.stringify(feeds.embeds)).toContain('· digest (paused');
    const schedule = await discordAnswer(
      interact({
        name: 'schedule',
        guildId: G2,
        channelId: D2,
        options: [{ name: 'action', type: 3, value: 'show' }],
      }),
    );
    expect(JSON.stringify(schedule.embeds)).toContain('(paused');
    // Another guild is untouched.
    const other = await discordAnswer(
      interact({
        name: 'schedule',
        guildId: G1,
        channelId: D1,
        options: [{ name: 'action', type: 3, value: 'show' }],
      }),
    );
    expect(JSON.stringify(other.embeds)).not.toContain('(paused');
  });

  it('given the bot is added back to the guild then its channels run again', async () => {
    discord.dispatch('GUILD_CREATE', guildPayload(G2));
    await until(
      () => bot.logs().find((l) => l.msg === 'added to the workspace: resuming its channels'),
      'the guild resume',
    );
    const feeds = await discordAnswer(
      interact({ name: 'feeds', guildId: G2, channelId: D2, permissions: MANAGE_CHANNELS }),
    );
    expect(JSON.stringify(feeds.embeds)).toContain('· digest');
    expect(JSON.stringify(feeds.embeds)).not.toContain('(paused');
  });

  it('given the Slack app is uninstalled then its workspace pauses, and a command after reinstalling resumes it', async () => {
    const paused = (platform: string, msg: string) => () =>
      bot.logs().find((l) => l.msg === msg && l.platform === platform && l.workspace === TEAM);
    const { body, headers } = signedEvent(SECRET, TEAM, { type: 'app_uninstalled' });
    expect((await fetch(`${bot.base}/slack/events`, { method: 'POST', body, headers })).status).toBe(200);
    await until(paused('slack', 'removed from the workspace: pausing all its channels'), 'the Slack pause');
    // Slack sends commands again only once the app is installed back: the first one resumes the workspace.
    await slackAnswer(await slash('/help', '', MEMBER, S1));
    await until(paused('slack', 'added to the workspace: resuming its channels'), 'the Slack resume');
    const shown = await slackAnswer(await slash('/schedule', 'show', MEMBER, S1));
    expect(JSON.stringify(shown.body.blocks)).not.toContain('(paused');
  });

  it('given later ticks of the every-second schedules then nothing is posted a second time', async () => {
    // Wait (not measure) until at least two more ticks have fired since the first post.
    await until(() => (Date.now() - firstScheduledPostAt > 2_500 ? true : undefined), 'two more ticks');
    expect(discord.find('POST', new RegExp(`^/channels/${D1}/messages$`))).toHaveLength(1);
    expect(slack.find('chat.postMessage').filter((c) => c.body.channel === S1)).toHaveLength(1);
  });

  it('given SIGTERM then it closes poller, both chats, http, scheduler and store and exits 0', async () => {
    bot.child.kill('SIGTERM');
    expect(await bot.exited).toBe(0);
    const steps = bot
      .logs()
      .filter((l) => l.msg === 'closed')
      .map((l) => l.step);
    expect(steps).toEqual(['poller', 'discord', 'slack', 'http', 'scheduler', 'store']);
    expect(bot.logs().filter((l) => Number(l.level) >= 50)).toEqual([]);
  });
});
