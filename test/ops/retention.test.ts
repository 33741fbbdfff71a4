import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/log.ts';
import { startRetention } from '../../src/ops/retention.ts';
import { openStore } from '../../src/store/index.ts';

const EMPTY = { quotes: [], figures: [], claims: [], entities: { people: [], orgs: [] } };

describe('retention', () => {
  it('given articles older than the retention, then their text goes but their keys stay, so they never return as new', async () => {
    let clock = new Date('2026-01-01T00:00:00Z');
    const store = await openStore({ path: ':memory:', now: () => clock });
    const feed = await store.upsertFeed({ url: 'https://news.example/feed', global: true });
    const article = (itemKey: string) => ({
      feedId: feed.id,
      itemKey,
      url: null,
      title: itemKey,
      published: null,
      text: `${itemKey}\n\nThe council said it would spend $5 million.`,
      extraction: { title: itemKey, language: 'en', analysed: true, ...EMPTY },
    });
    await store.upsertArticle(article('old'));
    clock = new Date('2026-03-15T00:00:00Z');
    await store.upsertArticle(article('recent'));
    const job = startRetention(store, 30, silentLogger);
    expect(await job.runOnce(clock)).toBe(1);
    job.stop();
    const left = await store.articlesSeen({ feedIds: [feed.id], since: new Date(0) });
    expect(left.map((a) => a.title)).toEqual(['recent']);
    expect(await store.hasArticle(feed.id, 'old')).toBe(true);
    await store.close();
  });
});
