import { describe, expect, it } from 'vitest';
import { SPEAKERS, seedArticle } from '../../bench/seed-articles.ts';
import { benchFeedXml, KNOWN_ITEMS } from '../../bench/seed-feeds.ts';
import { needsFullText } from '../../src/feeds/full-text.ts';
import { itemKeys } from '../../src/feeds/item-keys.ts';
import { parseFeed } from '../../src/feeds/parse-feed.ts';

describe('bench seed articles', () => {
  it('given a generated article, then every span points at its words in the text', () => {
    for (const seed of [1, 2, 99, 12_345]) {
      const { text, extraction } = seedArticle(seed);
      expect(extraction.quotes).toHaveLength(5);
      expect(extraction.figures).toHaveLength(5);
      expect(extraction.claims).toHaveLength(5);
      for (const q of extraction.quotes) {
        expect(text.slice(q.start, q.end)).toBe(q.text);
        expect(SPEAKERS).toContain(q.speaker);
      }
      for (const f of extraction.figures) expect(text.slice(f.start, f.end)).toBe(f.text);
      for (const c of extraction.claims) {
        expect(text.slice(c.start, c.end)).toBe(c.sentence);
        expect(text.slice(c.claimStart, c.claimEnd)).toBe(c.claim);
      }
    }
  });

  it('given the same seed twice, then the article is the same', () => {
    expect(seedArticle(7)).toEqual(seedArticle(7));
  });
});

describe('bench seed feeds', () => {
  it('given a feed before and after its update, then the known items keep their keys and one is new', async () => {
    const before = await parseFeed(Buffer.from(benchFeedXml(42, false)));
    const after = await parseFeed(Buffer.from(benchFeedXml(42, true)));
    expect(before.items).toHaveLength(KNOWN_ITEMS);
    expect(after.items).toHaveLength(KNOWN_ITEMS + 1);
    const known = new Set(itemKeys(before.items).map((k) => k.key));
    const fresh = itemKeys(after.items).filter((k) => !known.has(k.key));
    expect(fresh).toHaveLength(1);
  });

  it('given the new item, then it carries its full text, so the poller fetches no page', async () => {
    const after = await parseFeed(Buffer.from(benchFeedXml(3, true)));
    expect(needsFullText(after.items[0] as (typeof after.items)[number])).toBe(false);
  });
});
