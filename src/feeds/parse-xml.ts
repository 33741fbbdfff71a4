import Parser from 'rss-parser';
import { parseFeedDate } from './dates.ts';
import { FeedError } from './errors.ts';
import { resolveLink, usableBase } from './links.ts';
import { plainText } from './text.ts';
import type { ParsedFeed, ParsedItem } from './types.ts';
import { screenXml } from './xml-screen.ts';

type Raw = Record<string, unknown>;

/** Text of an xml2js value: a string, or the `_` text of an element with attributes. */
function asText(value: unknown): string | null {
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object') {
    const text = (value as Raw)._;
    if (typeof text === 'string') return text;
  }
  if (typeof value === 'number') return String(value);
  return null;
}

// rss-parser turns Atom `published`/`updated` into ISO with `new Date(x).toISOString()`, which throws on
// an unreadable date and loses the whole feed. Normalising them first keeps the item, with a null date.
function atomDates(value: string, name: string): string {
  if (name !== 'published' && name !== 'updated') return value;
  return parseFeedDate(value) ?? '';
}

/** rss-parser, keeping what it throws away: the Atom `xml:lang` and the document's root format. */
class FeedXmlParser extends Parser<Raw, Raw> {
  format: ParsedFeed['format'] = 'rss';
  language: string | null = null;
  xmlBase: string | null = null;

  constructor() {
    super({
      defaultRSS: 2,
      xml2js: { strict: true, valueProcessors: [atomDates] } as never,
      customFields: {
        feed: [['dc:language', 'dcLanguage'] as never],
        item: [['dc:language', 'dcLanguage'] as never],
      },
    });
  }
}

function hooks(parser: FeedXmlParser): void {
  // The build methods are not in rss-parser's types; they are stable across its 3.x line.
  const target = parser as unknown as Record<string, (xml: Raw) => Raw>;
  for (const [method, format] of [
    ['buildAtomFeed', 'atom'],
    ['buildRSS1', 'rdf'],
    ['buildRSS2', 'rss'],
    ['buildRSS0_9', 'rss'],
  ] as const) {
    const original = target[method]!.bind(parser);
    target[method] = (xml: Raw) => {
      parser.format = format;
      const root = Object.values(xml)[0];
      const attributes = root && typeof root === 'object' ? ((root as Raw).$ as Raw | undefined) : undefined;
      if (typeof attributes?.['xml:lang'] === 'string') parser.language = attributes['xml:lang'];
      if (typeof attributes?.['xml:base'] === 'string') parser.xmlBase = attributes['xml:base'];
      return original(xml);
    };
  }
}

function describeXmlError(error: Error): string {
  const [first, ...rest] = error.message.split('\n');
  const line = rest.find((part) => part.startsWith('Line:'));
  return `malformed XML: ${first}${line ? ` (${line.toLowerCase()})` : ''}`;
}

function mapItem(raw: Raw, format: ParsedFeed['format'], base: string | null): ParsedItem {
  const guid = asText(raw.guid) ?? asText(raw.id) ?? asText(raw['rdf:about']);
  const contentHtml = asText(raw['content:encoded']) ?? (format === 'atom' ? asText(raw.content) : null);
  const descriptionHtml = format === 'atom' ? asText(raw.summary) : asText(raw.content);
  const dateText = asText(raw.pubDate) ?? asText(raw.date) ?? asText(raw.isoDate);
  return {
    guid: guid?.trim() || null,
    link: resolveLink(asText(raw.link), base),
    title: plainText(asText(raw.title)),
    published: parseFeedDate(dateText),
    summary: '',
    contentHtml: contentHtml?.trim() ? contentHtml : null,
    descriptionHtml: descriptionHtml?.trim() ? descriptionHtml : null,
    author: plainText(asText(raw.creator) ?? asText(raw.author)) || null,
    language: asText(raw.dcLanguage)?.trim() || null,
  };
}

function positiveInt(value: string | null): number | null {
  const n = value ? Number.parseInt(value.trim(), 10) : Number.NaN;
  return Number.isFinite(n) && n > 0 && n <= 525_600 ? n : null;
}

/** Parses an RSS 0.9x / 1.0 (RDF) / 2.0 or Atom document (already decoded to text) into a ParsedFeed. */
export async function parseXmlFeed(xml: string, sourceUrl?: string | null): Promise<ParsedFeed> {
  const screened = screenXml(xml);
  const head = screened.slice(0, 65536).replace(/<\?[\s\S]*?\?>|<!--[\s\S]*?-->/g, '');
  const root = /<([a-z][\w:.-]*)/i.exec(head)?.[1];
  if (!root) throw new FeedError('not-a-feed', 'no XML element found');
  if (/^html$/i.test(root)) throw new FeedError('not-a-feed', 'this is an HTML page, not a feed');
  if (!/^(rss|feed|(\w+:)?RDF|channel)$/i.test(root))
    throw new FeedError('not-a-feed', `XML root <${root}> is not RSS, RDF or Atom`);
  const parser = new FeedXmlParser();
  hooks(parser);
  // An Atom `<link>` written RSS-style (text, no href) would crash rss-parser's link lookup.
  const document =
    root === 'feed'
      ? screened.replace(
          /<link>\s*([^<]*?)\s*<\/link>/g,
          (_m, href: string) => `<link href="${href.replace(/"/g, '&quot;')}"/>`,
        )
      : screened;
  let raw: Raw;
  try {
    raw = (await parser.parseString(document)) as unknown as Raw;
  } catch (error) {
    const message = (error as Error).message ?? String(error);
    if (/Line:|Unexpected|Invalid|Unclosed|Non-whitespace|Text data outside|Unmatched/i.test(message))
      throw new FeedError('parse', describeXmlError(error as Error), { cause: error });
    if (/not recognized/i.test(message))
      throw new FeedError('not-a-feed', 'empty or unrecognised feed document', { cause: error });
    // rss-parser reads required elements without checking they exist.
    const why =
      error instanceof TypeError ? 'a required element (channel, link) is missing or empty' : message;
    throw new FeedError('parse', `feed structure not understood: ${why}`, { cause: error });
  }
  const format = parser.format;
  const feedLink = asText(raw.link);
  const source = usableBase(sourceUrl);
  const base = usableBase(resolveLink(parser.xmlBase, source), source, resolveLink(feedLink, source));
  const items = Array.isArray(raw.items) ? (raw.items as Raw[]) : [];
  return {
    format,
    title: plainText(asText(raw.title)),
    link: resolveLink(feedLink, usableBase(sourceUrl)),
    language: (asText(raw.language) ?? asText(raw.dcLanguage) ?? parser.language)?.trim() || null,
    ttl: positiveInt(asText(raw.ttl)),
    items: items.map((item) => mapItem(item, format, base)),
  };
}
