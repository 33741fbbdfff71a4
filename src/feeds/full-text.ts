import { articleFromParts } from '../extract/article.ts';
import type { ArticleText } from '../extract/types.ts';
import { articleFromHtml } from './article-html.ts';
import { decodeFeedBytes } from './decode.ts';
import { isFeedError } from './errors.ts';
import { type FetchOptions, fetchUrl } from './http-client.ts';
import { htmlToParagraphs } from './text.ts';
import type { ParsedItem } from './types.ts';

/** Below this many characters of text, an item is a teaser and the page is fetched for the article. */
export const SHORT_TEXT_CHARS = 600;

function textLength(paragraphs: string[]): number {
  return paragraphs.reduce((sum, p) => sum + p.length, 0);
}

/** The item's own article text as paragraphs: content:encoded / Atom content, else the description. */
export function itemParagraphs(item: ParsedItem): string[] {
  const content = htmlToParagraphs(item.contentHtml);
  // Content that is only an image or an embed says nothing: fall back to the description then.
  return textLength(content) > 0 ? content : htmlToParagraphs(item.descriptionHtml);
}

function fromParagraphs(item: ParsedItem, paragraphs: string[], feedLanguage?: string | null): ArticleText {
  const language = item.language ?? feedLanguage ?? undefined;
  return articleFromParts(item.title, paragraphs, language || undefined);
}

function isTeaser(item: ParsedItem, paragraphs: string[]): boolean {
  return textLength(paragraphs) < SHORT_TEXT_CHARS && /^https?:\/\//i.test(item.link ?? '');
}

/**
 * Turns a parsed item into an ArticleText ready for `extractArticle`, from the text the feed carries.
 * `feedLanguage` (the feed's `<language>`) is used when the item declares none.
 */
export function articleFromItem(item: ParsedItem, feedLanguage?: string | null): ArticleText {
  return fromParagraphs(item, itemParagraphs(item), feedLanguage);
}

/** Whether an item carries only a teaser (under about 600 characters) and links to a page worth fetching. */
export function needsFullText(item: ParsedItem): boolean {
  return isTeaser(item, itemParagraphs(item));
}

/** The article for an item, and where its text came from; `error` says why a page fetch fell back. */
export interface ItemArticle {
  article: ArticleText;
  source: 'feed' | 'page';
  error?: string;
}

/**
 * The fullest article text for an item: the feed's own text, or, when that is only a short summary, the
 * linked page fetched with the same safe client (same trust, same guard) and extracted with Readability.
 * A page that cannot be fetched or read falls back to the feed's text; it never throws for that.
 */
export async function articleForItem(
  item: ParsedItem,
  options: FetchOptions & { feedLanguage?: string | null },
): Promise<ItemArticle> {
  const feedParagraphs = itemParagraphs(item);
  const fromFeed = fromParagraphs(item, feedParagraphs, options.feedLanguage);
  if (!isTeaser(item, feedParagraphs)) return { article: fromFeed, source: 'feed' };
  try {
    const page = await fetchUrl(item.link as string, { ...options, accept: 'page' });
    if (page.status !== 'ok') return { article: fromFeed, source: 'feed' };
    const { text } = decodeFeedBytes(page.body, page.contentType);
    const extracted = articleFromHtml(text, page.url);
    const paragraphs = extracted?.paragraphs.map((p) => p.text) ?? [];
    if (textLength(paragraphs) <= textLength(feedParagraphs))
      return { article: fromFeed, source: 'feed', error: 'the page holds no longer article text' };
    const language = item.language ?? options.feedLanguage ?? extracted?.declaredLanguage;
    return {
      article: articleFromParts(item.title || (extracted?.title ?? ''), paragraphs, language || undefined),
      source: 'page',
    };
  } catch (error) {
    if (!isFeedError(error)) throw error;
    return { article: fromFeed, source: 'feed', error: `${error.code}: ${error.message}` };
  }
}
