import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FeedServer } from './feed-server.ts';
import { dropSchemas, killAll, PG_URL, schemaName, startMember, waitFor, writeConfig } from './harness.ts';

const FEEDS = 12;

describe.skipIf(!PG_URL)('per-host limit across workers (real CLI, Postgres)', { timeout: 180_000 }, () => {
  const url = PG_URL as string;
  const schema = schemaName('host');
  // Slow answers make overlapping requests likely if anything let two through.
  const server = new FeedServer(FEEDS, 150);

  beforeAll(async () => {
    await server.listen();
    const config = writeConfig({
      database: { schema },
      feeds: Array.from({ length: FEEDS }, (_, n) => ({ url: server.url(n) })),
      poll: { intervalSeconds: 4, allowShortInterval: true, concurrency: 4, perHostConcurrency: 1 },
    });
    await Promise.all([
      startMember('worker', config, { DATABASE_URL: url }),
      startMember('worker', config, { DATABASE_URL: url }),
    ]);
  }, 120_000);

  afterAll(async () => {
    await killAll();
    await server.close();
    await dropSchemas(url, schema);
  });

  it('given a per-host limit of 1 and two workers of 4 polls each, then the server never sees two requests at once', async () => {
    await waitFor(
      () => (server.counts().every((c) => c >= 2) ? true : undefined),
      'two fetches of every feed',
      120_000,
    );
    const host = new URL(server.url(0)).host;
    expect(server.maxInFlight.get(host)).toBe(1);
    console.log(
      `host limit: ${server.hits.length} fetches, at most ${server.maxInFlight.get(host)} in flight`,
    );
  });
});
