import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Reply } from '../../../src/briefing/blocks.ts';
import { createSlackAdapter, type SlackAdapter } from '../../../src/chat/slack/adapter.ts';
import { configSchema } from '../../../src/config.ts';
import { silentLogger } from '../../../src/log.ts';
import { FakeSlack, signedEvent, signedSlashCommand } from '../../fakes/slack-server.ts';
import { TEST_COMMANDS } from '../test-commands.ts';
import { longBriefing, SOURCE, TestDispatcher } from '../test-dispatcher.ts';

const SECRET = 'test-signing-secret';
let triggers = 0;

const hostile: Reply = {
  visibility: 'public',
  summary: 'quotes <!channel>',
  blocks: [
    { type: 'story', title: '<!channel> @everyone *breaking* & <@U123>', sources: [SOURCE], analysed: true },
    { type: 'quote', text: 'vote <!here> now', speaker: '@channel', sentence: 's', source: SOURCE },
  ],
};

describe('Slack adapter against real Bolt and a local Web API stand-in', () => {
  let fake: FakeSlack;
  let adapter: SlackAdapter | null = null;

  beforeEach(async () => {
    fake = await new FakeSlack().listen();
  });
  afterEach(async () => {
    await adapter?.stop();
    adapter = null;
    await fake.close();
  });

  async function startHttp(
    dispatcher: TestDispatcher,
    extra: Partial<Parameters<typeof createSlackAdapter>[2]> = {},
  ) {
    const config = configSchema.parse({
      http: { host: '127.0.0.1', port: 0 },
      slack: { botToken: 'xoxb-test', signingSecret: SECRET, apiUrl: fake.apiUrl },
    });
    adapter = createSlackAdapter(config, silentLogger, {
      commands: TEST_COMMANDS,
      channelIntervalMs: 5,
      retryConfig: { retries: 2, minTimeout: 10, maxTimeout: 50 },
      ...extra,
    });
    await adapter.start(dispatcher);
    const port = adapter.address()?.port;
    return `http://127.0.0.1:${port}`;
  }

  async function slash(base: string, command: string, text: string, options = {}) {
    triggers += 1;
    const { body, headers } = signedSlashCommand(
      SECRET,
      {
        command,
        text,
        team_id: 'T1',
        channel_id: 'C1',
        user_id: 'U1',
        user_name: 'reader',
        response_url: fake.responseUrl,
        trigger_id: `trigger-${triggers}`,
      },
      options,
    );
    return fetch(`${base}/slack/events`, { method: 'POST', body, headers });
  }

  it('given a signed /who-said then it acks, parses typed options and responds in_channel with blocks', async () => {
    const dispatcher = new TestDispatcher(() => hostile);
    const base = await startHttp(dispatcher);
    const response = await slash(base, '/who-said', 'Zelensky topic:russia since:7d');
    expect(response.status).toBe(200);
    const [answer] = await fake.waitFor('response_url');
    expect(dispatcher.runs[0]).toMatchObject({
      command: 'who-said',
      input: { name: 'Zelensky', topic: 'russia', since: '7d' },
      channel: { platform: 'slack', workspace: 'T1', channel: 'C1' },
      user: { id: 'U1', canManage: false },
    });
    expect(answer?.body.response_type).toBe('in_channel');
    expect(answer?.body.text).toBe('quotes &lt;!channel&gt;');
    const json = JSON.stringify(answer?.body.blocks);
    expect(json).not.toMatch(/<!channel>|<!here>|<@U123>|@everyone|@channel/);
    expect(json).toContain('&lt;!channel&gt;');
    expect(json).toContain('&amp;');
    expect(json).toContain('<https://news.example/a?id=1|Example News>');
  });

  it('given a forged signature then Bolt answers 401 and nothing runs', async () => {
    const dispatcher = new TestDispatcher(() => hostile);
    const base = await startHttp(dispatcher);
    const response = await slash(base, '/claims', 'russia', { forge: true });
    expect(response.status).toBe(401);
    expect(dispatcher.runs).toHaveLength(0);
  });

  it('given a timestamp older than 5 minutes then the request is refused', async () => {
    const dispatcher = new TestDispatcher(() => hostile);
    const base = await startHttp(dispatcher);
    const response = await slash(base, '/claims', 'russia', {
      timestamp: Math.floor(Date.now() / 1000) - 6 * 60,
    });
    expect(response.status).toBe(401);
    expect(dispatcher.runs).toHaveLength(0);
  });

  it('given a timestamp 4 minutes old then it is still inside the 5-minute tolerance', async () => {
    const dispatcher = new TestDispatcher(() => hostile);
    const base = await startHttp(dispatcher);
    const response = await slash(base, '/claims', 'russia', {
      timestamp: Math.floor(Date.now() / 1000) - 4 * 60,
    });
    expect(response.status).toBe(200);
    await fake.waitFor('response_url');
    expect(dispatcher.runs).toHaveLength(1);
  });

  it('given a slow command then Slack gets its ack first and the answer later through respond()', async () => {
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const dispatcher = new TestDispatcher(async () => {
      await gate;
      return hostile;
    });
    const base = await startHttp(dispatcher);
    const response = await slash(base, '/claims', 'russia');
    // The HTTP answer (the ack) came back while the command was still blocked: nothing responded yet.
    expect(response.status).toBe(200);
    expect(fake.find('response_url')).toHaveLength(0);
    release();
    const [answer] = await fake.waitFor('response_url');
    expect(answer?.body.response_type).toBe('in_channel');
  });

  it('given the same command delivered twice (x-slack-retry-num) then it runs and answers once', async () => {
    const dispatcher = new TestDispatcher(() => hostile);
    const base = await startHttp(dispatcher);
    const { body, headers } = signedSlashCommand(SECRET, {
      command: '/claims',
      text: 'russia',
      team_id: 'T1',
      channel_id: 'C1',
      user_id: 'U1',
      response_url: fake.responseUrl,
      trigger_id: 'trigger-42',
    });
    expect((await fetch(`${base}/slack/events`, { method: 'POST', body, headers })).status).toBe(200);
    await fake.waitFor('response_url');
    const retry = { ...headers, 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' };
    expect((await fetch(`${base}/slack/events`, { method: 'POST', body, headers: retry })).status).toBe(200);
    await slash(base, '/claims', 'other');
    await fake.waitFor('response_url', 2);
    expect(dispatcher.runs.map((r) => r.input.topic)).toEqual(['russia', 'other']);
  });

  it('given an unknown option then the user gets a private explanation', async () => {
    const dispatcher = new TestDispatcher(() => hostile);
    const base = await startHttp(dispatcher);
    await slash(base, '/claims', 'colour:red');
    const [answer] = await fake.waitFor('response_url');
    expect(answer?.body.response_type).toBe('ephemeral');
    expect(String(answer?.body.text)).toMatch(/no option "colour"/);
    expect(dispatcher.runs).toHaveLength(0);
  });

  it('given a workspace admin then users.info (cached) makes canManage true on every command', async () => {
    fake.admins.add('U1');
    const dispatcher = new TestDispatcher(() => ({ blocks: [], visibility: 'private', summary: 'ok' }));
    const base = await startHttp(dispatcher);
    await slash(base, '/feeds', 'list');
    const [answer] = await fake.waitFor('response_url');
    expect(answer?.body.response_type).toBe('ephemeral');
    expect(dispatcher.runs[0]?.user.canManage).toBe(true);
    await slash(base, '/claims', 'russia');
    await fake.waitFor('response_url', 2);
    expect(dispatcher.runs[1]?.user.canManage).toBe(true);
    // Cached: one users.info for two commands by the same user.
    expect(fake.find('users.info')).toHaveLength(1);
  });

  it('given a user listed as manager in the options then canManage is true without asking Slack', async () => {
    const dispatcher = new TestDispatcher(() => hostile);
    const base = await startHttp(dispatcher, { managers: ['U1'] });
    await slash(base, '/feeds', 'add https://feeds.example/rss');
    await fake.waitFor('response_url');
    expect(dispatcher.runs[0]?.user.canManage).toBe(true);
    expect(fake.find('users.info')).toHaveLength(0);
  });

  it('given managers in the options then an unlisted member is asked about and may not manage', async () => {
    const dispatcher = new TestDispatcher(() => hostile);
    const base = await startHttp(dispatcher, { managers: ['U9'] });
    await slash(base, '/feeds', 'add https://feeds.example/rss');
    await fake.waitFor('response_url');
    expect(dispatcher.runs[0]?.user).toMatchObject({ id: 'U1', canManage: false });
    expect(fake.find('users.info').map((c) => c.body.user)).toEqual(['U1']);
  });

  it('given a long briefing then post() sends several messages of at most 50 blocks, each with a text fallback', async () => {
    await startHttp(new TestDispatcher(() => hostile));
    const result = await adapter!.post(
      { platform: 'slack', workspace: 'T1', channel: 'C9' },
      longBriefing(120),
    );
    expect(result).toEqual({ ok: true });
    const posts = fake.find('chat.postMessage');
    expect(posts.length).toBeGreaterThan(2);
    for (const post of posts) {
      expect(post.body.channel).toBe('C9');
      expect((post.body.blocks as unknown[]).length).toBeLessThanOrEqual(50);
      expect(String(post.body.text)).toMatch(/Morning briefing/);
    }
  });

  it('given chat.postMessage answers 429 with Retry-After then the client waits and sends once more', async () => {
    await startHttp(new TestDispatcher(() => hostile));
    fake.setChannel('C7', { kind: 'rate-limited', retryAfterSeconds: 1 });
    const reply: Reply = { blocks: [{ type: 'text', text: 'hi' }], visibility: 'public', summary: 'hi' };
    const result = await adapter!.post({ platform: 'slack', workspace: 'T1', channel: 'C7' }, reply);
    expect(result).toEqual({ ok: true });
    // A retry before Retry-After elapsed would have met another 429: one refusal, one success.
    expect(fake.find('chat.postMessage')).toHaveLength(2);
  });

  it('given the bot was removed from a channel then post() reports no-access once and does not retry in a storm', async () => {
    const lost: unknown[] = [];
    await startHttp(new TestDispatcher(() => hostile), { onAccessLost: (l) => lost.push(l) });
    fake.setChannel('C8', { kind: 'error', error: 'not_in_channel' });
    const channel = { platform: 'slack' as const, workspace: 'T1', channel: 'C8' };
    const result = await adapter!.post(channel, longBriefing(1));
    const again = await adapter!.post(channel, longBriefing(1));
    expect(result).toEqual({ ok: false, reason: 'no-access', detail: 'not_in_channel' });
    expect(again).toMatchObject({ ok: false, reason: 'no-access' });
    expect(fake.find('chat.postMessage')).toHaveLength(1);
    expect(lost).toEqual([{ workspace: 'T1', channel: 'C8', detail: 'not_in_channel' }]);
  });

  it('given the app uninstalled, then the workspace is reported lost once, and its next command reports it back', async () => {
    const lost: unknown[] = [];
    const joined: unknown[] = [];
    const base = await startHttp(new TestDispatcher(() => hostile), {
      onAccessLost: (l) => lost.push(l),
      onWorkspaceJoined: (j) => joined.push(j),
    });
    const deliver = (event: Record<string, unknown>) => {
      const { body, headers } = signedEvent(SECRET, 'T1', event);
      return fetch(`${base}/slack/events`, { method: 'POST', body, headers });
    };
    // A revoked user token leaves the bot in place; the bot's own token or an uninstall does not.
    expect((await deliver({ type: 'tokens_revoked', tokens: { oauth: ['U9'] } })).status).toBe(200);
    expect(lost).toEqual([]);
    expect((await deliver({ type: 'app_uninstalled' })).status).toBe(200);
    expect((await deliver({ type: 'tokens_revoked', tokens: { bot: ['B1'] } })).status).toBe(200);
    expect(lost).toEqual([{ workspace: 'T1', channel: null, detail: 'app_uninstalled' }]);
    expect(joined).toEqual([]);
    await slash(base, '/who-said', 'Zelensky');
    await slash(base, '/who-said', 'Zelensky');
    await fake.waitFor('response_url', 2);
    expect(joined).toEqual([{ workspace: 'T1' }]);
  });

  it('given customRoutes then the same server answers /healthz beside /slack/events', async () => {
    const base = await startHttp(new TestDispatcher(() => hostile), {
      customRoutes: [{ path: '/healthz', method: 'GET', handler: (_req, res) => res.end('ok') }],
    });
    const response = await fetch(`${base}/healthz`);
    expect(await response.text()).toBe('ok');
  });

  it('given listen false then the app server routes /slack/events through handleHttp', async () => {
    const config = configSchema.parse({
      slack: { botToken: 'xoxb-test', signingSecret: SECRET, apiUrl: fake.apiUrl },
    });
    const dispatcher = new TestDispatcher(() => hostile);
    adapter = createSlackAdapter(config, silentLogger, { commands: TEST_COMMANDS, listen: false });
    await adapter.start(dispatcher);
    expect(adapter.address()).toBeNull();
    const slack = adapter;
    const server = createServer((req, res) => {
      if (!slack.handleHttp(req, res)) res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      expect((await fetch(`${base}/other`)).status).toBe(404);
      expect((await fetch(`${base}/slack/events`)).status).toBe(405);
      expect((await slash(base, '/claims', 'russia')).status).toBe(200);
      await fake.waitFor('response_url');
      expect(dispatcher.runs[0]?.input).toEqual({ topic: 'russia' });
    } finally {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  it('given SLACK_APP_TOKEN then Socket Mode connects, acks a slash command envelope and responds', async () => {
    const config = configSchema.parse({
      slack: { botToken: 'xoxb-test', appToken: 'xapp-test', apiUrl: fake.apiUrl },
    });
    const dispatcher = new TestDispatcher(() => hostile);
    adapter = createSlackAdapter(config, silentLogger, { commands: TEST_COMMANDS });
    expect(adapter.mode).toBe('socket');
    await adapter.start(dispatcher);
    expect(fake.find('apps.connections.open')).toHaveLength(1);
    fake.sendEnvelope('env-1', 'slash_commands', {
      command: '/who-said',
      text: '"Jens Stoltenberg" since:24h',
      team_id: 'T1',
      channel_id: 'C2',
      user_id: 'U2',
      response_url: fake.responseUrl,
      trigger_id: 't',
      api_app_id: 'A1',
    });
    await fake.waitFor('ack');
    const [answer] = await fake.waitFor('response_url');
    expect(fake.acks[0]?.envelope_id).toBe('env-1');
    expect(dispatcher.runs[0]?.input).toEqual({ name: 'Jens Stoltenberg', since: '24h' });
    expect(answer?.body.response_type).toBe('in_channel');
  });
});
