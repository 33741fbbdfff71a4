import { articleFromItem } from '../src/feeds/full-text.ts';
import { itemHash } from '../src/feeds/item-hash.ts';
import { itemKeys } from '../src/feeds/item-keys.ts';
import { parseFeed } from '../src/feeds/parse-feed.ts';
import type { NewArticle } from '../src/store/port.ts';
import { emptyExtraction } from './generate.ts';

/**
 * The articles a poll of a feed's `bytes` would store, for benches that fill a store before they measure:
 * keys from the real parser and identity policy, the items' fingerprints and the feed's own article text, and
 * an extraction that found nothing.
 */
export async function storedItems(feedId: number, bytes: Buffer): Promise<NewArticle[]> {
  const { items } = await parseFeed(bytes);
  const keys = itemKeys(items);
  return items.map((item, k) => ({
    feedId,
    itemKey: (keys[k] as { key: string }).key,
    url: item.link,
    title: item.title,
    published: item.published ? new Date(item.published) : null,
    text: articleFromItem(item).input,
    extraction: emptyExtraction(item.title),
    itemHash: itemHash(item),
  }));
}
