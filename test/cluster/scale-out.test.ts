import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../src/store/index.ts';
import { FakeSlack } from '../fakes/slack-server.ts';
import { FeedServer } from './feed-server.ts';
import {
  dropSchemas,
  killAll,
  type Member,
  PG_URL,
  schemaName,
  slackBotEnv,
  startMember,
  stopMember,
  waitFor,
  writeConfig,
} from './harness.ts';

const INTERVAL_S = 4;
const FEEDS = 50;
/** Slack paces posts to about one a second per channel (as Slack asks), so the feeds spread over ten channels. */
const CHANNELS = 10;

if (!PG_URL) console.warn('SKIPPED: cluster tests need BRIEFWIRE_TEST_PG_URL (a Postgres URL)');

describe('CI runs the Postgres cluster tests', () => {
  it.runIf(process.env.CI)('given CI, then BRIEFWIRE_TEST_PG_URL is set so the cluster tests ran', () => {
    expect(PG_URL, 'the cluster tests were skipped in CI').toBeTruthy();
  });
});

/** Posts of each article title, keyed `channel title`, from the Slack stand-in's record. */
function postsByTitle(slack: FakeSlack): Map<string, number> {
  const counts = new Map<string, number>();
  for (const call of slack.find('chat.postMessage')) {
    const key = `${String(call.body.channel)} ${String(call.body.text ?? '')}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

/** The channel feed n's items go to, and the key {@link postsByTitle} files its post under. */
function postKey(n: number, round: number): string {
  return `C${n % CHANNELS} ${FeedServer.title(n, round)}`;
}

describe.skipIf(!PG_URL)(
  'scale-out: two workers and a bot on Postgres, through the real CLI',
  { timeout: 240_000 },
  () => {
    const url = PG_URL as string;
    const schema = schemaName('scale');
    const server = new FeedServer(FEEDS);
    const slack = new FakeSlack();
    let store: Store;
    let members: Member[] = [];
    let workers: Member[] = [];

    beforeAll(async () => {
      await server.listen();
      await slack.listen();
      const config = writeConfig({
        database: { schema },
        feeds: Array.from({ length: FEEDS }, (_, n) => ({ url: server.url(n), name: `Local ${n}` })),
        poll: {
          intervalSeconds: INTERVAL_S,
          allowShortInterval: true,
          concurrency: 4,
          perHostConcurrency: 8,
        },
      });
      const env = slackBotEnv(url, slack.apiUrl);
      // All three at once on an empty schema: the migrations race.
      members = await Promise.all([
        startMember('worker', config, env),
        startMember('worker', config, env),
        startMember('bot', config, env),
      ]);
      workers = members.slice(0, 2);
      store = await openStore({ url, schema });
    }, 120_000);

    afterAll(async () => {
      await killAll();
      await store?.close();
      await server.close();
      await slack.close();
      await dropSchemas(url, schema);
    });

    it('given three processes started at once on an empty schema, then all start and each migration ran once', async () => {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        const { rows } = await client.query<{ n: string; d: string }>(
          `SELECT count(*) AS n, count(DISTINCT version) AS d FROM "${schema}".schema_migrations`,
        );
        expect(Number(rows[0]?.n)).toBeGreaterThan(0);
        expect(rows[0]?.n).toBe(rows[0]?.d);
        const queues = await client.query(`SELECT name FROM "${schema}_boss".queue ORDER BY name`);
        expect(queues.rows.map((r) => r.name)).toEqual([
          'briefwire-briefing',
          'briefwire-deliver',
          'briefwire-poll',
        ]);
      } finally {
        await client.end();
      }
      for (const m of members)
        expect(m.logs().some((l) => l.msg === 'joined the cluster (pg-boss on Postgres)')).toBe(true);
    });

    it('given 50 feeds and a short interval, then over three intervals each feed is fetched exactly once per interval', async () => {
      await waitFor(
        () => (server.counts().every((c) => c >= 4) ? true : undefined),
        'four fetches of every feed',
        90_000,
      );
      const counts = server.counts();
      for (let n = 0; n < FEEDS; n++) {
        const times = server.hits.filter((h) => h.feed === n).map((h) => h.at);
        // A second fetch within one interval would show as a gap far below it (slack for request latency).
        for (let i = 1; i < times.length; i++)
          expect(
            (times[i] as number) - (times[i - 1] as number),
            `feed ${n} fetched twice within an interval`,
          ).toBeGreaterThan(INTERVAL_S * 1000 - 1500);
      }
      console.log(`fetch-once: per-feed fetch counts ${JSON.stringify(counts)}`);
      // Both workers took part.
      const ingest = workers.map((w) => w.logs().filter((l) => l.msg === 'feed poll failed').length);
      expect(ingest).toEqual([0, 0]);
    });

    it('given a worker killed mid-run, then the survivor polls on, every item is stored and none is posted twice', async () => {
      const feeds = await store.listFeeds();
      for (const feed of feeds) {
        const n = Number(/\/feed\/(\d+)\.xml$/.exec(feed.url)?.[1]);
        const channel = { platform: 'slack', workspace: 'T1', channel: `C${n % CHANNELS}` } as const;
        await store.subscribe({ channel, feedId: feed.id, mode: 'each' });
      }
      server.delayMs = 200;
      server.addRound();
      // Kill while fetches of the new round are in flight.
      const before = server.hits.length;
      await waitFor(() => (server.hits.length >= before + 10 ? true : undefined), 'fetches of the new round');
      const [victim, survivor] = workers as [Member, Member];
      await stopMember(victim, 'SIGKILL');
      server.addRound();
      server.addRound();
      const expected = FeedServer.titles(FEEDS, 2, 4);
      const expectedPosts = Array.from({ length: FEEDS }, (_, n) =>
        [2, 3, 4].map((r) => postKey(n, r)),
      ).flat();
      await waitFor(
        async () => {
          const stored = await store.articlesSeen({ since: new Date(0), limit: 500 });
          const titles = new Set(stored.map((a) => a.title));
          return expected.every((t) => titles.has(t)) ? true : undefined;
        },
        'every item stored',
        120_000,
      );
      await waitFor(
        () => {
          const posts = postsByTitle(slack);
          return expectedPosts.every((t) => posts.has(t)) ? true : undefined;
        },
        'every new item posted',
        60_000,
      ).catch(async (error: Error) => {
        const bot = members[2] as Member;
        const posted = postsByTitle(slack);
        const client = new pg.Client({ connectionString: url });
        await client.connect();
        const jobs = await client.query(
          `SELECT name, state, count(*) FROM "${schema}_boss".job GROUP BY 1, 2 ORDER BY 1, 2`,
        );
        await client.end();
        throw new Error(
          `${error.message}: ${expectedPosts.filter((t) => !posted.has(t)).length} of ${expectedPosts.length} not posted; ${slack.calls.length} Slack calls; jobs ${JSON.stringify(jobs.rows)}; bot log:\n${bot.output().slice(-4000)}`,
        );
      });
      // Give a late duplicate the time to show.
      await new Promise((r) => setTimeout(r, INTERVAL_S * 1000));
      const posts = postsByTitle(slack);
      const twice = [...posts].filter(([, n]) => n > 1);
      expect(twice).toEqual([]);
      // The first poll's items (round 1) are never posted.
      expect(posts.has(postKey(0, 1))).toBe(false);
      expect(posts.size).toBe(expectedPosts.length);
      expect(survivor.logs().some((l) => l.msg === 'briefwire started')).toBe(true);
      console.log(
        `kill test: ${expected.length} items stored and posted once each; ${server.hits.length} fetches`,
      );
    });
  },
);
