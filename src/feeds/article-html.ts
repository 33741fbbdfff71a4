import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import { articleFromParts } from '../extract/article.ts';
import type { ArticleText } from '../extract/types.ts';

const BLOCKS = 'p, h2, h3, h4, li, blockquote, pre';

/**
 * Pulls the article out of a web page with Readability and keeps its paragraphs.
 * Returns null when the page holds no readable article.
 */
export function articleFromHtml(html: string, url?: string): ArticleText | null {
  const { document } = parseHTML(html);
  const lang = document.documentElement?.getAttribute('lang') ?? undefined;
  if (url) {
    // Readability resolves relative links against the document URL.
    const base = document.createElement('base');
    base.setAttribute('href', url);
    document.head?.appendChild(base);
  }
  const parsed = new Readability(document as never, { charThreshold: 100 }).parse();
  if (!parsed?.content) return null;
  const { document: body } = parseHTML(`<!doctype html><html><body>${parsed.content}</body></html>`);
  const paragraphs: string[] = [];
  for (const node of body.querySelectorAll(BLOCKS)) {
    // Nested blocks (a <p> in a <blockquote>) are read once, through the innermost one.
    if (node.querySelector(BLOCKS)) continue;
    const text = (node.textContent ?? '').replace(/\s+/g, ' ').trim();
    if (text) paragraphs.push(text);
  }
  if (paragraphs.length === 0) {
    const text = (parsed.textContent ?? '').trim();
    if (!text) return null;
    paragraphs.push(...text.split(/\n\s*\n/));
  }
  return articleFromParts(parsed.title ?? '', paragraphs, lang || undefined);
}
