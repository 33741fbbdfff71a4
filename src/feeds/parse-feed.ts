import { DEFAULT_MAX_BYTES, decodeFeedBytes, inflateIfGzip } from './decode.ts';
import { FeedError } from './errors.ts';
import { parseJsonFeed } from './parse-json.ts';
import { parseXmlFeed } from './parse-xml.ts';
import { htmlToText, truncate } from './text.ts';
import type { ParsedFeed, ParsedItem } from './types.ts';

/** Where feed bytes came from, so charset and relative links can be resolved. */
export interface ParseFeedOptions {
  /** The HTTP Content-Type, whose charset wins over the XML prolog. */
  contentType?: string | null;
  /** The feed's own URL, the base for relative links. */
  url?: string | null;
  /** Cap for a gzip file inflated here (default 10 MiB). */
  maxBytes?: number;
}

const SUMMARY_CHARS = 500;
// A summary needs only the start of a long article; cutting at a tag end keeps markup out of the text.
const SUMMARY_SOURCE_CHARS = 3000;

function summarySource(html: string | null): string | null {
  if (!html || html.length <= SUMMARY_SOURCE_CHARS) return html;
  const head = html.slice(0, SUMMARY_SOURCE_CHARS);
  const lastTagEnd = head.lastIndexOf('>');
  return lastTagEnd > SUMMARY_SOURCE_CHARS / 2 ? head.slice(0, lastTagEnd + 1) : head;
}

/**
 * An item's plain-text summary: its description, else the start of its content, at most about 500
 * characters. Computed on demand: the poller reads an item's whole text instead, and only for new items.
 */
export function itemSummary(item: ParsedItem): string {
  return truncate(htmlToText(summarySource(item.descriptionHtml ?? item.contentHtml)), SUMMARY_CHARS);
}

/**
 * Parses one feed from its bytes: gzip inflated (capped), charset decoded, then RSS/RDF/Atom through
 * rss-parser or JSON Feed mapped directly. Throws a FeedError (`parse`, `unsafe`, `not-a-feed`, `decode`,
 * `too-large`) for that feed only; it never expands entities nor reads anything outside the bytes given.
 */
export async function parseFeed(
  bytes: Buffer | Uint8Array,
  options: ParseFeedOptions = {},
): Promise<ParsedFeed> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const buffer = Buffer.isBuffer(bytes)
    ? bytes
    : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buffer.length > maxBytes)
    throw new FeedError('too-large', `feed is larger than the ${maxBytes}-byte cap`);
  const inflated = inflateIfGzip(buffer, maxBytes);
  const { text } = decodeFeedBytes(inflated, options.contentType);
  const start = /\S/.exec(text);
  if (!start) throw new FeedError('not-a-feed', 'empty document');
  const first = text[start.index];
  let feed: ParsedFeed;
  if (first === '{' || first === '[') feed = parseJsonFeed(text, options.url);
  else if (first === '<') feed = await parseXmlFeed(text, options.url);
  else throw new FeedError('not-a-feed', 'neither XML nor JSON: not a feed');
  // A feed item with a body but no title still needs something to show.
  for (const item of feed.items) if (!item.title) item.title = truncate(itemSummary(item), 100);
  return feed;
}
