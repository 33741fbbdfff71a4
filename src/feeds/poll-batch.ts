import type { ArticleText } from '../extract/types.ts';
import type { FeedRecord, NewArticle, Store, StoredArticle } from '../store/port.ts';
import { itemHash } from './item-hash.ts';
import type { ItemIdentity } from './item-keys.ts';
import type { FeedFetch, FeedSource } from './poller.ts';
import type { ParsedItem } from './types.ts';

/*
 * A poll is split in two so that the parsed document is garbage before extraction starts. The strings a
 * parser hands out are slices of the whole decoded document, and V8 keeps a parent string alive for as
 * long as any slice of it lives; extraction allocates enough to run young-generation collections, so
 * anything still reachable then (the document, its 20 parsed items, their keys) gets promoted to the old
 * generation as garbage. At hundreds of feeds a second that garbage, not live data, set the peak RSS.
 */

/** A new or edited item, ready for extraction: what the store needs, detached from the parsed document. */
export interface PendingItem {
  itemKey: string;
  /** The item's fingerprint as the feed gave it (see item-hash.ts), stored with the article. */
  itemHash: string;
  /** The item's link key when its key is its guid, so a later change of guid is recognised (see port.ts). */
  linkKey: string | null;
  url: string | null;
  title: string;
  published: Date | null;
  article: ArticleText;
}

/** What a 200 leaves once the document is dropped: the new items and the feed state to record. */
export interface FetchedBatch {
  /** Items in the document. */
  items: number;
  /** Items not seen before or edited since, oldest first, with their article text. */
  pending: PendingItem[];
  /** Set when reading an item's article failed: the items before it are still stored, then it is thrown. */
  failure: { error: unknown } | null;
  etag: string | null;
  lastModified: string | null;
  maxAgeSeconds: number | null;
  ttl: number | null;
  title: string;
  language: string | null;
}

/** A copy that shares no memory with the string it came from (see above); UTF-16 keeps every code unit. */
function detach<T extends string | null>(text: T): T {
  return (text === null ? null : Buffer.from(text, 'utf16le').toString('utf16le')) as T;
}

function detachOrNull(text: string | undefined): string | null {
  return text === undefined ? null : detach(text);
}

/*
 * Which known items are read again. An item stored under its own key with a fingerprint that differs from
 * the feed's copy was edited: it goes through extraction again and the store records the edit (status
 * `updated`, with its revision). Two kinds of known items are never read again:
 *   - an item known only through an alias, or whose key is only a stored article's link key (its guid
 *     changed or went, its link did not; knownItems gives those no fingerprint): the stored row is keyed by
 *     the old identity, and storing the item under its new key would make the duplicate the alias is there
 *     to prevent;
 *   - an item whose row has no fingerprint (stored before fingerprints were, or pruned by retention): there
 *     is nothing to compare with, and reading every such item again would make the first poll after an
 *     upgrade re-fetch and re-extract every item of every feed, to record edits that mostly are not edits
 *     but a newer extractor's output.
 */

/**
 * What the store knows of these identities (see {@link Store.knownItems}). Most items of a poll are known
 * under their own key, so those are asked first, and the aliases only of the items that were not.
 */
async function knownIdentities(
  store: Store,
  feedId: number,
  keys: readonly ItemIdentity[],
): Promise<Map<string, string | null>> {
  const known = await store.knownItems(
    feedId,
    keys.map((k) => k.key),
  );
  const aliases = keys.filter((k) => !known.has(k.key)).flatMap((k) => k.aliases);
  if (aliases.length === 0) return known;
  for (const [alias, hash] of await store.knownItems(feedId, aliases))
    if (!known.has(alias)) known.set(alias, hash);
  return known;
}

/**
 * The items of a fetched feed not yet in the store, or edited since they were stored (an item unknown by its
 * key is looked up by its aliases too, so a guid that changed still matches its link or hash), oldest first, each with
 * its article text (fetching the page when the item carries only a summary).
 */
export async function selectNewItems(
  store: Store,
  source: FeedSource,
  record: FeedRecord,
  fetched: Extract<FeedFetch, { status: 'ok' }>,
  signal: AbortSignal,
): Promise<FetchedBatch> {
  const parsed = fetched.feed;
  const keys = source.itemKeys(parsed.items);
  const known = await knownIdentities(store, record.id, keys);
  // Keys already looked at in this copy: an item repeated in the document is judged once.
  const taken = new Set<string>();
  const pending: PendingItem[] = [];
  let failure: FetchedBatch['failure'] = null;
  try {
    for (let i = parsed.items.length - 1; i >= 0; i--) {
      const item = parsed.items[i] as ParsedItem;
      const { key: itemKey, aliases } = keys[i] as ItemIdentity;
      if (signal.aborted) break;
      // The first sighting (the oldest) stands for the key: comparing a repeat with it too would find
      // an "edit" on every poll.
      if (taken.has(itemKey)) continue;
      taken.add(itemKey);
      const storedHash = known.get(itemKey);
      let fingerprint: string;
      if (storedHash === undefined) {
        if (aliases.some((alias) => known.has(alias) || taken.has(alias))) continue;
        fingerprint = itemHash(item);
      } else {
        if (storedHash === null) continue;
        fingerprint = itemHash(item);
        if (fingerprint === storedHash) continue;
      }
      const article = await source.article(item, parsed, record, signal);
      pending.push({
        itemKey: detach(itemKey),
        itemHash: fingerprint,
        linkKey: itemKey.startsWith('guid:')
          ? detachOrNull(aliases.find((a) => a.startsWith('link:')))
          : null,
        url: detach(item.link),
        title: detach(item.title || article.title),
        published: item.published ? new Date(item.published) : null,
        article,
      });
    }
  } catch (error) {
    failure = { error };
  }
  return {
    items: parsed.items.length,
    pending,
    failure,
    etag: fetched.etag,
    lastModified: fetched.lastModified,
    maxAgeSeconds: fetched.maxAgeSeconds,
    ttl: parsed.ttl,
    title: detach(parsed.title),
    language: detach(parsed.language),
  };
}

/**
 * Extracts the pending items and stores them in one batch (one transaction); returns the new ones newest
 * first, and how many the store saw as edits (edited items are never among the new ones, so they are not
 * posted again). Items extracted before a failure or an abort are still stored.
 */
export async function storeNewItems(
  store: Store,
  source: FeedSource,
  record: FeedRecord,
  batch: FetchedBatch,
  signal: AbortSignal,
  onIngested?: (count: number, extractSeconds: number[]) => void,
): Promise<{ fresh: StoredArticle[]; updated: number }> {
  const articles: NewArticle[] = [];
  const timings: number[] = [];
  let failure = batch.failure;
  try {
    for (const item of batch.pending) {
      if (signal.aborted) break;
      const started = performance.now();
      const extraction = source.extract(item.article);
      timings.push((performance.now() - started) / 1000);
      articles.push({
        feedId: record.id,
        itemKey: item.itemKey,
        url: item.url,
        title: item.title,
        published: item.published,
        text: item.article.input,
        extraction,
        itemHash: item.itemHash,
        linkKey: item.linkKey,
      });
    }
  } catch (error) {
    failure ??= { error };
  }
  const results = await store.upsertArticles(articles);
  if (timings.length > 0) onIngested?.(timings.length, timings);
  if (failure) throw failure.error;
  const fresh = results.filter((r) => r.status === 'new').map((r) => r.article);
  const updated = results.filter((r) => r.status === 'updated').length;
  return { fresh: fresh.reverse(), updated };
}
