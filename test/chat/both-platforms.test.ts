import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commands } from '../../commands/index.ts';
import { createDiscordAdapter } from '../../src/chat/discord/adapter.ts';
import { createSlackAdapter } from '../../src/chat/slack/adapter.ts';
import { configSchema } from '../../src/config.ts';
import { silentLogger } from '../../src/log.ts';
import { A2, makeWorld, SEED_SPEC, type World, worldDispatcher } from '../commands/world.ts';
import { commandInteraction, FakeDiscord } from '../fakes/discord-server.ts';
import { FakeSlack, signedSlashCommand } from '../fakes/slack-server.ts';

const SECRET = 'both-platforms-secret';
const QUOTE = "We don't see any army retreat yet";

describe('Discord and Slack in one process, with the real dispatcher and commands', () => {
  let world: World;
  let discord: FakeDiscord;
  let slack: FakeSlack;
  let stop: (() => Promise<void>) | undefined;
  let slackBase: string;
  let discordAdapter: ReturnType<typeof createDiscordAdapter>;
  let slackAdapter: ReturnType<typeof createSlackAdapter>;

  beforeAll(async () => {
    discord = await new FakeDiscord().listen();
    slack = await new FakeSlack().listen();
    world = await makeWorld();
    stop = async () => {
      await Promise.all([discord.close(), slack.close()]);
      await world.store.close();
    };
    await world.add(
      { ...SEED_SPEC, feedId: world.globalFeedId },
      new Date(world.clock.now.getTime() - 3_600_000),
    );
    const config = configSchema.parse({
      http: { host: '127.0.0.1', port: 0 },
      discord: { token: 'fake-token', applicationId: '100000000000000002', apiUrl: discord.apiUrl },
      slack: { botToken: 'xoxb-test', signingSecret: SECRET, apiUrl: slack.apiUrl },
    });
    const dispatcher = worldDispatcher(world);
    // No deferral on a loaded CI machine: this test asserts on the direct reply (deferral has its own test).
    discordAdapter = createDiscordAdapter(config, silentLogger, { deferAfterMs: 10_000 });
    slackAdapter = createSlackAdapter(config, silentLogger, { commands, channelIntervalMs: 5 });
    await Promise.all([discordAdapter.start(dispatcher), slackAdapter.start(dispatcher)]);
    slackBase = `http://127.0.0.1:${slackAdapter.address()?.port}`;
    stop = async () => {
      await Promise.all([discordAdapter.stop(), slackAdapter.stop()]);
      await Promise.all([discord.close(), slack.close()]);
      await world.store.close();
    };
  });
  afterAll(async () => {
    await stop?.();
  });

  it('given /who-said autocomplete on Discord then known speakers come from the store', async () => {
    discord.dispatch(
      'INTERACTION_CREATE',
      commandInteraction({
        name: 'who-said',
        autocomplete: true,
        options: [{ name: 'name', type: 3, value: 'zel', focused: true }],
      }),
    );
    const [callback] = await discord.waitFor('POST', /\/callback$/);
    const choices = (callback!.body as { data: { choices: { name: string }[] } }).data.choices;
    expect(choices.map((c) => c.name)).toContain('Volodymyr Zelensky');
  });

  it('given /who-said on both platforms then both answer publicly with the quote and its link', async () => {
    discord.dispatch(
      'INTERACTION_CREATE',
      commandInteraction({ name: 'who-said', options: [{ name: 'name', type: 3, value: 'Zelensky' }] }),
    );
    const { body, headers } = signedSlashCommand(SECRET, {
      command: '/who-said',
      text: 'Zelensky',
      team_id: 'TA',
      channel_id: 'C1',
      user_id: 'U1',
      response_url: slack.responseUrl,
    });
    const ack = await fetch(`${slackBase}/slack/events`, { method: 'POST', body, headers });
    expect(ack.status).toBe(200);

    const callbacks = await discord.waitFor('POST', /\/callback$/, 2);
    const discordAnswer = callbacks.at(-1)!.body as {
      data: { embeds: { description?: string }[]; allowed_mentions: unknown; flags?: number };
    };
    expect(discordAnswer.data.allowed_mentions).toEqual({ parse: [] });
    expect(discordAnswer.data.flags ?? 0).toBe(0);
    expect(JSON.stringify(discordAnswer.data.embeds)).toContain(QUOTE);
    expect(JSON.stringify(discordAnswer.data.embeds)).toContain('(https://global.example/seed)');

    const [slackAnswer] = await slack.waitFor('response_url');
    expect(slackAnswer?.body.response_type).toBe('in_channel');
    expect(JSON.stringify(slackAnswer?.body.blocks)).toContain(QUOTE);
    expect(JSON.stringify(slackAnswer?.body.blocks)).toContain('<https://global.example/seed|');
  });

  it('given a briefing then post() delivers it to a Discord and a Slack channel', async () => {
    // A2 subscribes to nothing, so its briefing falls back to the global feed that carries the seed story.
    const brief = await world.run('/brief since:7d', A2);
    const results = await Promise.all([
      discordAdapter.post({ platform: 'discord', workspace: '1', channel: '600000000000000001' }, brief),
      slackAdapter.post({ platform: 'slack', workspace: 'TA', channel: 'C1' }, brief),
    ]);
    expect(results).toEqual([{ ok: true }, { ok: true }]);
    expect(discord.find('POST', /^\/channels\/600000000000000001\/messages$/).length).toBeGreaterThan(0);
    const [post] = slack.find('chat.postMessage');
    expect(String(post?.body.text).length).toBeGreaterThan(0);
    expect(JSON.stringify(post?.body.blocks)).toContain('Russian Claim of Withdrawing Troops');
  });
});
