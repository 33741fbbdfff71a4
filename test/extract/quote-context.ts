import { parseTextArticle } from '../../src/extract/article.ts';
import type { ExtractContext } from '../../src/extract/context.ts';
import { analyse } from '../../src/extract/nlp.ts';
import { extractQuotes } from '../../src/extract/quotes.ts';
import type { Quote } from '../../src/extract/types.ts';

/** Builds the extraction context of a `.txt` article the way extractArticle does: one NLP pass. */
export function contextOf(input: string): ExtractContext {
  const article = parseTextArticle(input);
  const from = article.titleSpan?.start ?? 0;
  const to = article.paragraphs.at(-1)?.end ?? article.titleSpan?.end ?? from;
  const starts = [from, ...article.paragraphs.map((p) => p.start)];
  return { article, analysis: analyse(input, from, to, starts) };
}

/** An article made of a plain headline and the given paragraphs. */
export function articleText(...paragraphs: string[]): string {
  return ['A plan for the river is weighed again', ...paragraphs].join('\n\n');
}

/** The quotes of an article made of the given paragraphs, each checked against its offsets. */
export function quotesOf(...paragraphs: string[]): Quote[] {
  const input = articleText(...paragraphs);
  const quotes = extractQuotes(contextOf(input));
  for (const q of quotes) {
    if (input.slice(q.start, q.end) !== q.text)
      throw new Error(`span mismatch for ${JSON.stringify(q.text)}`);
  }
  return quotes;
}
