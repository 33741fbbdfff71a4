import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commands } from '../../commands/index.ts';
import { Delivery } from '../../src/app/delivery.ts';
import { createTerminalAdapter, TERMINAL_CHANNEL } from '../../src/chat/terminal/adapter.ts';
import { articleFromParts, extractArticle } from '../../src/extract/index.ts';
import { createLogger } from '../../src/log.ts';
import { createMetrics } from '../../src/ops/metrics.ts';
import { openStore, type Store, type StoredArticle } from '../../src/store/index.ts';
import { dropSchemas, PG_URL, schemaName } from './harness.ts';

const LEASE_MS = 300;

describe.skipIf(!PG_URL)('delivery after a bot died mid-post (Postgres)', () => {
  const url = PG_URL as string;
  const schema = schemaName('lease');
  let store: Store;
  let article: StoredArticle;
  const output = new PassThrough();
  let printed = '';
  output.on('data', (d) => {
    printed += d;
  });

  beforeAll(async () => {
    store = await openStore({ url, schema });
    const feed = await store.upsertFeed({ url: 'http://127.0.0.1:9/lease.xml', global: false });
    await store.subscribe({ channel: TERMINAL_CHANNEL, feedId: feed.id, mode: 'each' });
    const text = articleFromParts('Tram line reopens after repairs', [
      'The city said the tram line would reopen on Sunday after three weeks of track repairs.',
    ]);
    ({ article } = await store.upsertArticle({
      feedId: feed.id,
      itemKey: 'tram-1',
      url: null,
      title: 'Tram line reopens after repairs',
      published: null,
      text: text.input,
      extraction: extractArticle(text),
    }));
  });

  afterAll(async () => {
    await store?.close();
    await dropSchemas(url, schema);
  });

  it('given a claim whose bot died before posting, then the retry after the lease posts it once, and a further retry posts nothing', async () => {
    const adapter = createTerminalAdapter({ commands, input: new PassThrough(), output, color: false });
    const metrics = createMetrics();
    const delivery = new Delivery(
      store,
      new Map([['terminal', adapter]]),
      metrics,
      createLogger({ level: 'silent' }),
      LEASE_MS,
    );
    // The dead bot's claim: taken, never completed.
    expect(await store.claimDelivery(`article:${article.id}`, TERMINAL_CHANNEL, { leaseMs: LEASE_MS })).toBe(
      true,
    );
    await new Promise((r) => setTimeout(r, LEASE_MS + 200));
    const feed = await store.getFeed(article.feedId);
    expect(await delivery.onArticle(article, feed as NonNullable<typeof feed>)).toBe(0);
    expect(await delivery.onArticle(article, feed as NonNullable<typeof feed>)).toBe(0);
    const posted = (await metrics.posts.get()).values.reduce((sum, v) => sum + v.value, 0);
    expect(posted).toBe(1);
    expect(printed).toContain('Tram line reopens after repairs');
  });
});
