import { createRequire } from 'node:module';
import Parser from 'rss-parser';
import { parseFeedDate } from './dates.ts';
import { FeedError } from './errors.ts';
import { resolveLink, usableBase } from './links.ts';
import { plainText } from './text.ts';
import type { ParsedFeed, ParsedItem } from './types.ts';
import { type LiftedBodies, liftBodies } from './xml-bodies.ts';
import { screenXml } from './xml-screen.ts';

type Raw = Record<string, unknown>;

/** The helpers rss-parser's own item builders use (lib/utils.js, stable across its 3.x line). */
interface RssParserUtils {
  copyFromXML(xml: object, dest: Raw, fields: (string | string[])[]): void;
  getContent(content: unknown): unknown;
}

const utils = createRequire(import.meta.url)('rss-parser/lib/utils.js') as RssParserUtils;

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

// The item fields mapItem reads, as rss-parser's own item field list names them (snippets left out).
const ITEM_FIELDS = [
  ['author', 'creator'],
  ['dc:creator', 'creator'],
  ['dc:date', 'date'],
  ['dc:title', 'title'],
  'title',
  'link',
  'pubDate',
  'author',
  'summary',
  'content:encoded',
  ['dc:language', 'dcLanguage'],
];

/**
 * rss-parser, keeping what it throws away (the Atom `xml:lang`, the document's root format) and skipping
 * what we never read: the plain-text snippets and `isoDate` it computes for every item (dates.ts reads
 * dates, text.ts makes summaries).
 */
class FeedXmlParser extends Parser<Raw, Raw> {
  format: ParsedFeed['format'] = 'rss';
  language: string | null = null;
  xmlBase: string | null = null;

  setISODate(): void {}

  /** rss-parser's RSS item mapping, with our field list and without the snippets. */
  parseItemRss(xmlItem: Record<string, Raw[] | undefined> & { $?: Raw }): Raw {
    const item: Raw = {};
    utils.copyFromXML(xmlItem, item, ITEM_FIELDS);
    const description = xmlItem.description;
    if (description) item.content = utils.getContent(description[0]);
    const guid = xmlItem.guid;
    if (guid) {
      const value = guid[0] as unknown;
      item.guid = value && typeof (value as Raw)._ === 'string' ? (value as Raw)._ : value;
    }
    if (xmlItem.$?.['rdf:about']) item['rdf:about'] = xmlItem.$['rdf:about'];
    return item;
  }

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

function mapItem(
  raw: Raw,
  format: ParsedFeed['format'],
  base: string | null,
  restore: LiftedBodies['restore'],
): ParsedItem {
  const guid = asText(raw.guid) ?? asText(raw.id) ?? asText(raw['rdf:about']);
  const contentHtml = restore(
    asText(raw['content:encoded']) ?? (format === 'atom' ? asText(raw.content) : null),
  );
  const descriptionHtml = restore(format === 'atom' ? asText(raw.summary) : asText(raw.content));
  const dateText = asText(raw.pubDate) ?? asText(raw.date) ?? asText(raw.isoDate);
  return {
    guid: guid?.trim() || null,
    link: resolveLink(asText(raw.link), base),
    title: plainText(restore(asText(raw.title))),
    published: parseFeedDate(dateText),
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

const ELEMENT_NAME = /<([a-z][\w:.-]*)/iy;

/** The name of the first element, past processing instructions and comments, in the first 64 KiB. */
function rootElement(xml: string): string | null {
  for (let at = xml.indexOf('<'); at >= 0 && at < 65536; at = xml.indexOf('<', at + 1)) {
    const skip = xml.startsWith('<?', at) ? '?>' : xml.startsWith('<!--', at) ? '-->' : null;
    if (skip) {
      const end = xml.indexOf(skip, at + 2);
      // Unterminated, it runs to the end of the document: there is no element after it.
      if (end < 0) return null;
      at = end;
      continue;
    }
    ELEMENT_NAME.lastIndex = at;
    const name = ELEMENT_NAME.exec(xml)?.[1];
    if (name) return name;
  }
  return null;
}

/** Parses an RSS 0.9x / 1.0 (RDF) / 2.0 or Atom document (already decoded to text) into a ParsedFeed. */
export async function parseXmlFeed(xml: string, sourceUrl?: string | null): Promise<ParsedFeed> {
  const screened = screenXml(xml);
  const root = rootElement(screened);
  if (!root) throw new FeedError('not-a-feed', 'no XML element found');
  if (/^html$/i.test(root)) throw new FeedError('not-a-feed', 'this is an HTML page, not a feed');
  if (!/^(rss|feed|(\w+:)?RDF|channel)$/i.test(root))
    throw new FeedError('not-a-feed', `XML root <${root}> is not RSS, RDF or Atom`);
  const parser = new FeedXmlParser();
  hooks(parser);
  // An Atom `<link>` written RSS-style (text, no href) would crash rss-parser's link lookup.
  const document =
    root === 'feed' && screened.includes('<link>')
      ? screened.replace(
          // Trimmed here, not by `\s*` around a lazy group, which backtracks over a long run of spaces.
          /<link>([^<]*)<\/link>/g,
          (_m, href: string) => `<link href="${href.trim().replace(/"/g, '&quot;')}"/>`,
        )
      : screened;
  const lifted = liftBodies(document);
  let raw: Raw;
  try {
    raw = (await parser.parseString(lifted.xml)) as unknown as Raw;
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
    title: plainText(lifted.restore(asText(raw.title))),
    link: resolveLink(feedLink, usableBase(sourceUrl)),
    language: (asText(raw.language) ?? asText(raw.dcLanguage) ?? parser.language)?.trim() || null,
    ttl: positiveInt(asText(raw.ttl)),
    items: items.map((item) => mapItem(item, format, base, lifted.restore)),
  };
}
