import { expect } from 'vitest';
import { parseTextArticle } from '../../src/extract/article.ts';
import { extractFigures } from '../../src/extract/figures.ts';
import { analyse } from '../../src/extract/nlp.ts';
import type { Figure } from '../../src/extract/types.ts';

/**
 * Runs figure extraction alone on an article with headline `title` and body `body`, checking that every
 * figure's span is its slice of the input.
 */
export function figuresIn(
  body: string,
  title = 'A headline for testing',
): { input: string; figures: Figure[] } {
  const input = `${title}\n\n${body}\n`;
  const article = parseTextArticle(input);
  const from = article.titleSpan?.start ?? 0;
  const to = article.paragraphs.at(-1)?.end ?? input.length;
  const starts = [from, ...article.paragraphs.map((p) => p.start)];
  const figures = extractFigures({ article, analysis: analyse(input, from, to, starts) });
  for (const f of figures) expect(input.slice(f.start, f.end)).toBe(f.text);
  return { input, figures };
}
