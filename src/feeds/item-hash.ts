import { hash } from 'node:crypto';
import { lengthPrefixed } from '../length-prefixed.ts';
import type { ParsedItem } from './types.ts';

/*
 * An item's fingerprint is taken from the item as the feed gives it, before any page is fetched or any text
 * extracted, so a poll can tell an edited item from an unchanged one for the price of one hash. It covers
 * every field an edit of the article changes: the title, the link, the date, the author and language, and
 * the item's own text (content and description HTML; the plain summary is derived from those, so it adds
 * nothing). The guid is left out: it is the item's identity, not its content, and a changed guid is an
 * identity question (see item-keys.ts), not an edit.
 *
 * An item that carries only a teaser gets its article from the linked page; an edit of that page alone does
 * not change the fingerprint, and is only seen if the feed's copy changes too (fetching every page on every
 * poll to find out would cost far more than the feed itself).
 *
 * Fields are length-prefixed rather than joined with a separator or JSON-encoded: no value can be mistaken
 * for another field's, and the HTML is not copied through an escaper first. sha1 is plenty to tell two
 * versions of one item apart (nobody gains from forging a collision with their own feed's previous copy),
 * and it is the cheapest digest node:crypto has; the one-shot hash() skips building a Hash object.
 */

/** The fingerprint of a parsed item's content (40 hex characters): equal fingerprints mean an unedited item. */
export function itemHash(item: ParsedItem): string {
  const joined = lengthPrefixed([
    item.title,
    item.link,
    item.published,
    item.author,
    item.language,
    item.contentHtml,
    item.descriptionHtml,
  ]);
  return hash('sha1', joined, 'hex');
}
