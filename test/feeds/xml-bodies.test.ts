import fc from 'fast-check';
import Parser from 'rss-parser';
import { describe, expect, it } from 'vitest';
import { parseFeed } from '../../src/feeds/parse-feed.ts';
import { liftBodies } from '../../src/feeds/xml-bodies.ts';

// Plain rss-parser, on the untouched document, is the reference for what a lifted body must come back as.
const reference = new Parser({ customFields: { item: ['content:encoded'] } });

function rss(items: string[]): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>T</title><link>https://x.example/</link>
${items.map((item, i) => `<item><title>Item ${i}</title><link>https://x.example/${i}</link>${item}</item>`).join('\n')}
</channel></rss>`;
}

// Pieces of XML text content: prose, the five entities, character references, line ends, markup-like text.
const TEXT_PIECES = [
  'The harbour council met on Tuesday',
  ' ',
  '  ',
  '\n',
  '\t',
  '\r\n',
  '&amp;',
  '&lt;p&gt;',
  '&quot;quoted&quot;',
  '&apos;',
  '&#233;',
  '&#x1F600;',
  '&#8230;',
  '4.5%',
  '“curly”',
  'é',
  '[',
  ']',
  ']]',
];
const escapedText = fc
  .array(fc.constantFrom(...TEXT_PIECES), { maxLength: 120, size: 'max' })
  .map((parts) => parts.join(''));
// CDATA content: anything but the terminator, with HTML in it.
const cdataText = fc
  .array(fc.constantFrom(...TEXT_PIECES, '<p>', '</p>', '<a href="/x?a=1&b=2">', '</a>', '&nbsp;', '<br/>'), {
    maxLength: 120,
    size: 'max',
  })
  .map((parts) => parts.join(''));
const body = fc.oneof(
  escapedText,
  cdataText.map((text) => `<![CDATA[${text}]]>`),
  // Mixed content the lifter must leave alone.
  fc.tuple(escapedText, cdataText).map(([a, b]) => `${a}<![CDATA[${b}]]>`),
  fc.tuple(cdataText, cdataText).map(([a, b]) => `<![CDATA[${a}]]><![CDATA[${b}]]>`),
);

describe('liftBodies', () => {
  it('given any description or content:encoded then each body comes back exactly as rss-parser reads it', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(body, body), { minLength: 1, maxLength: 4 }), async (pairs) => {
        const xml = rss(
          pairs.map(
            ([description, content]) =>
              `<description>${description}</description><content:encoded>${content}</content:encoded>`,
          ),
        );
        const expected = (await reference.parseString(xml)).items;
        const parsed = (await parseFeed(Buffer.from(xml))).items;
        expect(parsed.map((item) => item.descriptionHtml)).toEqual(
          expected.map((item) => (item.content?.trim() ? item.content : null)),
        );
        expect(parsed.map((item) => item.contentHtml)).toEqual(
          expected.map((item) => (item['content:encoded']?.trim() ? item['content:encoded'] : null)),
        );
      }),
      { numRuns: 300 },
    );
  });

  it('given long CDATA and escaped bodies then they are lifted out of the document, short ones stay', () => {
    const long = 'Repairs to the harbour wall will take months. '.repeat(8);
    const xml = rss([
      `<description>${long.replace(/\./g, '&#46;')}</description>`,
      `<content:encoded><![CDATA[<p>${long}</p>]]></content:encoded>`,
      '<description>Short teaser.</description>',
    ]);
    const lifted = liftBodies(xml);
    expect(lifted.xml).not.toContain('Repairs');
    expect(lifted.xml).toContain('Short teaser.');
    expect(lifted.xml.length).toBeLessThan(xml.length / 2);
  });

  it('given a field tag inside a CDATA section or a comment then it is text, not a field', () => {
    const long = 'x'.repeat(400);
    const xml = rss([
      `<content:encoded><![CDATA[<p>a</p><description>${long}</description>]]>tail</content:encoded>`,
      `<!-- <description>${long}</description> -->`,
    ]);
    expect(liftBodies(xml).xml).toBe(xml);
  });

  it('given a value that only looks like a token then restore leaves it alone', () => {
    const long = 'y'.repeat(300);
    const lifted = liftBodies(rss([`<description>${long}</description>`]));
    const token = /<description>([^<]*)<\/description>/.exec(lifted.xml)?.[1] as string;
    expect(lifted.restore(token)).toBe(long);
    // Another parse's token, or this parse's with an index it never handed out.
    const [, generation] = /^\ue000(\d+):/.exec(token) as RegExpExecArray;
    expect(lifted.restore(token.replace(`${generation}:`, `${Number(generation) + 1}:`))).not.toBe(long);
    expect(lifted.restore(token.replace(':0', ':7'))).toBe(token.replace(':0', ':7'));
    expect(lifted.restore('plain')).toBe('plain');
    expect(lifted.restore(null)).toBeNull();
  });
});
