import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { articleFromParts, extractArticle } from '../../src/extract/index.ts';
import { openStore, type Store } from '../../src/store/index.ts';
import { FakeSlack } from '../fakes/slack-server.ts';
import {
  dropSchemas,
  killAll,
  type Member,
  PG_URL,
  schemaName,
  slackBotEnv,
  startMember,
  waitFor,
  writeConfig,
} from './harness.ts';

const CHANNEL = { platform: 'slack', workspace: 'T1', channel: 'C9' } as const;
const FEED_URL = 'http://127.0.0.1:9/never-polled.xml';

describe.skipIf(!PG_URL)(
  'scheduled briefings with two bots (real CLI, Postgres)',
  { timeout: 180_000 },
  () => {
    const url = PG_URL as string;
    const schema = schemaName('brief');
    const slack = new FakeSlack();
    let store: Store;
    let bots: Member[] = [];

    beforeAll(async () => {
      await slack.listen();
      store = await openStore({ url, schema });
      const feed = await store.upsertFeed({ url: FEED_URL, global: true });
      await store.subscribe({ channel: CHANNEL, feedId: feed.id, mode: 'digest' });
      const paragraphs = [
        'The harbour authority said on Monday that the new ferry terminal would open in March, two years late.',
        '"We have fixed the foundations and the budget is now 48 million euros," said Lena Brandt, the director.',
        'Shipping firms said the delay cost them about 12 percent of their summer traffic.',
      ];
      const article = articleFromParts('Ferry terminal to open in March', paragraphs, 'en');
      await store.upsertArticle({
        feedId: feed.id,
        itemKey: 'ferry-1',
        url: null,
        title: 'Ferry terminal to open in March',
        published: new Date(),
        text: article.input,
        extraction: extractArticle(article),
      });
      const config = writeConfig({
        database: { schema },
        feeds: [{ url: FEED_URL }],
        // Every two seconds: many ticks of each bot land in one window (the window is the minute).
        schedules: [{ channel: 'slack:T1:C9', cron: '*/2 * * * * *', timezone: 'UTC' }],
      });
      const env = slackBotEnv(url, slack.apiUrl);
      bots = await Promise.all([startMember('bot', config, env), startMember('bot', config, env)]);
    }, 120_000);

    afterAll(async () => {
      await killAll();
      await store?.close();
      await slack.close();
      await dropSchemas(url, schema);
    });

    it('given two bots with one schedule, then each window is posted once', async () => {
      const briefingLogs = () =>
        bots.map((b) => b.logs().filter((l) => String(l.msg).startsWith('briefing window')).length);
      // Both bots' crons fired several times.
      await waitFor(
        () => (briefingLogs().every((n) => n >= 3) ? true : undefined),
        'both bots firing',
        60_000,
      );
      await waitFor(
        () => (slack.find('chat.postMessage').some((c) => c.body.channel === 'C9') ? true : undefined),
        'the briefing',
        30_000,
      );
      const taken = bots.flatMap((b) =>
        b.logs().filter((l) => l.msg === 'briefing window already queued by another bot'),
      );
      expect(taken.length).toBeGreaterThan(0);
      const posts = slack.find('chat.postMessage').filter((c) => c.body.channel === 'C9');
      // One article, so one window has something to say; every later window is empty and posts nothing.
      expect(posts).toHaveLength(1);
      // A second story opens a later window (the next minute) with something to say: posted once as well.
      const feed = await store.getFeedByUrl(FEED_URL);
      const text = articleFromParts(
        'Tunnel inspection finds cracks',
        ['Engineers said on Tuesday that an inspection of the harbour tunnel found 14 cracks in its lining.'],
        'en',
      );
      await store.upsertArticle({
        feedId: (feed as { id: number }).id,
        itemKey: 'tunnel-1',
        url: null,
        title: 'Tunnel inspection finds cracks',
        published: new Date(),
        text: text.input,
        extraction: extractArticle(text),
      });
      const briefs = () => slack.find('chat.postMessage').filter((c) => c.body.channel === 'C9');
      await waitFor(() => (briefs().length >= 2 ? true : undefined), 'the second window', 75_000);
      // More ticks of both bots in the second window.
      const ticks = briefingLogs().reduce((a, b) => a + b, 0);
      await waitFor(
        () => (briefingLogs().reduce((a, b) => a + b, 0) >= ticks + 4 ? true : undefined),
        'more ticks',
      );
      expect(briefs()).toHaveLength(2);
      console.log(
        `two bots: ${briefingLogs().join(' + ')} cron ticks over two windows, ${briefs().length} briefings posted`,
      );
    }, 150_000);

    it('given a feed an hour overdue and no worker, then /healthz answers 503 with the lag and /metrics shows it', async () => {
      const feed = await store.getFeedByUrl(FEED_URL);
      await store.updateFeedState((feed as { id: number }).id, {
        nextPollAt: new Date(Date.now() - 3600_000),
      });
      const bot = bots[0] as Member;
      const health = await fetch(`http://127.0.0.1:${bot.port}/healthz`);
      const body = (await health.json()) as Record<string, unknown>;
      expect(health.status).toBe(503);
      expect(body.pollLagOk).toBe(false);
      expect(Number(body.pollLagSeconds)).toBeGreaterThanOrEqual(3600);
      const metrics = await (await fetch(`http://127.0.0.1:${bot.port}/metrics`)).text();
      const lag = Number(/^briefwire_poll_lag_seconds (\S+)$/m.exec(metrics)?.[1]);
      expect(lag).toBeGreaterThanOrEqual(3600);
    });
  },
);
