import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseFeed } from '../../src/feeds/parse-feed.ts';
import { fixture } from './helpers.ts';

describe('hostile XML', () => {
  it('given a billion-laughs entity bomb then the feed is refused and nothing is expanded', async () => {
    const error = await parseFeed(fixture('billion-laughs.xml')).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'unsafe', message: expect.stringContaining('entities') });
  });

  it('given an external entity pointing at a local file then the file is never read', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bw-xxe-'));
    const secret = join(dir, 'secret.txt');
    writeFileSync(secret, 'TOP-SECRET-CONTENT');
    const xml = `<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file://${secret}">]>
      <rss version="2.0"><channel><title>&x;</title><item><title>&x;</title></item></channel></rss>`;
    const outcome = await parseFeed(Buffer.from(xml)).then(
      (feed) => JSON.stringify(feed),
      (error: Error) => `${error.name}: ${error.message}`,
    );
    expect(outcome).not.toContain('TOP-SECRET-CONTENT');
    expect(outcome).toMatch(/FeedError: .*entities/);
  });

  it('given an entity reference with no declaration then it stays a harmless literal of bounded size', async () => {
    const xml = '<rss version="2.0"><channel><title>A &lol9; B</title></channel></rss>';
    const feed = await parseFeed(Buffer.from(xml));
    expect(feed.title).toBe('A &lol9; B');
  });

  it.each([
    ['an element named __proto__', fixture('proto.xml')],
    [
      'an element named constructor',
      Buffer.from('<rss version="2.0"><channel><constructor>x</constructor></channel></rss>'),
    ],
    [
      'an attribute named __proto__',
      Buffer.from('<rss version="2.0"><channel __proto__="x"><title>t</title></channel></rss>'),
    ],
  ])('given %s then the feed is refused and Object.prototype stays clean', async (_name, bytes) => {
    await expect(parseFeed(bytes)).rejects.toMatchObject({ code: 'unsafe' });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.keys(Object.prototype)).toEqual([]);
  });

  it('given __proto__ keys in a JSON Feed then they are ignored and Object.prototype stays clean', async () => {
    const json =
      '{"version":"https://jsonfeed.org/version/1.1","title":"J","__proto__":{"polluted":1},' +
      '"items":[{"id":"1","title":"ok","__proto__":{"polluted":2},"constructor":{"prototype":{"polluted":3}}}]}';
    const feed = await parseFeed(Buffer.from(json));
    expect(feed.items.map((item) => item.title)).toEqual(['ok']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('given a hostile feed among good ones then only that feed fails', async () => {
    const results = await Promise.allSettled([
      parseFeed(fixture('billion-laughs.xml')),
      parseFeed(fixture('rdf.rdf')),
      parseFeed(fixture('malformed.xml')),
      parseFeed(fixture('feed-1.1.json')),
    ]);
    expect(results.map((result) => result.status)).toEqual([
      'rejected',
      'fulfilled',
      'rejected',
      'fulfilled',
    ]);
  });

  it('given a body over the cap then it is refused before parsing', async () => {
    const big = Buffer.alloc(2048, 0x20);
    await expect(parseFeed(big, { maxBytes: 1024 })).rejects.toMatchObject({ code: 'too-large' });
  });
});
