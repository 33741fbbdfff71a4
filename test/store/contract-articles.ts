import { describe, expect, it } from 'vitest';
import { buildArticle } from './builder.ts';
import { type StoreHarness, useFixture } from './harness.ts';

const HOUR = 3_600_000;

const zelenskySays = {
  sentence: '"We are not leaving," said President Volodymyr Zelenský on Tuesday.',
  quote: {
    text: 'We are not leaving',
    speaker: 'Volodymyr Zelenský',
    mention: 'President Volodymyr Zelenský',
  },
};

/** Migrations, feeds, article upserts and windows, retention, persistence. */
export function articleContract(harness: StoreHarness): void {
  const fixture = useFixture(harness);

  describe('migrations', () => {
    it('given a migrated store, when migrations run again here and from a second store, then nothing breaks and data stays', async () => {
      const { store, reopen } = await fixture();
      const feed = await store.upsertFeed({ url: 'https://a.example/rss', global: true });
      await store.migrate();
      await store.migrate();
      const again = await reopen();
      await again.migrate();
      expect(await again.getFeed(feed.id)).toMatchObject({ url: 'https://a.example/rss', global: true });
      expect(await store.ping()).toBe(true);
    });
  });

  describe('feeds', () => {
    it('given a user feed, when the config adds the same URL as global, then it is promoted, never demoted', async () => {
      const { store } = await fixture();
      const user = await store.upsertFeed({
        url: 'https://b.example/feed',
        name: 'user name',
        global: false,
      });
      expect(user.global).toBe(false);
      const promoted = await store.upsertFeed({
        url: 'https://b.example/feed',
        name: 'Config Name',
        global: true,
      });
      expect(promoted.id).toBe(user.id);
      expect(promoted).toMatchObject({ global: true, name: 'Config Name' });
      const again = await store.upsertFeed({ url: 'https://b.example/feed', name: 'other', global: false });
      expect(again).toMatchObject({ id: user.id, global: true, name: 'Config Name' });
      expect(await store.listFeeds()).toHaveLength(1);
      expect((await store.getFeedByUrl('https://b.example/feed'))?.id).toBe(user.id);
      expect(await store.getFeedByUrl('https://b.example/other')).toBeNull();
    });

    it('given a poll result, when the feed state is updated partly, then only those fields change', async () => {
      const { store } = await fixture();
      const feed = await store.upsertFeed({ url: 'https://c.example/rss', global: true, language: 'en' });
      const polled = new Date('2026-02-03T04:05:06.789Z');
      await store.updateFeedState(feed.id, {
        etag: '"abc"',
        lastPolledAt: polled,
        failures: 2,
        primed: true,
      });
      await store.updateFeedState(feed.id, { disabled: true, lastError: 'HTTP 500' });
      expect(await store.getFeed(feed.id)).toEqual({
        ...feed,
        etag: '"abc"',
        lastPolledAt: polled,
        failures: 2,
        primed: true,
        disabled: true,
        lastError: 'HTTP 500',
      });
      expect(await store.getFeed(feed.id + 1000)).toBeNull();
    });
  });

  describe('articles', () => {
    it('given a new article, when it is stored and read back, then every field and span round-trips', async () => {
      const { store, clock } = await fixture();
      const feed = await store.upsertFeed({ url: 'https://d.example/rss', name: 'D News', global: true });
      const input = buildArticle({
        feedId: feed.id,
        itemKey: 'guid-1',
        title: 'Kyiv holds the line',
        published: new Date('2026-02-28T10:00:00.000Z'),
        people: ['Volodymyr Zelenský'],
        orgs: ['Nato'],
        sentences: [
          zelenskySays,
          {
            sentence: 'Officials counted more than 100,000 troops near the border.',
            figure: {
              text: 'more than 100,000 troops',
              value: 100000,
              unit: 'troops',
              qualifier: 'more than',
            },
          },
          {
            sentence: 'The plan costs $270 billion (£199 billion) over ten years.',
            figure: { text: '$270 billion', value: 270e9, unit: 'USD', about: 'The plan' },
          },
          {
            sentence: 'The plan costs £199 billion, the ministry noted.',
            figure: { text: '£199 billion', value: 199e9, unit: 'GBP', equivalentOf: 1 },
          },
          {
            sentence: 'According to a senior US source, the withdrawal is "false".',
            claim: { claimant: 'a senior US source', claim: 'the withdrawal is "false"' },
          },
        ],
      });
      // Fields added to the extraction types later have no column yet; they must still round-trip.
      Object.assign(input.extraction.figures[0] ?? {}, { valueMax: 150000 });
      Object.assign(input.extraction, { dates: [{ text: 'Tuesday' }] });
      Object.assign(input.extraction.entities, { places: ['Kyiv'] });
      const { article, status } = await store.upsertArticle(input);
      expect(status).toBe('new');
      expect(article).toMatchObject({ feedId: feed.id, feedName: 'D News', firstSeen: clock.now() });
      const read = await store.getArticle(article.id);
      expect(read).toEqual({
        ...input,
        id: article.id,
        feedName: 'D News',
        firstSeen: clock.now(),
        updatedAt: clock.now(),
        language: 'en',
        analysed: true,
      });
      for (const q of read?.extraction.quotes ?? []) expect(read?.text.slice(q.start, q.end)).toBe(q.text);
      for (const c of read?.extraction.claims ?? []) {
        expect(read?.text.slice(c.claimStart, c.claimEnd)).toBe(c.claim);
      }
      expect(await store.hasArticle(feed.id, 'guid-1')).toBe(true);
      expect(await store.hasArticle(feed.id, 'guid-2')).toBe(false);
      const known = await store.knownItemKeys(feed.id, ['guid-2', 'guid-1', 'guid-1', 'https://d.example/x']);
      expect([...known]).toEqual(['guid-1']);
      expect(await store.knownItemKeys(feed.id + 1, ['guid-1'])).toEqual(new Set());
      expect(await store.knownItemKeys(feed.id, [])).toEqual(new Set());
    });

    it('given a stored article, when the identical item is ingested again, then it is unchanged and nothing is written', async () => {
      const { store, clock } = await fixture();
      const feed = await store.upsertFeed({ url: 'https://e.example/rss', global: true });
      const input = buildArticle({ feedId: feed.id, itemKey: 'k', title: 'Same', sentences: [zelenskySays] });
      const first = await store.upsertArticle(input);
      clock.advance(HOUR);
      const second = await store.upsertArticle(
        buildArticle({ feedId: feed.id, itemKey: 'k', title: 'Same', sentences: [zelenskySays] }),
      );
      expect(second.status).toBe('unchanged');
      expect(second.article.id).toBe(first.article.id);
      const read = await store.getArticle(first.article.id);
      expect(read?.updatedAt).toEqual(first.article.updatedAt);
      expect(await store.articleRevisions(first.article.id)).toEqual([]);
      expect(await store.searchQuotes({})).toHaveLength(1);
    });

    it('given a stored article, when its text is edited, then it keeps its id, records the revision and replaces its quotes', async () => {
      const { store, clock } = await fixture();
      const feed = await store.upsertFeed({ url: 'https://f.example/rss', global: true });
      const original = buildArticle({
        feedId: feed.id,
        itemKey: 'k',
        title: 'Talks',
        sentences: [zelenskySays],
      });
      const first = await store.upsertArticle(original);
      const editedAt = clock.advance(2 * HOUR);
      const edited = buildArticle({
        feedId: feed.id,
        itemKey: 'k',
        title: 'Talks resume',
        sentences: [
          {
            sentence: '"Talks will resume in Geneva," said Jens Stoltenberg.',
            quote: { text: 'Talks will resume in Geneva', speaker: 'Jens Stoltenberg' },
          },
        ],
      });
      const second = await store.upsertArticle(edited);
      expect(second.status).toBe('updated');
      expect(second.article.id).toBe(first.article.id);
      expect(second.article.firstSeen).toEqual(first.article.firstSeen);
      expect(second.article.updatedAt).toEqual(editedAt);
      const revisions = await store.articleRevisions(first.article.id);
      expect(revisions).toEqual([
        {
          articleId: first.article.id,
          revisedAt: editedAt,
          changed: ['title', 'text'],
          previousTitle: 'Talks',
          previousText: original.text,
        },
      ]);
      const quotes = await store.searchQuotes({});
      expect(quotes.map((q) => q.speaker)).toEqual(['Jens Stoltenberg']);
      expect((await store.getArticle(first.article.id))?.title).toBe('Talks resume');
      expect(await store.searchQuotes({ speaker: 'Zelensky' })).toEqual([]);
    });

    it('given one item key in two feeds, when both are stored, then they are two articles; an unknown feed is refused', async () => {
      const { store } = await fixture();
      const a = await store.upsertFeed({ url: 'https://g.example/a', global: true });
      const b = await store.upsertFeed({ url: 'https://g.example/b', global: true });
      const one = await store.upsertArticle(buildArticle({ feedId: a.id, itemKey: 'same', title: 'One' }));
      const two = await store.upsertArticle(buildArticle({ feedId: b.id, itemKey: 'same', title: 'Two' }));
      expect(two.status).toBe('new');
      expect(two.article.id).not.toBe(one.article.id);
      await expect(
        store.upsertArticle(buildArticle({ feedId: b.id + 100, itemKey: 'x', title: 'Orphan' })),
      ).rejects.toThrow(/no feed/);
    });

    it('given many concurrent ingests of one new item, then exactly one is new and the rest are unchanged', async () => {
      const { store } = await fixture();
      const feed = await store.upsertFeed({ url: 'https://h.example/rss', global: true });
      const make = () =>
        buildArticle({ feedId: feed.id, itemKey: 'race', title: 'Race', sentences: [zelenskySays] });
      const results = await Promise.all(Array.from({ length: 12 }, () => store.upsertArticle(make())));
      expect(results.filter((r) => r.status === 'new')).toHaveLength(1);
      expect(results.filter((r) => r.status === 'unchanged')).toHaveLength(11);
      expect(new Set(results.map((r) => r.article.id)).size).toBe(1);
      expect(await store.searchQuotes({})).toHaveLength(1);
    });
  });

  describe('atomic upserts', () => {
    it('given an extraction row the schema refuses, when upserted, then nothing of the article is stored', async () => {
      const { store } = await fixture();
      const feed = await store.upsertFeed({ url: 'https://atomic.example/rss', global: true });
      const broken = buildArticle({
        feedId: feed.id,
        itemKey: 'broken',
        title: 'Broken',
        sentences: [zelenskySays],
      });
      // A quote without a sentence violates NOT NULL after the article row was already inserted.
      Object.assign(broken.extraction.quotes[0] ?? {}, { sentence: null });
      await expect(store.upsertArticle(broken)).rejects.toThrow();
      expect(await store.hasArticle(feed.id, 'broken')).toBe(false);
      const fixed = buildArticle({
        feedId: feed.id,
        itemKey: 'broken',
        title: 'Broken',
        sentences: [zelenskySays],
      });
      expect((await store.upsertArticle(fixed)).status).toBe('new');
    });
  });

  describe('windows count from first seen', () => {
    it('given articles first seen at different times, when a window is asked for, then it uses first-seen, not published', async () => {
      const { store, clock } = await fixture();
      const feed = await store.upsertFeed({ url: 'https://i.example/rss', global: true });
      const other = await store.upsertFeed({ url: 'https://i.example/other', global: true });
      const t0 = clock.now();
      const backdated = buildArticle({
        feedId: feed.id,
        itemKey: 'old',
        title: 'Back-dated',
        published: new Date('2019-01-01T00:00:00Z'),
      });
      await store.upsertArticle(backdated);
      const t1 = clock.advance(HOUR);
      await store.upsertArticle(buildArticle({ feedId: feed.id, itemKey: 'mid', title: 'Middle' }));
      await store.upsertArticle(buildArticle({ feedId: other.id, itemKey: 'o', title: 'Other feed' }));
      const t2 = clock.advance(HOUR);
      await store.upsertArticle(buildArticle({ feedId: feed.id, itemKey: 'new', title: 'Newest' }));

      const all = await store.articlesSeen({ since: t0 });
      expect(all.map((a) => a.title)).toEqual(['Newest', 'Other feed', 'Middle', 'Back-dated']);
      const window = await store.articlesSeen({ since: t1, until: t2, feedIds: [feed.id] });
      expect(window.map((a) => a.title)).toEqual(['Middle']);
      expect((await store.articlesSeen({ since: t0, limit: 1 })).map((a) => a.title)).toEqual(['Newest']);
      expect(await store.articlesSeen({ since: t0, feedIds: [] })).toEqual([]);
      expect(await store.articlesSeen({ since: clock.advance(1) })).toEqual([]);
    });
  });

  describe('retention', () => {
    it('given old articles, when pruned, then their text and rows go but the key stays, so they never return as new', async () => {
      const { store, clock } = await fixture();
      const feed = await store.upsertFeed({ url: 'https://j.example/rss', global: true });
      const old = buildArticle({ feedId: feed.id, itemKey: 'old', title: 'Old', sentences: [zelenskySays] });
      const stored = await store.upsertArticle(old);
      const cutoff = clock.advance(90 * 24 * HOUR);
      await store.upsertArticle(
        buildArticle({ feedId: feed.id, itemKey: 'fresh', title: 'Fresh', sentences: [zelenskySays] }),
      );
      expect(await store.pruneArticles(cutoff)).toBe(1);
      expect(await store.pruneArticles(cutoff)).toBe(0);
      expect(await store.hasArticle(feed.id, 'old')).toBe(true);
      expect(await store.knownItemKeys(feed.id, ['old', 'gone'])).toEqual(new Set(['old']));
      expect((await store.getArticle(stored.article.id))?.text).toBe('');
      expect((await store.searchQuotes({})).map((q) => q.article.title)).toEqual(['Fresh']);
      const again = await store.upsertArticle(
        buildArticle({ feedId: feed.id, itemKey: 'old', title: 'Old', sentences: [zelenskySays] }),
      );
      expect(again.status).toBe('unchanged');
      expect(again.article.id).toBe(stored.article.id);
    });
  });

  describe('persistence', () => {
    it('given data written, when the store is closed and opened again, then it is all there', async () => {
      const { store, reopen } = await fixture();
      const feed = await store.upsertFeed({ url: 'https://k.example/rss', global: true });
      const { article } = await store.upsertArticle(
        buildArticle({ feedId: feed.id, itemKey: 'x', title: 'Kept', sentences: [zelenskySays] }),
      );
      const channel = { platform: 'slack', workspace: 'T1', channel: 'C1' } as const;
      await store.subscribe({ channel, feedId: feed.id, mode: 'each' });
      expect(await store.claimDelivery(`article:${article.id}`, channel)).toBe(true);
      await store.close();
      const again = await reopen();
      expect((await again.getArticle(article.id))?.extraction.quotes).toEqual(article.extraction.quotes);
      expect(await again.listSubscriptions(channel)).toHaveLength(1);
      expect(await again.claimDelivery(`article:${article.id}`, channel)).toBe(false);
      expect(await again.searchQuotes({ speaker: 'zelensky' })).toHaveLength(1);
    });
  });
}
