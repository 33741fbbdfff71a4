import { hash } from 'node:crypto';
import type { ParsedItem } from './types.ts';

/*
 * Item identity policy (what makes two sightings of an item "the same item"):
 *   1. the guid, when it is unique within this copy of the feed. A guid that looks like a URL is normalised
 *      like a link, so a feed that moves from http to https or adds tracking parameters keeps its keys;
 *   2. otherwise the canonical link: lowercase host without `www.`, no scheme (http ≡ https), no default
 *      port, no fragment, no utm_* / fbclid / gclid-style tracking parameters, no trailing slash;
 *   3. otherwise a hash of the normalised title + published date.
 * A guid shared by several items says nothing about any of them, so all of them fall through to rule 2
 * (and to rule 3 when their links are shared too). `aliases` carries the link and title+date keys as well,
 * so the store can recognise an item whose guid changed while its link stayed the same.
 */

/** The identity of one item: its key, plus the other keys it may have been stored under before. */
export interface ItemIdentity {
  key: string;
  /** `link:` and `hash:` keys for the same item, for matching items whose guid changed. */
  aliases: string[];
}

const TRACKING =
  /^(utm_[a-z_]+|fbclid|gclid|dclid|msclkid|mc_cid|mc_eid|_hsenc|_hsmi|igshid|yclid|ocid|cmpid)$/i;

// URLSearchParams is slow to build, so it is only built for links that carry a query.
function canonicalQuery(url: URL): string {
  const params = [...url.searchParams].filter(([name]) => !TRACKING.test(name));
  return params.length ? `?${new URLSearchParams(params).toString()}` : '';
}

/** `path` without the slashes it ends with: a loop, as `/\/+$/` retries from every slash of a long run. */
function withoutTrailingSlashes(path: string): string {
  let end = path.length;
  while (end > 0 && path.charCodeAt(end - 1) === 0x2f) end--;
  return path.slice(0, end);
}

/** A link reduced to what identifies the page: see the policy above. Null when it is not a URL. */
export function canonicalLink(raw: string | null | undefined): string | null {
  if (!raw) return null;
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  // The URL parser already lower-cases the host; the rest only runs when there is something to strip.
  let host = url.hostname;
  if (host.startsWith('www.')) host = host.slice(4);
  if (host.endsWith('.')) host = host.slice(0, -1);
  const port = url.port && url.port !== '80' && url.port !== '443' ? `:${url.port}` : '';
  const path = url.pathname.length > 1 ? withoutTrailingSlashes(url.pathname) : '';
  return `${host}${port}${path}${url.search ? canonicalQuery(url) : ''}`;
}

function hashKey(item: ParsedItem): string {
  // Same as collapsing every `\s+`, but only the runs that change are replaced (a single space is kept).
  const title = item.title
    .toLowerCase()
    .replace(/\s{2,}|[^\S ]/g, ' ')
    .trim();
  // One-shot hash(): the same sha256 as createHash, without building a Hash object per item.
  const digest = hash('sha256', `${title}\n${item.published ?? ''}`, 'hex');
  return `hash:${digest.slice(0, 32)}`;
}

function guidKey(guid: string): string {
  const asLink = /^https?:\/\//i.test(guid) ? canonicalLink(guid) : null;
  return asLink ? `guid:${asLink}` : `guid:${guid}`;
}

function countBy<T>(values: (T | null)[]): Map<T, number> {
  const counts = new Map<T, number>();
  for (const value of values) if (value !== null) counts.set(value, (counts.get(value) ?? 0) + 1);
  return counts;
}

/**
 * Keys for every item of one copy of a feed, in order, following the identity policy above. Two items get
 * the same key only when they are indistinguishable (same title and date, no usable guid or link).
 */
export function itemKeys(items: readonly ParsedItem[]): ItemIdentity[] {
  const guids = items.map((item) => (item.guid ? guidKey(item.guid) : null));
  const links = items.map((item) => {
    const link = canonicalLink(item.link);
    return link ? `link:${link}` : null;
  });
  const guidCounts = countBy(guids);
  const linkCounts = countBy(links);
  return items.map((item, index) => {
    const guid = guids[index] ?? null;
    const link = links[index] ?? null;
    if (guid && guidCounts.get(guid) === 1)
      return withAliases(guid, () => (link ? [link, hashKey(item)] : [hashKey(item)]));
    if (link && linkCounts.get(link) === 1) return withAliases(link, () => [hashKey(item)]);
    return { key: hashKey(item), aliases: link ? [link] : [] };
  });
}

/**
 * An identity whose aliases are worked out when first read: a poll reads them only for the items the store
 * does not know by their key (usually one or none), and the title+date hash is the dearest key to make.
 */
function withAliases(key: string, aliases: () => string[]): ItemIdentity {
  let made: string[] | undefined;
  return {
    key,
    get aliases() {
      made ??= aliases();
      return made;
    },
  };
}
