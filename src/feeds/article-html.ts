import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import { articleFromParts } from '../extract/article.ts';
import type { ArticleText } from '../extract/types.ts';

const BLOCKS = 'p, h2, h3, h4, li, blockquote, pre';

/**
 * Pages are not read past these sizes; news pages hold a few thousand elements, a few dozen deep. Readability's
 * time grows faster than a page's size and it walks the tree recursively: a page of 100,000 nested <div>s
 * (0.5 MB) ran for two minutes and then overflowed the stack, 200,000 unclosed <p>s (1.6 MB) took 5 s.
 */
const MAX_PAGE_ELEMENTS = 30_000;
const MAX_PAGE_DEPTH = 400;

/** An upper bound on a page's elements: its `<` followed by a letter, counted without parsing. */
function tagCount(html: string): number {
  let count = 0;
  for (let at = html.indexOf('<'); at >= 0; at = html.indexOf('<', at + 1)) {
    const next = html.charCodeAt(at + 1) | 0x20;
    if (next >= 0x61 && next <= 0x7a) count++;
  }
  return count;
}

/** Whether any element of the tree under `root` lies deeper than `limit` (walked without recursion). */
function deeperThan(root: { children: ArrayLike<unknown> }, limit: number): boolean {
  const stack: [{ children: ArrayLike<unknown> }, number][] = [[root, 0]];
  for (let entry = stack.pop(); entry; entry = stack.pop()) {
    const [node, depth] = entry;
    if (depth > limit) return true;
    for (let i = 0; i < node.children.length; i++)
      stack.push([node.children[i] as { children: ArrayLike<unknown> }, depth + 1]);
  }
  return false;
}

/**
 * Pulls the article out of a web page with Readability and keeps its paragraphs.
 * Returns null when the page holds no readable article, or is too large or too deep to read safely.
 */
export function articleFromHtml(html: string, url?: string): ArticleText | null {
  if (tagCount(html) > MAX_PAGE_ELEMENTS) return null;
  const { document } = parseHTML(html);
  if (document.documentElement && deeperThan(document.documentElement, MAX_PAGE_DEPTH)) return null;
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
