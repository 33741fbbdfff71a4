import { parseFeedDate } from './dates.ts';
import { FeedError } from './errors.ts';
import { resolveLink, usableBase } from './links.ts';
import { plainText } from './text.ts';
import type { ParsedFeed, ParsedItem } from './types.ts';

type Raw = Record<string, unknown>;

function str(value: unknown): string | null {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return null;
}

function obj(value: unknown): Raw | null {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Raw) : null;
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Plain text kept as paragraphs inside HTML, so every item carries HTML in the same fields. */
function textAsHtml(text: string | null): string | null {
  if (!text?.trim()) return null;
  return text
    .split(/\r?\n[ \t]*\r?\n/)
    .map((p) => `<p>${escapeHtml(p.trim())}</p>`)
    .join('');
}

function firstAuthor(item: Raw): string | null {
  const authors = Array.isArray(item.authors) ? item.authors : [item.author];
  for (const author of authors) {
    const name = typeof author === 'string' ? author : str(obj(author)?.name);
    if (name?.trim()) return plainText(name);
  }
  return null;
}

function mapJsonFeedItem(item: Raw, base: string | null): ParsedItem {
  const html = str(item.content_html);
  const summary = str(item.summary);
  return {
    guid: str(item.id)?.trim() || null,
    link: resolveLink(str(item.url) ?? str(item.external_url), base),
    title: plainText(str(item.title)),
    published: parseFeedDate(str(item.date_published) ?? str(item.date_modified)),
    contentHtml: html?.trim() ? html : textAsHtml(str(item.content_text)),
    descriptionHtml: summary?.trim() ? textAsHtml(summary) : null,
    author: firstAuthor(item),
    language: str(item.language)?.trim() || null,
  };
}

// Field names other JSON shapes (RSS serialised as JSON, ad-hoc APIs) use for the same things.
function mapLooseItem(item: Raw, base: string | null): ParsedItem {
  const pick = (...keys: string[]) => {
    for (const key of keys) {
      const value = str(item[key]) ?? str(obj(item[key])?._) ?? str(obj(item[key])?.href);
      if (value?.trim()) return value;
    }
    return null;
  };
  const content = pick('content_html', 'content:encoded', 'content', 'body', 'html');
  const description = pick('description', 'summary', 'content_text', 'excerpt', 'text');
  return {
    guid: pick('guid', 'id', 'uuid')?.trim() || null,
    link: resolveLink(pick('link', 'url', 'href', 'permalink'), base),
    title: plainText(pick('title', 'headline', 'name')),
    published: parseFeedDate(pick('pubDate', 'published', 'date_published', 'date', 'isoDate', 'updated')),
    contentHtml: content,
    descriptionHtml: description,
    author: plainText(pick('author', 'creator', 'dc:creator')) || null,
    language: null,
  };
}

function findLooseChannel(doc: Raw): { channel: Raw; items: Raw[] } | null {
  const candidates = [
    doc,
    obj(doc.rss),
    obj(obj(doc.rss)?.channel),
    obj(doc.channel),
    obj(doc.feed),
    obj(doc.data),
  ];
  for (const channel of candidates) {
    if (!channel) continue;
    for (const key of ['items', 'item', 'entries', 'entry', 'articles', 'posts']) {
      const list = channel[key];
      if (Array.isArray(list) && list.length > 0 && list.every((entry) => obj(entry))) {
        const items = list as Raw[];
        if (items.some((entry) => ['title', 'link', 'url', 'headline'].some((k) => k in entry)))
          return { channel, items };
      }
    }
  }
  return null;
}

/**
 * Maps JSON Feed 1.0/1.1 directly. Other JSON is accepted only when it plainly holds a list of items with a
 * title or link (RSS serialised as JSON, common APIs); anything else is refused with a clear error.
 */
export function parseJsonFeed(text: string, sourceUrl?: string | null): ParsedFeed {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (error) {
    throw new FeedError('parse', `malformed JSON: ${(error as Error).message}`, { cause: error });
  }
  const root = obj(doc);
  if (!root) throw new FeedError('not-a-feed', 'JSON document is not an object, so not a JSON Feed');
  const version = str(root.version) ?? '';
  if (/jsonfeed\.org\/version\/1/i.test(version)) {
    const homepage = str(root.home_page_url);
    const base = usableBase(sourceUrl, homepage, str(root.feed_url));
    const items = Array.isArray(root.items) ? root.items.map(obj).filter((item) => item !== null) : [];
    return {
      format: 'json-feed',
      title: plainText(str(root.title)),
      link: resolveLink(homepage, usableBase(sourceUrl)),
      language: str(root.language)?.trim() || null,
      ttl: null,
      items: items.map((item) => mapJsonFeedItem(item, base)),
    };
  }
  const loose = findLooseChannel(root);
  if (!loose)
    throw new FeedError(
      'not-a-feed',
      'JSON document is not a JSON Feed (no jsonfeed.org "version") and holds no list of items',
    );
  const link = str(loose.channel.link) ?? str(loose.channel.home_page_url);
  const base = usableBase(sourceUrl, link);
  return {
    format: 'json',
    title: plainText(str(loose.channel.title) ?? str(root.title)),
    link: resolveLink(link, usableBase(sourceUrl)),
    language: str(loose.channel.language)?.trim() || null,
    ttl: null,
    items: loose.items.map((item) => mapLooseItem(item, base)),
  };
}
