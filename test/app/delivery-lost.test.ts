import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Delivery } from '../../src/app/delivery.ts';
import { createSlackAdapter, type SlackAdapter } from '../../src/chat/slack/adapter.ts';
import { configSchema } from '../../src/config.ts';
import { createLogger, silentLogger } from '../../src/log.ts';
import { createMetrics } from '../../src/ops/metrics.ts';
import { openStore, type Store } from '../../src/store/index.ts';
import { TEST_COMMANDS } from '../chat/test-commands.ts';
import { longBriefing } from '../chat/test-dispatcher.ts';
import { FakeSlack } from '../fakes/slack-server.ts';

const CHANNEL = { platform: 'slack' as const, workspace: 'T1', channel: 'C9' };

describe('Delivery to a channel the bot lost (real Bolt client, Slack stand-in)', () => {
  let fake: FakeSlack;
  let adapter: SlackAdapter;
  let store: Store;

  beforeEach(async () => {
    fake = await new FakeSlack().listen();
    const config = configSchema.parse({
      http: { host: '127.0.0.1', port: 0 },
      slack: { botToken: 'xoxb-test', signingSecret: 'secret', apiUrl: fake.apiUrl },
    });
    adapter = createSlackAdapter(config, silentLogger, {
      commands: TEST_COMMANDS,
      listen: false,
      channelIntervalMs: 5,
      retryConfig: { retries: 0 },
    });
    store = await openStore({ path: ':memory:' });
  });
  afterEach(async () => {
    await adapter.stop();
    await store.close();
    await fake.close();
  });

  it('given posts that keep failing with not_in_channel, then the channel is paused and that is logged once', async () => {
    const lines: Record<string, unknown>[] = [];
    const logger = createLogger({ level: 'info', destination: { write: (l) => lines.push(JSON.parse(l)) } });
    const feed = await store.upsertFeed({ url: 'https://lost.example/rss', global: false });
    await store.subscribe({ channel: CHANNEL, feedId: feed.id, mode: 'each' });
    await store.upsertSchedule({ channel: CHANNEL, cron: '0 8 * * *', timezone: 'UTC' });
    fake.setChannel('C9', { kind: 'error', error: 'not_in_channel' });
    const delivery = new Delivery(store, new Map([['slack', adapter]]), createMetrics(), logger);
    for (let i = 0; i < 3; i++)
      expect(await delivery.post(CHANNEL, longBriefing(1))).toMatchObject({ ok: false, reason: 'no-access' });
    expect((await store.listSubscriptions(CHANNEL))[0]?.paused).toBe(true);
    expect((await store.listSchedules())[0]?.paused).toBe(true);
    expect(lines.filter((l) => String(l.msg).startsWith('lost access to channel'))).toHaveLength(1);
  });
});
