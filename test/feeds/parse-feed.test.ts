import { describe, expect, it } from 'vitest';
import { FeedError } from '../../src/feeds/errors.ts';
import { articleFromItem } from '../../src/feeds/full-text.ts';
import { itemSummary, parseFeed } from '../../src/feeds/parse-feed.ts';
import type { ParsedItem } from '../../src/feeds/types.ts';
import { fixture } from './helpers.ts';

describe('parseFeed on RSS 2.0', () => {
  it('given CDATA and escaped titles then titles are plain Unicode text', async () => {
    const feed = await parseFeed(fixture('cdata-entities.rss'));
    expect(feed.format).toBe('rss');
    expect(feed.title).toBe('Harbour & Hill Gazette');
    expect(feed.items.map((item) => item.title)).toEqual([
      'Council backs "café" plan',
      'Fish prices & the “quota” row',
      'Tide tables updated for spring &doesnotexist;',
    ]);
  });

  it('given <language> and <ttl> then both are captured', async () => {
    const feed = await parseFeed(fixture('cdata-entities.rss'));
    expect(feed.language).toBe('en-GB');
    expect(feed.ttl).toBe(45);
  });

  it('given an unreadable date then the item is kept with a null date', async () => {
    const feed = await parseFeed(fixture('cdata-entities.rss'));
    expect(feed.items).toHaveLength(3);
    expect(feed.items[0]?.published).toBe('2025-03-04T09:30:00.000Z');
    expect(feed.items[1]?.published).toBeNull();
    expect(feed.items[2]?.published).toBe('2025-03-02T00:00:00.000Z');
  });

  it('given content:encoded and a description then content is kept as HTML and the summary is plain', async () => {
    const [first, second] = (await parseFeed(fixture('cdata-entities.rss'))).items;
    expect(first?.contentHtml).toContain('<p>The council voted 7 to 2');
    expect(itemSummary(first as ParsedItem)).toBe('Short teaser about the café plan.');
    expect(itemSummary(second as ParsedItem)).toBe('Prices rose 4% overnight.');
  });

  it('given a bare ampersand in a link then the document is recovered, not refused', async () => {
    const feed = await parseFeed(fixture('cdata-entities.rss'));
    expect(feed.items[2]?.link).toBe('https://gazette.example/tides?a=1&b=2');
  });

  it('given unescaped HTML inside a title then the whole title is kept as text', async () => {
    const xml =
      '<rss version="2.0"><channel><title>T</title><item><title>Big <b>harbour</b> news</title></item></channel></rss>';
    expect((await parseFeed(Buffer.from(xml))).items[0]?.title).toBe('Big harbour news');
  });

  it('given an RSS 0.91 DOCTYPE without entities then it parses', async () => {
    const feed = await parseFeed(fixture('netscape-doctype.rss'));
    expect(feed.items.map((item) => item.title)).toEqual(['Legacy item']);
    expect(feed.language).toBe('en-us');
  });
});

describe('parseFeed on RDF and Atom', () => {
  it('given RSS 1.0 (RDF) then items, rdf:about identity, dc:date and dc:language are read', async () => {
    const feed = await parseFeed(fixture('rdf.rdf'));
    expect(feed.format).toBe('rdf');
    expect(feed.language).toBe('en');
    expect(feed.items.map((item) => [item.title, item.guid, item.published])).toEqual([
      ['Moss grows 3% faster in shade', 'https://journal.example/a/1', '2024-08-27T00:00:00.000Z'],
      ['Snails prefer wet Tuesdays', 'https://journal.example/a/2', '2024-08-28T08:00:00.000Z'],
    ]);
    expect(itemSummary(feed.items[0] as ParsedItem)).toBe('A field study of 40 plots.');
  });

  it('given Atom with xhtml content, xml:lang and a double-escaped title then all come out clean', async () => {
    const feed = await parseFeed(fixture('atom.atom'));
    expect(feed.format).toBe('atom');
    expect(feed.title).toBe('Werkstatt & Technik');
    expect(feed.language).toBe('de');
    const [first] = feed.items;
    expect(first?.guid).toBe('urn:example:werkstatt:1');
    expect(first?.published).toBe('2025-01-09T11:00:00.000Z');
    expect(first?.contentHtml).toContain('Die Stadt baut eine Brücke.');
    expect(itemSummary(first as ParsedItem)).toBe('Kurz: eine neue Brücke.');
  });

  it('given xhtml content mixing text and inline elements then the words stay in order', async () => {
    const [first] = (await parseFeed(fixture('atom.atom'))).items;
    expect(articleFromItem(first as ParsedItem).paragraphs.map((p) => p.text)).toEqual([
      'Die Stadt baut eine Brücke.',
      'Sie kostet 12 Millionen EUR laut Stadt.',
    ]);
  });

  it('given Atom entries with unreadable dates then the entry is kept with a null date', async () => {
    const feed = await parseFeed(fixture('atom.atom'));
    expect(feed.items[1]?.title).toBe('Datum kaputt');
    expect(feed.items[1]?.published).toBeNull();
  });

  it('given xml:base on the root then relative item links resolve against it', async () => {
    const xml =
      '<rss version="2.0" xml:base="https://base.example/news/"><channel><title>B</title>' +
      '<link>https://other.example/</link><item><title>x</title><link>story-1</link></item></channel></rss>';
    expect((await parseFeed(Buffer.from(xml))).items[0]?.link).toBe('https://base.example/news/story-1');
  });

  it('given an Atom link written as text instead of href then it is still read', async () => {
    const xml =
      '<feed xmlns="http://www.w3.org/2005/Atom"><title>A</title><entry><title>e</title>' +
      '<link>https://atom.example/e?a=1&amp;b=2</link><id>e1</id></entry></feed>';
    expect((await parseFeed(Buffer.from(xml))).items[0]?.link).toBe('https://atom.example/e?a=1&b=2');
  });

  it('given a relative link and the feed URL then the link is made absolute', async () => {
    const feed = await parseFeed(fixture('atom.atom'), { url: 'https://werkstatt.example/feed.atom' });
    expect(feed.items[1]?.link).toBe('https://werkstatt.example/relativ');
  });
});

describe('parseFeed on JSON', () => {
  it('given JSON Feed 1.1 then items are mapped, numeric ids become strings and titleless items get one', async () => {
    const feed = await parseFeed(fixture('feed-1.1.json'));
    expect(feed.format).toBe('json-feed');
    expect(feed.title).toBe('Ledger & Lines');
    expect(feed.language).toBe('en-US');
    const [rates, note] = feed.items;
    expect(rates).toMatchObject({ guid: '42', title: 'Rates hold at 4.5%', author: 'R. Okafor' });
    expect(rates?.published).toBe('2025-02-01T10:00:00.000Z');
    expect(note?.published).toBeNull();
    expect(note?.title).toContain('A microblog note');
    expect(note?.contentHtml).toBe('<p>A microblog note with no title at all.</p><p>Second paragraph.</p>');
  });

  it('given JSON Feed 1.0 with an http version URL then it is mapped', async () => {
    const feed = await parseFeed(fixture('feed-1.0.json'));
    expect(feed.items[0]).toMatchObject({
      title: 'First',
      author: 'Ed',
      published: '2018-02-14T07:23:12.000Z',
    });
  });

  it('given RSS serialised as JSON then its items are mapped', async () => {
    const feed = await parseFeed(fixture('rss-as-json.json'));
    expect(feed.format).toBe('json');
    expect(feed.items[0]).toMatchObject({ title: 'One', link: 'https://serial.example/1' });
    expect(itemSummary(feed.items[0] as ParsedItem)).toBe('First & only');
  });

  it('given JSON that is not a feed then it is refused with a clear error', async () => {
    await expect(parseFeed(fixture('not-a-feed.json'))).rejects.toMatchObject({
      code: 'not-a-feed',
      message: expect.stringContaining('not a JSON Feed'),
    });
  });

  it('given truncated JSON then it is refused as malformed', async () => {
    await expect(parseFeed(fixture('truncated.json'))).rejects.toMatchObject({ code: 'parse' });
  });
});

describe('parseFeed refusals', () => {
  it('given malformed XML then a parse error names the problem and its line', async () => {
    const error = await parseFeed(fixture('malformed.xml')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FeedError);
    expect((error as FeedError).code).toBe('parse');
    expect((error as FeedError).message).toMatch(/^malformed XML: .*line/);
  });

  it('given an RSS root without a channel then a one-line structure error is given', async () => {
    const error = await parseFeed(Buffer.from('<rss version="2.0"></rss>')).catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: 'parse',
      message: expect.stringMatching(/^feed structure not understood: /),
    });
  });

  it('given malformed JSON spanning lines then the error message is one line', async () => {
    const error = await parseFeed(Buffer.from('{\n  "version": "x",\n  "items": [\n  oops ]}')).catch(
      (e: unknown) => e,
    );
    expect((error as Error).message).not.toContain('\n');
  });

  it('given an HTML page then it is refused as not a feed', async () => {
    await expect(parseFeed(fixture('page.html'))).rejects.toMatchObject({ code: 'not-a-feed' });
  });

  it('given empty or binary input then it is refused as not a feed', async () => {
    await expect(parseFeed(Buffer.from('   \n'))).rejects.toMatchObject({ code: 'not-a-feed' });
    await expect(parseFeed(Buffer.from([1, 2, 3, 4]))).rejects.toMatchObject({ code: 'not-a-feed' });
  });
});
