import { describe, expect, it } from 'vitest';
import { canonicalLink, itemKeys } from '../../src/feeds/item-keys.ts';
import { parseFeed } from '../../src/feeds/parse-feed.ts';
import { fixture, parsedItem } from './helpers.ts';

describe('canonicalLink', () => {
  it('given scheme, case, www, fragment, tracking parameters and a trailing slash then they are normalised away', () => {
    expect(canonicalLink('HTTP://WWW.Example.COM:80/News/1/?utm_source=rss&id=7&fbclid=x#comments')).toBe(
      'example.com/News/1?id=7',
    );
    expect(canonicalLink('https://example.com/News/1?id=7')).toBe('example.com/News/1?id=7');
  });

  it('given something that is not an http(s) URL then it is null', () => {
    expect(canonicalLink('/relative/path')).toBeNull();
    expect(canonicalLink('mailto:a@b.example')).toBeNull();
  });
});

describe('itemKeys', () => {
  it('given unique guids then each key is the guid', async () => {
    const feed = await parseFeed(fixture('rdf.rdf'));
    expect(itemKeys(feed.items).map((identity) => identity.key)).toEqual([
      'guid:journal.example/a/1',
      'guid:journal.example/a/2',
    ]);
  });

  it('given items sharing one guid then those fall back to their links and the unique one keeps its guid', async () => {
    const feed = await parseFeed(fixture('guid-dupes.rss'));
    expect(itemKeys(feed.items).map((identity) => identity.key)).toEqual([
      'link:dupes.example/a',
      'link:dupes.example/b',
      'guid:unique-c',
    ]);
  });

  it('given every item sharing one guid and one link then keys come from title and date and stay distinct', () => {
    const items = ['A', 'B', 'C'].map((title) =>
      parsedItem({ guid: 'g', link: 'https://same.example/', title }),
    );
    const keys = itemKeys(items).map((identity) => identity.key);
    expect(new Set(keys).size).toBe(3);
    expect(keys.every((key) => key.startsWith('hash:'))).toBe(true);
  });

  it('given no guids then the canonical link, else a title + date hash, identifies the item', async () => {
    const feed = await parseFeed(fixture('no-guid.rss'));
    const [linked, unlinked, other] = itemKeys(feed.items);
    expect(linked?.key).toBe('link:noguid.example/story/1');
    expect(unlinked?.key).toMatch(/^hash:[0-9a-f]{32}$/);
    expect(other?.key).not.toBe(unlinked?.key);
  });

  it('given the same item polled twice then its key is stable', async () => {
    const first = itemKeys((await parseFeed(fixture('no-guid.rss'))).items);
    const second = itemKeys((await parseFeed(fixture('no-guid.rss'))).items);
    expect(second).toEqual(first);
  });

  it('given a permalink guid that moves from http to https and gains tracking parameters then the key holds', () => {
    const before = itemKeys([
      parsedItem({ guid: 'http://news.example/a/1', link: 'http://news.example/a/1' }),
    ]);
    const after = itemKeys([
      parsedItem({
        guid: 'https://news.example/a/1?utm_campaign=feed',
        link: 'https://news.example/a/1?utm_campaign=feed',
      }),
    ]);
    expect(after[0]?.key).toBe(before[0]?.key);
  });

  it('given an opaque guid that changes while the link stays the same then the link alias still matches', () => {
    const before = itemKeys([parsedItem({ guid: 'cms-1', link: 'http://news.example/a/1' })])[0];
    const after = itemKeys([
      parsedItem({ guid: 'cms-2-republished', link: 'https://news.example/a/1?utm_source=x' }),
    ])[0];
    expect(after?.key).not.toBe(before?.key);
    expect(after?.aliases).toContain('link:news.example/a/1');
    expect(before?.aliases).toContain('link:news.example/a/1');
  });
});
