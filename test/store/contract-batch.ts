import { describe, expect, it } from 'vitest';
import { buildArticle } from './builder.ts';
import { type StoreHarness, useFixture } from './harness.ts';

const HOUR = 3_600_000;

const said = (speaker: string, words: string) => ({
  sentence: `"${words}," said ${speaker} on Monday.`,
  quote: { text: words, speaker },
});

/** Batch upserts: one transaction for a poll's items, with the same outcome as upserting one by one. */
export function batchContract(harness: StoreHarness): void {
  const fixture = useFixture(harness);

  describe('batch upserts', () => {
    it('given a feed of new items, when stored as one batch, then each is new, in order, and reads back whole', async () => {
      const { store, clock } = await fixture();
      const feed = await store.upsertFeed({ url: 'https://batch.example/rss', name: 'Batch', global: true });
      const inputs = ['one', 'two', 'three'].map((key, i) =>
        buildArticle({
          feedId: feed.id,
          itemKey: key,
          title: `Story ${key}`,
          people: [`Person ${i}`],
          sentences: [said(`Speaker ${key}`, `We said ${key}`)],
        }),
      );
      const results = await store.upsertArticles(inputs);
      expect(results.map((r) => r.status)).toEqual(['new', 'new', 'new']);
      expect(results.map((r) => r.article.itemKey)).toEqual(['one', 'two', 'three']);
      expect(results.map((r) => r.article.feedName)).toEqual(['Batch', 'Batch', 'Batch']);
      const ids = results.map((r) => r.article.id);
      expect([...ids].sort((a, b) => a - b)).toEqual(ids);
      for (const [i, input] of inputs.entries()) {
        expect(await store.getArticle(ids[i] as number)).toEqual({
          ...input,
          id: ids[i],
          feedName: 'Batch',
          firstSeen: clock.now(),
          updatedAt: clock.now(),
          language: 'en',
          analysed: true,
        });
      }
      const quotes = await store.searchQuotes({ speaker: 'speaker two' });
      expect(quotes.map((q) => q.article.articleId)).toEqual([ids[1]]);
      expect(await store.articlesSeen({ since: new Date(0), topic: 'three' })).toHaveLength(1);
    });

    it('given a batch of an unchanged, an edited and a new item, then the statuses and revisions match one-by-one upserts', async () => {
      const { store, clock } = await fixture();
      const feed = await store.upsertFeed({ url: 'https://mixed.example/rss', global: true });
      const same = buildArticle({
        feedId: feed.id,
        itemKey: 'same',
        title: 'Same',
        sentences: [said('Ann Lee', 'Fine')],
      });
      const old = buildArticle({
        feedId: feed.id,
        itemKey: 'edit',
        title: 'Draft',
        sentences: [said('Bo Chan', 'Soon')],
      });
      const [first, second] = await store.upsertArticles([same, old]);
      const editedAt = clock.advance(HOUR);
      const edited = buildArticle({
        feedId: feed.id,
        itemKey: 'edit',
        title: 'Final',
        sentences: [said('Bo Chan', 'Now')],
      });
      const added = buildArticle({ feedId: feed.id, itemKey: 'added', title: 'Added' });
      const results = await store.upsertArticles([
        buildArticle({
          feedId: feed.id,
          itemKey: 'same',
          title: 'Same',
          sentences: [said('Ann Lee', 'Fine')],
        }),
        edited,
        added,
      ]);
      expect(results.map((r) => r.status)).toEqual(['unchanged', 'updated', 'new']);
      expect(results[0]?.article.id).toBe(first?.article.id);
      expect(results[0]?.article.updatedAt).toEqual(first?.article.updatedAt);
      expect(results[1]?.article.id).toBe(second?.article.id);
      expect(results[1]?.article.updatedAt).toEqual(editedAt);
      expect(await store.articleRevisions(first?.article.id as number)).toEqual([]);
      expect(await store.articleRevisions(second?.article.id as number)).toEqual([
        {
          articleId: second?.article.id,
          revisedAt: editedAt,
          changed: ['title', 'text'],
          previousTitle: 'Draft',
          previousText: old.text,
        },
      ]);
      expect((await store.searchQuotes({ speaker: 'chan' })).map((q) => q.text)).toEqual(['Now']);
    });

    it('given one key twice in a batch, then the second sighting updates the first, as in order one by one', async () => {
      const { store } = await fixture();
      const feed = await store.upsertFeed({ url: 'https://twice.example/rss', global: true });
      const results = await store.upsertArticles([
        buildArticle({ feedId: feed.id, itemKey: 'k', title: 'First' }),
        buildArticle({ feedId: feed.id, itemKey: 'k', title: 'First' }),
        buildArticle({ feedId: feed.id, itemKey: 'k', title: 'Second' }),
      ]);
      expect(results.map((r) => r.status)).toEqual(['new', 'unchanged', 'updated']);
      expect(new Set(results.map((r) => r.article.id)).size).toBe(1);
      const revisions = await store.articleRevisions(results[0]?.article.id as number);
      expect(revisions.map((r) => r.previousTitle)).toEqual(['First']);
    });

    it('given a batch with one article the schema refuses, then nothing of the batch is stored', async () => {
      const { store } = await fixture();
      const feed = await store.upsertFeed({ url: 'https://all-or-none.example/rss', global: true });
      const good = buildArticle({
        feedId: feed.id,
        itemKey: 'good',
        title: 'Good',
        sentences: [said('Ann Lee', 'Yes')],
      });
      const broken = buildArticle({
        feedId: feed.id,
        itemKey: 'bad',
        title: 'Bad',
        sentences: [said('Bo Chan', 'No')],
      });
      Object.assign(broken.extraction.quotes[0] ?? {}, { sentence: null });
      await expect(store.upsertArticles([good, broken])).rejects.toThrow();
      expect(await store.knownItemKeys(feed.id, ['good', 'bad'])).toEqual(new Set());
      await expect(
        store.upsertArticles([good, buildArticle({ feedId: feed.id + 100, itemKey: 'x', title: 'Orphan' })]),
      ).rejects.toThrow(/no feed/);
      expect(await store.hasArticle(feed.id, 'good')).toBe(false);
      expect(await store.upsertArticles([])).toEqual([]);
    });

    it('given concurrent batches of the same items, then each item is new exactly once', async () => {
      const { store } = await fixture();
      const feed = await store.upsertFeed({ url: 'https://race.example/rss', global: true });
      const batch = () =>
        ['a', 'b', 'c'].map((key) =>
          buildArticle({
            feedId: feed.id,
            itemKey: key,
            title: `Race ${key}`,
            sentences: [said('Ann Lee', key)],
          }),
        );
      const runs = await Promise.all(Array.from({ length: 6 }, () => store.upsertArticles(batch())));
      const statuses = runs.flat().map((r) => r.status);
      expect(statuses.filter((s) => s === 'new')).toHaveLength(3);
      expect(statuses.filter((s) => s === 'unchanged')).toHaveLength(15);
      expect(await store.searchQuotes({})).toHaveLength(3);
    });
  });
}
