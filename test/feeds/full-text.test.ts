import { afterEach, describe, expect, it } from 'vitest';
import { extractArticle } from '../../src/extract/index.ts';
import { articleForItem, articleFromItem, needsFullText } from '../../src/feeds/full-text.ts';
import { parseFeed } from '../../src/feeds/parse-feed.ts';
import type { ParsedItem } from '../../src/feeds/types.ts';
import { fixture } from './helpers.ts';
import { type LocalServer, startServer } from './server.ts';

const LONG_PARAGRAPH =
  'The harbour authority said on Tuesday that repairs to the north breakwater would take until the autumn, ' +
  'after winter storms opened a gap of almost 40 metres in the wall that protects the fishing fleet.';

const PAGE = `<!doctype html><html lang="en"><head><title>Breakwater repairs</title></head><body>
<nav><a href="/">Home</a> <a href="/news">News</a></nav>
<article><h1>Breakwater repairs to last until autumn</h1>
<p>${LONG_PARAGRAPH}</p>
<p>"We will not cut corners on a wall that has to stand for a century," said harbour master Ines Duarte.</p>
<p>The work is expected to cost $12 million (£9.5 million), according to the authority's own estimate, and will be paid for from reserves.</p>
<p>Fishing crews have been told to use the southern quay while cranes work on the northern side of the harbour.</p>
</article><footer>Copyright</footer></body></html>`;

let server: LocalServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

function teaser(link: string): ParsedItem {
  return {
    guid: 'b-1',
    link,
    title: 'Breakwater repairs to last until autumn',
    published: null,
    contentHtml: null,
    descriptionHtml: '<p>Repairs will take months.</p>',
    author: null,
    language: null,
  };
}

describe('articleFromItem', () => {
  it('given content:encoded then the article keeps its paragraphs and offsets match the input', async () => {
    const [item] = (await parseFeed(fixture('cdata-entities.rss'))).items;
    const article = articleFromItem(item as ParsedItem, 'en-GB');
    expect(article.title).toBe('Council backs "café" plan');
    expect(article.paragraphs.map((p) => p.text)).toEqual([
      'The council voted 7 to 2 on Monday to back the café plan.',
      '"It is a good day for the harbour," said Mayor Ana Lopes.',
    ]);
    for (const p of article.paragraphs) expect(article.input.slice(p.start, p.end)).toBe(p.text);
    expect(article.declaredLanguage).toBe('en-GB');
    expect(extractArticle(article).title).toBe(article.title);
  });

  it('given content:encoded shorter than the description then the content is still preferred', () => {
    const item = {
      ...teaser('https://x.example/a'),
      contentHtml: '<p>Full text.</p>',
      descriptionHtml: '<p>A description that happens to be longer than the content.</p>',
    };
    expect(articleFromItem(item).paragraphs.map((p) => p.text)).toEqual(['Full text.']);
  });

  it('given content that holds only an image then the description is used', () => {
    const item = { ...teaser('https://x.example/a'), contentHtml: '<p><img src="a.jpg"></p>' };
    expect(articleFromItem(item).paragraphs.map((p) => p.text)).toEqual(['Repairs will take months.']);
  });

  it('given a description with line breaks only then breaks become paragraphs', async () => {
    const item = (await parseFeed(fixture('cdata-entities.rss'))).items[2] as ParsedItem;
    expect(articleFromItem(item).paragraphs.map((p) => p.text)).toEqual(['Line one.', 'Line two.']);
  });
});

describe('articleForItem', () => {
  it('given a teaser with a link then the page is fetched through the guard and its paragraphs are used', async () => {
    server = await startServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end(PAGE));
    const item = teaser(`${server.url}/news/breakwater`);
    expect(needsFullText(item)).toBe(true);
    const result = await articleForItem(item, { trusted: false, allowlist: [server.endpoint] });
    expect(result.source).toBe('page');
    const texts = result.article.paragraphs.map((p) => p.text);
    expect(texts).toContain(LONG_PARAGRAPH);
    expect(texts.some((t) => t.includes('Home'))).toBe(false);
    expect(result.article.title).toBe('Breakwater repairs to last until autumn');
  });

  it('given a teaser whose page is on a private address then the guard refuses and the feed text is kept', async () => {
    server = await startServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end(PAGE));
    const result = await articleForItem(teaser(`${server.url}/news/breakwater`), { trusted: false });
    expect(result.source).toBe('feed');
    expect(result.error).toMatch(/^blocked:/);
    expect(result.article.paragraphs.map((p) => p.text)).toEqual(['Repairs will take months.']);
    expect(server.requests).toHaveLength(0);
  });

  it('given a page that answers 500 then the feed text is kept with the reason', async () => {
    server = await startServer((_req, res) => res.writeHead(500).end());
    const result = await articleForItem(teaser(`${server.url}/x`), {
      trusted: false,
      allowlist: [server.endpoint],
    });
    expect(result).toMatchObject({ source: 'feed', error: 'http-status: HTTP 500' });
  });

  it('given an item with full content then no page is fetched', async () => {
    server = await startServer((_req, res) => res.writeHead(200).end(PAGE));
    const item = { ...teaser(`${server.url}/x`), contentHtml: `<p>${LONG_PARAGRAPH}</p>`.repeat(4) };
    const result = await articleForItem(item, { trusted: false, allowlist: [server.endpoint] });
    expect(result.source).toBe('feed');
    expect(server.requests).toHaveLength(0);
  });
});
