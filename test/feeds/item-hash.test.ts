import { describe, expect, it } from 'vitest';
import { itemHash } from '../../src/feeds/item-hash.ts';
import type { ParsedItem } from '../../src/feeds/types.ts';

const ITEM: ParsedItem = {
  guid: 'story-1',
  link: 'https://news.example/story-1',
  title: 'Council funds the ferry',
  published: '2026-03-01T10:00:00.000Z',
  contentHtml: '<p>The harbour council approved 4.5 million euros.</p>',
  descriptionHtml: '<p>The harbour council approved 4.5 million euros.</p>',
  author: 'Anna Berg',
  language: 'en',
};

describe('itemHash', () => {
  it('is a 40-hex digest, the same for equal items however they were built', () => {
    const digest = itemHash(ITEM);
    expect(digest).toMatch(/^[0-9a-f]{40}$/);
    expect(itemHash({ ...ITEM })).toBe(digest);
    expect(itemHash(JSON.parse(JSON.stringify(ITEM)) as ParsedItem)).toBe(digest);
  });

  it('changes when any field an edit touches changes', () => {
    const edits: Partial<ParsedItem>[] = [
      { title: 'Council funds two ferries' },
      { link: 'https://news.example/story-1-updated' },
      { link: null },
      { published: '2026-03-01T11:00:00.000Z' },
      { published: null },
      { author: 'Lena Holt' },
      { language: 'nl' },
      { contentHtml: '<p>The harbour council approved 5 million euros.</p>' },
      { contentHtml: null },
      { descriptionHtml: '<p>The harbour council approved 5 million euros.</p>' },
    ];
    const digests = new Set([itemHash(ITEM), ...edits.map((edit) => itemHash({ ...ITEM, ...edit }))]);
    expect(digests.size).toBe(edits.length + 1);
  });

  it('ignores the guid (identity, not content)', () => {
    expect(itemHash({ ...ITEM, guid: 'story-1-v2' })).toBe(itemHash(ITEM));
    expect(itemHash({ ...ITEM, guid: null })).toBe(itemHash(ITEM));
  });

  it('cannot be fooled by text moving from one field to the next', () => {
    const a = { ...ITEM, contentHtml: '<p>ab', descriptionHtml: 'c</p>' };
    const b = { ...ITEM, contentHtml: '<p>a', descriptionHtml: 'bc</p>' };
    expect(itemHash(a)).not.toBe(itemHash(b));
    // A missing field is not the same as an empty one, nor as the text "-".
    expect(itemHash({ ...ITEM, author: null })).not.toBe(itemHash({ ...ITEM, author: '' }));
    expect(itemHash({ ...ITEM, author: null })).not.toBe(itemHash({ ...ITEM, author: '-' }));
    expect(itemHash({ ...ITEM, title: 'x', author: null })).not.toBe(
      itemHash({ ...ITEM, title: 'x-', author: '' }),
    );
  });
});
