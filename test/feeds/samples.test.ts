import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { articleFromItem, needsFullText } from '../../src/feeds/full-text.ts';
import { itemKeys } from '../../src/feeds/item-keys.ts';
import { parseFeed } from '../../src/feeds/parse-feed.ts';
import { ROOT } from '../helpers/cli.ts';

describe.each(['world.xml', 'markets.json', 'wire.xml'])('bundled sample %s', (name) => {
  it('given the sample then every item has a unique key and full text, so nothing is fetched', async () => {
    const feed = await parseFeed(readFileSync(resolve(ROOT, 'config/samples', name)));
    expect(feed.title).toMatch(/^briefwire sample: /);
    expect(feed.language).toBe('en');
    expect(feed.items.length).toBeGreaterThanOrEqual(3);
    expect(new Set(itemKeys(feed.items).map((identity) => identity.key)).size).toBe(feed.items.length);
    for (const item of feed.items) {
      expect(item.published).not.toBeNull();
      expect(needsFullText(item)).toBe(false);
      const article = articleFromItem(item, feed.language);
      expect(article.paragraphs.length).toBeGreaterThanOrEqual(4);
      expect(article.paragraphs.some((p) => /[“"].+[”"]/.test(p.text))).toBe(true);
    }
  });
});
