import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fireTimes } from '../../src/schedule/fire-times.ts';
import { openStore, type Store } from '../../src/store/index.ts';
import type { Schedule } from '../../src/store/port.ts';
import { article, asNewArticle } from '../briefing/builders.ts';
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
} from '../cluster/harness.ts';
import { FakeSlack } from '../fakes/slack-server.ts';

const CHANNEL = { platform: 'slack', workspace: 'T1', channel: 'C7' } as const;
const FEED_URL = 'http://127.0.0.1:9/never-polled.xml';
const HOUR = 3_600_000;

// Two bots (real CLI, Postgres, pg-boss) start together after downtime: the schedule's last run was three
// windows ago. Each bot finds the missed window; the channel gets one catch-up briefing.
describe.skipIf(!PG_URL)('a missed window with two bots starting at once', { timeout: 180_000 }, () => {
  const url = PG_URL as string;
  const schema = schemaName('catchup');
  const slack = new FakeSlack();
  let store: Store;
  let bots: Member[] = [];
  let schedule: Schedule;
  let due: Date;
  let offset = 0;

  beforeAll(async () => {
    await slack.listen();
    store = await openStore({ url, schema, now: () => new Date(Date.now() - offset) });
    const feed = await store.upsertFeed({ url: FEED_URL, global: true });
    await store.subscribe({ channel: CHANNEL, feedId: feed.id, mode: 'digest' });
    // Daily, ten minutes ago: due before the bots start, and not due again while the test runs.
    const tenMinutesAgo = new Date(Date.now() - 10 * 60_000);
    const cron = `${tenMinutesAgo.getUTCMinutes()} ${tenMinutesAgo.getUTCHours()} * * *`;
    due = fireTimes(cron, 'UTC').latest(new Date()) as Date;
    schedule = await store.upsertSchedule({ channel: CHANNEL, cron, timezone: 'UTC' });
    await store.markScheduleRun(schedule.id, new Date(due.getTime() - 72 * HOUR));
    // Seen two hours ago: inside the missed window.
    offset = 2 * HOUR;
    const built = article({
      id: 1,
      feedId: feed.id,
      title: 'Harbour ferry terminal to open in March',
      lede: 'x.',
    });
    await store.upsertArticle({ ...asNewArticle(built), itemKey: 'ferry-1', url: null });
    offset = 0;
    const config = writeConfig({ database: { schema }, feeds: [{ url: FEED_URL }] });
    const env = slackBotEnv(url, slack.apiUrl);
    bots = await Promise.all([startMember('bot', config, env), startMember('bot', config, env)]);
  }, 120_000);

  afterAll(async () => {
    await killAll();
    await store?.close();
    await slack.close();
    await dropSchemas(url, schema);
  });

  it('given both bots find the missed window, then it is posted once and recorded as run', async () => {
    const posts = () => slack.find('chat.postMessage').filter((c) => c.body.channel === CHANNEL.channel);
    await waitFor(() => (posts().length > 0 ? true : undefined), 'the catch-up briefing', 120_000);
    // Both bots queued it (a bot whose queue was not up yet retries on its next beat).
    const queued = (bot: Member) => bot.logs().some((l) => String(l.msg).startsWith('briefing window'));
    await waitFor(() => (bots.every(queued) ? true : undefined), 'both bots queueing the window', 120_000);
    await waitFor(
      async () => {
        const [stored] = await store.listSchedules();
        return stored?.lastRunAt?.getTime() === due.getTime() ? true : undefined;
      },
      'the run recorded',
      30_000,
    );
    expect(posts()).toHaveLength(1);
    expect(JSON.stringify(posts()[0]?.body)).toContain('Harbour ferry terminal');
  }, 170_000);
});
