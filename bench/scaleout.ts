import { openStore } from '../src/store/index.ts';
import { FeedServer } from '../test/cluster/feed-server.ts';
import {
  dropSchemas,
  killAll,
  type Member,
  schemaName,
  startMember,
  stopMember,
  writeConfig,
} from '../test/cluster/harness.ts';
import type { BenchResult } from './measure.ts';

const FEEDS = 200;
const ITEMS_PER_FEED = 5;

/** Feeds polled per second (fetch, parse, extract, store) by `workers` worker processes started through the CLI. */
async function feedsPerSecond(url: string, workers: number): Promise<number> {
  const schema = schemaName(`bench${workers}`);
  const server = await new FeedServer(FEEDS).listen();
  for (let r = 1; r < ITEMS_PER_FEED; r++) server.addRound();
  // No feeds in the config: they are added once every worker is up, so all start together. One local host
  // serves every feed, so the per-host limit is set above what two workers run at once (8 polls each).
  const config = writeConfig({
    database: { schema },
    poll: { intervalSeconds: 600, concurrency: 8, perHostConcurrency: 16 },
  });
  const store = await openStore({ url, schema });
  let members: Member[] = [];
  try {
    members = await Promise.all(
      Array.from({ length: workers }, () =>
        startMember('worker', config, { DATABASE_URL: url, LOG_LEVEL: 'info' }),
      ),
    );
    for (let n = 0; n < FEEDS; n++) await store.upsertFeed({ url: server.url(n), global: true });
    for (;;) {
      const feeds = await store.listFeeds();
      if (feeds.every((f) => f.primed)) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    // From the first request the server saw (not from the upsert: the planners' next tick is not throughput).
    const first = server.hits[0]?.at ?? Date.now();
    return FEEDS / ((Date.now() - first) / 1000);
  } finally {
    await Promise.all(members.map((m) => stopMember(m)));
    await killAll();
    await store.close();
    await server.close();
    await dropSchemas(url, schema);
  }
}

/**
 * Scale-out: feeds/s with one worker process and with two on this machine, against a local feed server, each
 * feed carrying five items to extract. Needs Postgres (BRIEFWIRE_BENCH_PG_URL or BRIEFWIRE_TEST_PG_URL).
 */
export async function benchScaleout(): Promise<BenchResult> {
  const url = process.env.BRIEFWIRE_BENCH_PG_URL ?? process.env.BRIEFWIRE_TEST_PG_URL;
  if (!url)
    throw new Error('scaleout needs BRIEFWIRE_BENCH_PG_URL or BRIEFWIRE_TEST_PG_URL (a Postgres URL)');
  const one = await feedsPerSecond(url, 1);
  const two = await feedsPerSecond(url, 2);
  return {
    name: 'scaleout',
    figures: {
      scaleoutFeedsPerS1: Math.round(one * 10) / 10,
      scaleoutFeedsPerS2: Math.round(two * 10) / 10,
      scaleoutRatio: Math.round((two / one) * 100) / 100,
    },
  };
}
