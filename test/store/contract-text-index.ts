import { describe, expect, it } from 'vitest';
import type { NewArticle } from '../../src/store/port.ts';
import { buildArticle } from './builder.ts';
import { type StoreHarness, useFixture } from './harness.ts';

const HOUR = 3_600_000;

/** An article whose title, quote, claim and figure all carry `word`. */
function about(feedId: number, itemKey: string, word: string): NewArticle {
  return buildArticle({
    feedId,
    itemKey,
    title: `The ${word} story`,
    sentences: [
      {
        sentence: `"The ${word} matters," Ada Lovelace said.`,
        quote: { text: `The ${word} matters`, speaker: 'Ada Lovelace' },
      },
      {
        sentence: `Officials claimed 40 ${word}s were counted.`,
        claim: { claimant: 'Officials', claim: `40 ${word}s were counted` },
        figure: { text: `40 ${word}s`, value: 40, unit: word },
      },
    ],
  });
}

/** The full-text index follows every way rows are written: batch, single, edit and prune. */
export function textIndexContract(harness: StoreHarness): void {
  const fixture = useFixture(harness);

  describe('full-text index upkeep', () => {
    it('given articles stored in a batch and one by one, then edited and pruned, then topics find exactly the current text', async () => {
      const { store, clock } = await fixture();
      const feed = await store.upsertFeed({ url: 'https://fts.example/rss', name: 'F', global: true });
      await store.upsertArticles([about(feed.id, 'a', 'glacier'), about(feed.id, 'b', 'volcano')]);
      const cutoff = clock.advance(HOUR);
      await store.upsertArticle(about(feed.id, 'c', 'tornado'));
      const all = new Date(0);
      const found = async (topic: string) => ({
        articles: (await store.articlesSeen({ since: all, topic })).map((a) => a.itemKey),
        quotes: (await store.searchQuotes({ topic })).length,
        claims: (await store.searchClaims({ topic })).length,
        figures: (await store.searchFigures({ topic })).length,
      });
      expect(await found('glacier')).toEqual({ articles: ['a'], quotes: 1, claims: 1, figures: 1 });
      expect(await found('tornado')).toEqual({ articles: ['c'], quotes: 1, claims: 1, figures: 1 });

      // Edited in a batch (b) and alone (c): the old words go, the new ones are found.
      await store.upsertArticles([about(feed.id, 'b', 'monsoon')]);
      await store.upsertArticle(about(feed.id, 'c', 'blizzard'));
      expect(await found('volcano')).toEqual({ articles: [], quotes: 0, claims: 0, figures: 0 });
      expect(await found('tornado')).toEqual({ articles: [], quotes: 0, claims: 0, figures: 0 });
      expect(await found('monsoon')).toEqual({ articles: ['b'], quotes: 1, claims: 1, figures: 1 });
      expect(await found('blizzard')).toEqual({ articles: ['c'], quotes: 1, claims: 1, figures: 1 });

      // Stored and edited before any search (SQLite has not indexed it yet): only the edit is found.
      await store.upsertArticle(about(feed.id, 'd', 'drought'));
      await store.upsertArticle(about(feed.id, 'd', 'heatwave'));
      expect(await found('drought')).toEqual({ articles: [], quotes: 0, claims: 0, figures: 0 });
      expect(await found('heatwave')).toEqual({ articles: ['d'], quotes: 1, claims: 1, figures: 1 });

      // Pruned (a, b): their rows leave the index; pruned articles are never listed.
      expect(await store.pruneArticles(cutoff)).toBe(2);
      expect(await found('glacier')).toEqual({ articles: [], quotes: 0, claims: 0, figures: 0 });
      expect(await found('monsoon')).toEqual({ articles: [], quotes: 0, claims: 0, figures: 0 });
      expect(await found('blizzard')).toEqual({ articles: ['c'], quotes: 1, claims: 1, figures: 1 });
    });
  });
}
