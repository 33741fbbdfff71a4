import { setTimeout as sleep } from 'node:timers/promises';
import { EmbedBuilder, embedLength } from 'discord.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Reply } from '../../../src/briefing/blocks.ts';
import { createDiscordAdapter, type DiscordAccessLost } from '../../../src/chat/discord/adapter.ts';
import { configSchema } from '../../../src/config.ts';
import { silentLogger } from '../../../src/log.ts';
import {
  commandInteraction,
  FakeDiscord,
  guildPayload,
  type RecordedRequest,
} from '../../fakes/discord-server.ts';
import { longBriefing, SOURCE, TestDispatcher } from '../test-dispatcher.ts';

const MANAGE_CHANNELS = 1n << 4n;

function configFor(fake: FakeDiscord) {
  return configSchema.parse({
    discord: { token: 'fake-token', applicationId: '100000000000000002', apiUrl: fake.apiUrl },
  });
}

const hostileReply: Reply = {
  visibility: 'public',
  summary: 'claims',
  blocks: [
    { type: 'story', title: '@everyone <@&123> **breaking** news', sources: [SOURCE], analysed: true },
    {
      type: 'claim',
      claimant: '<@456>',
      claim: 'the @here vote is _rigged_ & <b>done</b>',
      sentence: 'x',
      source: SOURCE,
    },
  ],
};

interface CallbackBody {
  type: number;
  data?: { embeds?: { title?: string; description?: string }[]; allowed_mentions?: unknown; flags?: number };
}

function embedsOf(request: RecordedRequest | undefined) {
  const body = request?.body as { embeds?: object[]; data?: { embeds?: object[] } };
  return (body.data?.embeds ?? body.embeds ?? []) as { title?: string; description?: string }[];
}

describe('Discord adapter against the local gateway and REST stand-in', () => {
  let fake: FakeDiscord;
  let stopAdapter: (() => Promise<void>) | null = null;

  beforeEach(async () => {
    fake = await new FakeDiscord().listen();
  });
  afterEach(async () => {
    await stopAdapter?.();
    stopAdapter = null;
    await fake.close();
  });

  async function started(dispatcher: TestDispatcher, options = {}) {
    const lost: DiscordAccessLost[] = [];
    const adapter = createDiscordAdapter(configFor(fake), silentLogger, {
      onAccessLost: (l) => lost.push(l),
      ...options,
    });
    await adapter.start(dispatcher);
    stopAdapter = () => adapter.stop();
    return { adapter, lost };
  }

  it('given a /claims interaction then the callback carries escaped embeds and allowed_mentions parse []', async () => {
    const dispatcher = new TestDispatcher(() => hostileReply);
    await started(dispatcher);
    expect(fake.identifies).toHaveLength(1);
    fake.dispatch(
      'INTERACTION_CREATE',
      commandInteraction({
        name: 'claims',
        options: [{ name: 'topic', type: 3, value: 'russia' }],
        permissions: MANAGE_CHANNELS,
      }),
    );
    const [callback] = await fake.waitFor('POST', /^\/interactions\/\d+\/[^/]+\/callback$/);
    const body = callback?.body as CallbackBody;
    expect(body.type).toBe(4);
    expect(body.data?.allowed_mentions).toEqual({ parse: [] });
    expect(body.data?.flags ?? 0).toBe(0);
    const [embed] = body.data?.embeds ?? [];
    expect(embed?.title).not.toMatch(/@everyone|<@&/);
    expect(embed?.title).toContain('\\*\\*breaking\\*\\*');
    expect(embed?.description).not.toMatch(/@here|<@456>/);
    expect(embed?.description).toContain('\\_rigged\\_');
    expect(embed?.description).toContain('(https://news.example/a?id=1)');
    const [request] = dispatcher.runs;
    expect(request?.command).toBe('claims');
    expect(request?.input).toEqual({ topic: 'russia' });
    expect(request?.channel).toEqual({
      platform: 'discord',
      workspace: '300000000000000001',
      channel: '300000000000000002',
    });
    expect(request?.user.canManage).toBe(true);
  });

  it('given a member without Manage Channels then the request says canManage false', async () => {
    const dispatcher = new TestDispatcher(() => ({ blocks: [], visibility: 'public', summary: 'ok' }));
    await started(dispatcher);
    fake.dispatch('INTERACTION_CREATE', commandInteraction({ name: 'feeds', permissions: 0n }));
    await fake.waitFor('POST', /\/callback$/);
    expect(dispatcher.runs[0]?.user.canManage).toBe(false);
  });

  it('given a private reply then the callback is ephemeral', async () => {
    const dispatcher = new TestDispatcher(() => ({
      blocks: [{ type: 'text', text: 'Usage: /who-said name' }],
      visibility: 'private',
      summary: 'usage',
    }));
    await started(dispatcher);
    fake.dispatch('INTERACTION_CREATE', commandInteraction({ name: 'help' }));
    const [callback] = await fake.waitFor('POST', /\/callback$/);
    expect((callback!.body as CallbackBody).data?.flags).toBe(64);
  });

  it('given an autocomplete interaction then the choices come from dispatcher.complete', async () => {
    const dispatcher = new TestDispatcher(() => longBriefing(1));
    await started(dispatcher);
    fake.dispatch(
      'INTERACTION_CREATE',
      commandInteraction({
        name: 'who-said',
        autocomplete: true,
        options: [{ name: 'name', type: 3, value: 'zel', focused: true }],
      }),
    );
    const [callback] = await fake.waitFor('POST', /\/callback$/);
    expect(callback?.body).toEqual({
      type: 8,
      data: { choices: [{ name: 'Volodymyr Zelensky', value: 'Volodymyr Zelensky' }] },
    });
    expect(dispatcher.completions[0]).toMatchObject({ command: 'who-said', option: 'name', partial: 'zel' });
  });

  it('given a slow command then it defers, edits the original and follows up with the rest', async () => {
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const dispatcher = new TestDispatcher(async () => {
      await gate;
      return longBriefing(60);
    });
    await started(dispatcher, { deferAfterMs: 50 });
    fake.dispatch('INTERACTION_CREATE', commandInteraction({ name: 'brief' }));
    const [deferral] = await fake.waitFor('POST', /\/callback$/);
    expect((deferral!.body as CallbackBody).type).toBe(5);
    release();
    const [edit] = await fake.waitFor('PATCH', /^\/webhooks\/\d+\/[^/]+\/messages\/@original$/);
    expect((edit!.body as { allowed_mentions: unknown }).allowed_mentions).toEqual({ parse: [] });
    const followUps = await fake.waitFor('POST', /^\/webhooks\/\d+\/[^/]+$/);
    for (const request of [edit, ...followUps]) {
      expect((request!.body as { allowed_mentions: unknown }).allowed_mentions).toEqual({ parse: [] });
      const embeds = embedsOf(request);
      expect(embeds.reduce((n, e) => n + embedLength(e), 0)).toBeLessThanOrEqual(6000);
    }
  });

  it('given a slow private answer then the public deferral is deleted and the answer follows up ephemeral', async () => {
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const dispatcher = new TestDispatcher(async () => {
      await gate;
      return {
        blocks: [{ type: 'text', text: 'Only managers can add feeds.' }],
        visibility: 'private',
        summary: 'no',
      };
    });
    await started(dispatcher, { deferAfterMs: 50 });
    fake.dispatch('INTERACTION_CREATE', commandInteraction({ name: 'feeds' }));
    await fake.waitFor('POST', /\/callback$/);
    release();
    await fake.waitFor('DELETE', /^\/webhooks\/\d+\/[^/]+\/messages\/@original$/);
    const [followUp] = await fake.waitFor('POST', /^\/webhooks\/\d+\/[^/]+$/);
    expect((followUp!.body as { flags: number }).flags).toBe(64);
    expect(fake.find('PATCH', /@original$/)).toHaveLength(0);
  });

  it('given a dispatcher that throws then the user gets an ephemeral error, not silence', async () => {
    const dispatcher = new TestDispatcher(() => {
      throw new Error('boom');
    });
    await started(dispatcher);
    fake.dispatch('INTERACTION_CREATE', commandInteraction({ name: 'claims' }));
    const [callback] = await fake.waitFor('POST', /\/callback$/);
    const body = callback?.body as CallbackBody & { data: { content: string } };
    expect(body.data.flags).toBe(64);
    expect(body.data.content).toMatch(/went wrong/);
  });

  it('given a 40-claim briefing then post() splits it into valid messages at block boundaries', async () => {
    const { adapter } = await started(new TestDispatcher(() => longBriefing(1)));
    const result = await adapter.post(
      { platform: 'discord', workspace: '1', channel: '400000000000000001' },
      longBriefing(40),
    );
    expect(result).toEqual({ ok: true });
    const posts = fake.find('POST', /^\/channels\/400000000000000001\/messages$/);
    expect(posts.length).toBeGreaterThan(1);
    let claims = 0;
    for (const post of posts) {
      expect((post.body as { allowed_mentions: unknown }).allowed_mentions).toEqual({ parse: [] });
      const embeds = embedsOf(post);
      expect(embeds.length).toBeLessThanOrEqual(10);
      expect(embeds.reduce((n, e) => n + embedLength(e), 0)).toBeLessThanOrEqual(6000);
      for (const embed of embeds) {
        expect(() => new EmbedBuilder(embed).setDescription(embed.description ?? null)).not.toThrow();
        claims += (embed.description?.match(/^• \*\*Official \d+\*\*/gm) ?? []).length;
      }
    }
    expect(claims).toBe(40);
  });

  it('given no gateway connection then post() still delivers over REST (a scheduler-only process)', async () => {
    const adapter = createDiscordAdapter(configFor(fake), silentLogger);
    stopAdapter = () => adapter.stop();
    const result = await adapter.post(
      { platform: 'discord', workspace: '1', channel: '400000000000000009' },
      longBriefing(1),
    );
    expect(result).toEqual({ ok: true });
    expect(fake.identifies).toHaveLength(0);
    const [post] = fake.find('POST', /^\/channels\/400000000000000009\/messages$/);
    expect(post?.authorization).toBe('Bot fake-token');
  });

  it('given a 429 with retry_after then discord.js waits it out instead of storming', async () => {
    const { adapter } = await started(new TestDispatcher(() => longBriefing(1)));
    fake.setChannel('400000000000000002', { kind: 'rate-limited', retryAfterSeconds: 0.5 });
    const result = await adapter.post(
      { platform: 'discord', workspace: '1', channel: '400000000000000002' },
      { blocks: [{ type: 'text', text: 'hello' }], visibility: 'public', summary: 'hello' },
    );
    expect(result).toEqual({ ok: true });
    // Any request before retry_after elapsed would have met another 429: one refusal, one success.
    expect(fake.find('POST', /^\/channels\/400000000000000002\/messages$/)).toHaveLength(2);
  });

  it('given a 403 then post() reports no-access once and does not retry in a storm', async () => {
    const { adapter, lost } = await started(new TestDispatcher(() => longBriefing(1)));
    fake.setChannel('400000000000000003', { kind: 'forbidden' });
    const channel = { platform: 'discord' as const, workspace: '9', channel: '400000000000000003' };
    const first = await adapter.post(channel, longBriefing(40));
    const second = await adapter.post(channel, longBriefing(1));
    expect(first).toMatchObject({ ok: false, reason: 'no-access' });
    expect(second).toMatchObject({ ok: false, reason: 'no-access' });
    expect(fake.find('POST', /^\/channels\/400000000000000003\/messages$/)).toHaveLength(1);
    expect(lost).toEqual([
      { workspace: '9', channel: '400000000000000003', detail: expect.stringMatching(/403/) },
    ]);
  });

  it('given a 404 then post() reports no-access', async () => {
    const { adapter } = await started(new TestDispatcher(() => longBriefing(1)));
    fake.setChannel('400000000000000004', { kind: 'missing' });
    const result = await adapter.post(
      { platform: 'discord', workspace: '9', channel: '400000000000000004' },
      longBriefing(1),
    );
    expect(result).toMatchObject({ ok: false, reason: 'no-access' });
  });

  it('given the bot is removed from a guild then the app is told the guild is lost', async () => {
    fake.guilds.push('500000000000000001');
    const joined: unknown[] = [];
    const { adapter, lost } = await started(new TestDispatcher(() => longBriefing(1)), {
      onGuildJoined: (j: unknown) => joined.push(j),
    });
    // The guilds announced at start-up are in the cache once ready, and none of them counts as a join.
    expect(adapter.client.guilds.cache.has('500000000000000001')).toBe(true);
    fake.dispatch('GUILD_DELETE', { id: '500000000000000001' });
    for (let i = 0; i < 200 && lost.length === 0; i += 1) await sleep(20);
    expect(lost).toEqual([
      { workspace: '500000000000000001', channel: null, detail: 'removed from the guild' },
    ]);
    expect(joined).toEqual([]);
  });

  it('given a guild outage (GUILD_DELETE unavailable) then nothing is reported lost', async () => {
    fake.guilds.push('500000000000000002');
    const { adapter, lost } = await started(new TestDispatcher(() => longBriefing(1)));
    fake.dispatch('GUILD_DELETE', { id: '500000000000000002', unavailable: true });
    for (let i = 0; i < 200 && adapter.client.guilds.cache.get('500000000000000002')?.available; i += 1)
      await sleep(20);
    expect(adapter.client.guilds.cache.get('500000000000000002')?.available).toBe(false);
    expect(lost).toEqual([]);
  });

  it('given the bot is added back to a guild then the app is told and its lost channels may be posted again', async () => {
    const joined: unknown[] = [];
    const { adapter } = await started(new TestDispatcher(() => longBriefing(1)), {
      onGuildJoined: (j: unknown) => joined.push(j),
      noAccessCooldownMs: 3_600_000,
    });
    const channel = {
      platform: 'discord' as const,
      workspace: '500000000000000003',
      channel: '400000000000000031',
    };
    const elsewhere = {
      platform: 'discord' as const,
      workspace: '500000000000000004',
      channel: '400000000000000041',
    };
    fake.setChannel(channel.channel, { kind: 'forbidden' });
    fake.setChannel(elsewhere.channel, { kind: 'forbidden' });
    expect(await adapter.post(channel, longBriefing(1))).toMatchObject({ ok: false, reason: 'no-access' });
    expect(await adapter.post(elsewhere, longBriefing(1))).toMatchObject({ ok: false, reason: 'no-access' });
    fake.setChannel(channel.channel, { kind: 'ok' });
    fake.setChannel(elsewhere.channel, { kind: 'ok' });

    fake.dispatch('GUILD_CREATE', guildPayload('500000000000000003'));
    for (let i = 0; i < 200 && joined.length === 0; i += 1) await sleep(20);
    expect(joined).toEqual([{ workspace: '500000000000000003' }]);
    expect(await adapter.post(channel, longBriefing(1))).toEqual({ ok: true });
    // Another guild's lost channel is still inside its cooldown: not tried.
    expect(await adapter.post(elsewhere, longBriefing(1))).toMatchObject({ ok: false, reason: 'no-access' });
    expect(fake.find('POST', new RegExp(`^/channels/${elsewhere.channel}/messages$`))).toHaveLength(1);
  });
});
