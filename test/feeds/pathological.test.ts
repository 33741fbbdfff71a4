import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { articleFromParts, MAX_ARTICLE_CHARS } from '../../src/extract/article.ts';
import { extractArticle } from '../../src/extract/index.ts';
import { articleFromHtml } from '../../src/feeds/article-html.ts';
import { FeedError } from '../../src/feeds/errors.ts';
import { articleFromItem } from '../../src/feeds/full-text.ts';
import { dropElements, stripTags } from '../../src/feeds/html-strip.ts';
import { canonicalLink } from '../../src/feeds/item-keys.ts';
import { parseFeed } from '../../src/feeds/parse-feed.ts';
import { htmlToText, plainText } from '../../src/feeds/text.ts';
import { splitSections } from '../../src/feeds/xml-screen.ts';
import { parsedItem } from './helpers.ts';

/*
 * Documents built so that a pattern which scans ahead from every occurrence of a construct (an unclosed
 * comment, field, DOCTYPE or <script>, a long run of one character, nested elements) costs time quadratic in
 * their number. At these sizes (1 to 2 MB, well
 * under the 10 MiB body cap) such a scan took 50 to 95 seconds and blocked the event loop, and so every other
 * feed and command; a single forward pass takes well under a second. Nothing here measures time: a scan
 * that is quadratic again runs into the 10 s test timeout, tens of times over.
 */

const RSS = '<rss version="2.0"><channel><title>t</title><link>https://x.example/</link>';

async function outcome(xml: string): Promise<string> {
  try {
    const feed = await parseFeed(Buffer.from(xml));
    return `parsed ${feed.items.length}`;
  } catch (error) {
    expect(error).toBeInstanceOf(FeedError);
    return (error as FeedError).code;
  }
}

describe('pathological feed documents are read in one pass', { timeout: 10_000 }, () => {
  it('given 200,000 unclosed comments beside bare ampersands then it is refused as malformed', async () => {
    expect(await outcome(`${RSS}${'<!--&'.repeat(200_000)}`)).toBe('parse');
  });

  it('given 200,000 unclosed titles holding markup then it is refused as malformed', async () => {
    expect(await outcome(`${RSS}<item>${'<title><b>'.repeat(200_000)}`)).toBe('parse');
  });

  it('given 100,000 unclosed xhtml titles then it is refused as malformed', async () => {
    expect(
      await outcome(`<feed xmlns="http://www.w3.org/2005/Atom">${'<title type="xhtml">'.repeat(100_000)}`),
    ).toBe('parse');
  });

  it('given 100,000 titles of a CDATA section and loose text, never closed, then it is refused as malformed', async () => {
    expect(await outcome(`${RSS}<item>${'<title><![CDATA[x]]>y'.repeat(100_000)}`)).toBe('parse');
  });

  it('given 100,000 unterminated comments before the root then it is refused', async () => {
    expect(await outcome(`${'<!-- '.repeat(100_000)}<rss version="2.0"></rss>`)).toMatch(/parse|not-a-feed/);
  });

  it('given an Atom link of 100,000 spaces never closed then it is refused as malformed', async () => {
    const atom = '<feed xmlns="http://www.w3.org/2005/Atom"><title>t</title><entry><link>';
    expect(await outcome(`${atom}${' '.repeat(100_000)}x</entry></feed>`)).toBe('parse');
  });

  it('given an item link ending in 100,000 slashes then its key is the link without them', async () => {
    const link = `https://x.example/story${'/'.repeat(100_000)}`;
    expect(canonicalLink(link)).toBe('x.example/story');
  });

  it('given 6,000 DOCTYPEs with an open internal subset in the first 64 KiB then it is refused', async () => {
    expect(await outcome(`${'<!DOCTYPE rss ['.repeat(6_000)}<rss version="2.0"></rss>`)).toMatch(
      /parse|unsafe/,
    );
  });
});

describe('pathological article HTML is turned into text in one pass', { timeout: 10_000 }, () => {
  const scripts = '<script>x'.repeat(200_000);
  const comments = '<!-- x'.repeat(200_000);

  it('given 200,000 unclosed <script> elements then the text keeps them as text', () => {
    const article = articleFromItem(
      parsedItem({ title: 'T', contentHtml: `<p>Harbour reopens.</p>${scripts}` }),
    );
    expect(article.paragraphs[0]?.text).toBe('Harbour reopens.');
  });

  it('given 200,000 unclosed comments then the text keeps them as text', () => {
    expect(htmlToText(`<p>Harbour reopens.</p>${comments}`).startsWith('Harbour reopens.')).toBe(true);
  });

  it('given a title of 200,000 unclosed <style> elements then it comes out as one line of text', () => {
    expect(plainText(`<b>Harbour</b>${'<style>x'.repeat(200_000)}`).startsWith('Harbour')).toBe(true);
  });
});

describe('pathological pages are not handed to Readability', { timeout: 10_000 }, () => {
  const page = (body: string) => `<html lang="en"><body>${body}</body></html>`;

  it('given 100,000 nested <div>s, 200,000 unclosed <p>s or 20,000 nested <div>s then the page is not read', () => {
    expect(articleFromHtml(page(`${'<div>'.repeat(100_000)}x`))).toBeNull();
    expect(articleFromHtml(page('<p>word '.repeat(200_000)))).toBeNull();
    expect(articleFromHtml(page(`${'<div>'.repeat(20_000)}x`))).toBeNull();
  });

  it('given an ordinary article page then it is read', () => {
    const paragraph =
      '<p>The harbour council met on Tuesday and agreed to reopen the port after three months.</p>';
    expect(
      articleFromHtml(page(`<article><h1>Port</h1>${paragraph.repeat(20)}</article>`))?.paragraphs,
    ).toHaveLength(20);
  });
});

describe('pathological article text is bounded before extraction', { timeout: 20_000 }, () => {
  const extract = (paragraph: string) => extractArticle(articleFromParts('Harbour reopens', [paragraph]));

  it('given a paragraph that is one 300,000-character word then it is cut and extracted', () => {
    const article = articleFromParts('T', [`${'x'.repeat(300_000)} ends here.`]);
    expect(article.paragraphs[0]?.text).toBe(`${'x'.repeat(200)}… ends here.`);
    expect(extract(`${'x'.repeat(300_000)} ends here.`).analysed).toBe(true);
  });

  it('given 300,000 spaces inside a paragraph then it is extracted', () => {
    expect(extract(`The port${' '.repeat(300_000)}reopened.`).analysed).toBe(true);
  });

  it('given one endless said-that sentence of 1.2 MB then only the first 100,000 characters are read', () => {
    const sentence = 'The minister said that the officials said that the port would reopen and '.repeat(
      16_000,
    );
    const article = articleFromParts('T', [sentence]);
    expect(article.input.length).toBeLessThanOrEqual(MAX_ARTICLE_CHARS);
    expect(extract(sentence).claims.length).toBeGreaterThan(0);
  });
});

describe('splitSections', () => {
  const SPLIT = /(<!\[CDATA\[[\s\S]*?\]\]>|<!--[\s\S]*?-->)/;
  const pieces = ['<![CDATA[', ']]>', '<!--', '-->', '<!-->', 'a', '&', '<b>', ']]', '--', '<!', '\n'];

  it('given any mix of sections, terminators and text then it cuts exactly as the split pattern does', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 40 }), (parts) => {
        const text = parts.join('');
        expect(splitSections(text)).toEqual(text.split(SPLIT));
      }),
      { numRuns: 2000 },
    );
  });
});

describe('dropElements and stripTags', () => {
  // The patterns they replace, as text.ts used them.
  const DROPPED = /<(script|style|noscript|template|iframe|object|svg|math)\b[\s\S]*?<\/\1\s*>/gi;
  const TAG = /<\/?[a-z][\w:.-]*(?:\s[^<>]*)?\/?>|<!--[\s\S]*?-->|<!\[CDATA\[|\]\]>/gi;
  const pieces = [
    '<script>',
    '</script>',
    '</SCRIPT >',
    '<Style type="x">',
    '</style>',
    '<scripts>',
    '<svg>',
    '</svg>',
    '<!--',
    '-->',
    '<!-->',
    '<![CDATA[',
    ']]>',
    '<p>',
    '</p>',
    '<b class="a">',
    'x',
    ' ',
    '<',
    '>',
    '/',
  ];
  const html = fc.array(fc.constantFrom(...pieces), { maxLength: 40 }).map((parts) => parts.join(''));

  it('given any mix of elements, comments and text then both give what the patterns gave', () => {
    fc.assert(
      fc.property(html, (text) => {
        expect(dropElements(text)).toBe(text.replace(DROPPED, ' '));
        expect(stripTags(text)).toBe(text.replace(TAG, ''));
      }),
      { numRuns: 3000 },
    );
  });
});
