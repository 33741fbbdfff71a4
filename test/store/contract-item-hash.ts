import { describe, expect, it } from 'vitest';
import type { NewArticle } from '../../src/store/port.ts';
import { buildArticle } from './builder.ts';
import { type StoreHarness, useFixture } from './harness.ts';

const HOUR = 3_600_000;

const says = {
  sentence: '"The ferry will sail in June," said Mayor Anna Berg.',
  quote: { text: 'The ferry will sail in June', speaker: 'Anna Berg', mention: 'Mayor Anna Berg' },
};

function article(feedId: number, itemKey: string, title: string, itemHash?: string | null): NewArticle {
  const built = buildArticle({ feedId, itemKey, title, sentences: [says] });
  return itemHash === undefined ? built : { ...built, itemHash };
}

/** The feed item fingerprint stored with each article, which lets the poller tell an edited item apart. */
export function itemHashContract(harness: StoreHarness): void {
  const fixture = useFixture(harness);

  describe('item fingerprints', () => {
    it('given articles stored one by one and in a batch, then knownItems gives each known key its fingerprint or null', async () => {
      const { store } = await fixture();
      const feed = await store.upsertFeed({ url: 'https://h1.example/rss', global: true });
      const other = await store.upsertFeed({ url: 'https://h2.example/rss', global: true });
      await store.upsertArticle(article(feed.id, 'one', 'One', 'h-one'));
      await store.upsertArticle(article(feed.id, 'by-hand', 'By hand'));
      await store.upsertArticles([
        article(feed.id, 'two', 'Two', 'h-two'),
        article(feed.id, 'three', 'Three', null),
        article(other.id, 'one', 'Elsewhere', 'h-other'),
      ]);
      const known = await store.knownItems(feed.id, ['one', 'two', 'three', 'by-hand', 'unknown', 'one']);
      expect(known).toEqual(
        new Map<string, string | null>([
          ['one', 'h-one'],
          ['two', 'h-two'],
          ['three', null],
          ['by-hand', null],
        ]),
      );
      expect(await store.knownItems(other.id, ['one', 'two'])).toEqual(new Map([['one', 'h-other']]));
      expect(await store.knownItems(feed.id, [])).toEqual(new Map());
      expect(await store.knownItemKeys(feed.id, ['one', 'three', 'unknown'])).toEqual(
        new Set(['one', 'three']),
      );
    });

    it('given more than 500 keys, when asked, then every known one is found', async () => {
      const { store } = await fixture();
      const feed = await store.upsertFeed({ url: 'https://h3.example/rss', global: true });
      await store.upsertArticles([
        article(feed.id, 'k-3', 'Early', 'h-3'),
        article(feed.id, 'k-777', 'Late', 'h-777'),
        article(feed.id, 'k-1201', 'Last', 'h-1201'),
      ]);
      const keys = Array.from({ length: 1300 }, (_, i) => `k-${i}`);
      expect(await store.knownItems(feed.id, keys)).toEqual(
        new Map([
          ['k-3', 'h-3'],
          ['k-777', 'h-777'],
          ['k-1201', 'h-1201'],
        ]),
      );
    });

    it('given an unchanged article with a new fingerprint, then it stays unchanged, with no revision, and the new fingerprint is kept', async () => {
      const { store, clock } = await fixture();
      const feed = await store.upsertFeed({ url: 'https://h4.example/rss', global: true });
      const first = await store.upsertArticle(article(feed.id, 'single', 'Single', 'v1'));
      await store.upsertArticles([article(feed.id, 'batch', 'Batch', 'v1')]);
      clock.advance(HOUR);
      const single = await store.upsertArticle(article(feed.id, 'single', 'Single', 'v2'));
      const [batch] = await store.upsertArticles([article(feed.id, 'batch', 'Batch', 'v2')]);
      expect(single.status).toBe('unchanged');
      expect(batch?.status).toBe('unchanged');
      expect(single.article.updatedAt).toEqual(first.article.updatedAt);
      expect(await store.articleRevisions(first.article.id)).toEqual([]);
      expect(await store.knownItems(feed.id, ['single', 'batch'])).toEqual(
        new Map([
          ['single', 'v2'],
          ['batch', 'v2'],
        ]),
      );
      // Without a fingerprint (an article not from a feed item), an unchanged re-ingest keeps the stored one.
      expect((await store.upsertArticle(article(feed.id, 'single', 'Single'))).status).toBe('unchanged');
      expect((await store.upsertArticles([article(feed.id, 'batch', 'Batch')]))[0]?.status).toBe('unchanged');
      expect(await store.knownItems(feed.id, ['single', 'batch'])).toEqual(
        new Map([
          ['single', 'v2'],
          ['batch', 'v2'],
        ]),
      );
    });

    it('given an edited article, then the edit writes its fingerprint, and an edit without one clears it', async () => {
      const { store, clock } = await fixture();
      const feed = await store.upsertFeed({ url: 'https://h5.example/rss', global: true });
      const first = await store.upsertArticle(article(feed.id, 'single', 'Talks', 'v1'));
      const [firstOfBatch] = await store.upsertArticles([article(feed.id, 'batch', 'Talks', 'v1')]);
      clock.advance(HOUR);
      const single = await store.upsertArticle(article(feed.id, 'single', 'Talks resume', 'v2'));
      const [batch] = await store.upsertArticles([article(feed.id, 'batch', 'Talks resume', 'v2')]);
      expect(single.status).toBe('updated');
      expect(batch?.status).toBe('updated');
      expect((await store.articleRevisions(first.article.id)).map((r) => r.changed)).toEqual([
        ['title', 'text'],
      ]);
      expect(
        (await store.articleRevisions(firstOfBatch?.article.id ?? -1)).map((r) => r.previousTitle),
      ).toEqual(['Talks']);
      expect(await store.knownItems(feed.id, ['single', 'batch'])).toEqual(
        new Map([
          ['single', 'v2'],
          ['batch', 'v2'],
        ]),
      );
      clock.advance(HOUR);
      expect((await store.upsertArticle(article(feed.id, 'single', 'Talks end'))).status).toBe('updated');
      expect((await store.upsertArticles([article(feed.id, 'batch', 'Talks end')]))[0]?.status).toBe(
        'updated',
      );
      expect(await store.knownItems(feed.id, ['single', 'batch'])).toEqual(
        new Map([
          ['single', null],
          ['batch', null],
        ]),
      );
    });

    it('given articles keyed by guid with a link key, then the link key is known too, with no fingerprint', async () => {
      const { store, clock } = await fixture();
      const feed = await store.upsertFeed({ url: 'https://h7.example/rss', global: true });
      const other = await store.upsertFeed({ url: 'https://h8.example/rss', global: true });
      await store.upsertArticle({ ...article(feed.id, 'guid:a', 'A', 'ha'), linkKey: 'link:x' });
      await store.upsertArticles([
        { ...article(feed.id, 'guid:b', 'B', 'hb'), linkKey: 'link:y' },
        article(feed.id, 'link:y', 'Y', 'hy'),
      ]);
      expect(await store.knownItems(feed.id, ['guid:new', 'link:x'])).toEqual(new Map([['link:x', null]]));
      // A key that is one article's own and another's link key is the first article's: its fingerprint counts.
      expect(await store.knownItems(feed.id, ['guid:a', 'link:x', 'link:y', 'link:z'])).toEqual(
        new Map<string, string | null>([
          ['guid:a', 'ha'],
          ['link:x', null],
          ['link:y', 'hy'],
        ]),
      );
      expect(await store.knownItems(other.id, ['link:x'])).toEqual(new Map());
      // knownItemKeys stays about item keys only.
      expect(await store.knownItemKeys(feed.id, ['link:x', 'link:y'])).toEqual(new Set(['link:y']));
      // An edit moves the link key with the link.
      clock.advance(HOUR);
      const edited = await store.upsertArticle({
        ...article(feed.id, 'guid:a', 'A moved', 'ha2'),
        linkKey: 'link:w',
      });
      expect(edited.status).toBe('updated');
      expect(await store.knownItems(feed.id, ['link:x', 'link:w'])).toEqual(new Map([['link:w', null]]));
    });

    it('given a pruned article, then its fingerprint is dropped with its text, and its key stays known', async () => {
      const { store, clock } = await fixture();
      const feed = await store.upsertFeed({ url: 'https://h6.example/rss', global: true });
      await store.upsertArticle(article(feed.id, 'old', 'Old', 'v1'));
      const cutoff = clock.advance(90 * 24 * HOUR);
      await store.upsertArticle(article(feed.id, 'fresh', 'Fresh', 'v1'));
      expect(await store.pruneArticles(cutoff)).toBe(1);
      expect(await store.knownItems(feed.id, ['old', 'fresh'])).toEqual(
        new Map<string, string | null>([
          ['old', null],
          ['fresh', 'v1'],
        ]),
      );
    });
  });
}
