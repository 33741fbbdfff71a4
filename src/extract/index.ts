import { extractClaims } from './claims.ts';
import type { ExtractContext } from './context.ts';
import { collectEntities } from './entities.ts';
import { extractFigures } from './figures.ts';
import { detectLanguage } from './language.ts';
import { analyse } from './nlp.ts';
import { extractQuotes } from './quotes.ts';
import type { ArticleText, Extraction } from './types.ts';

export { articleFromParts, parseTextArticle } from './article.ts';
export type * from './types.ts';

/**
 * Extracts quotes, figures, claims and entities from an article. A non-English article is not run through
 * English rules: it comes back with `analysed: false` and empty lists.
 */
export function extractArticle(article: ArticleText): Extraction {
  const from = article.titleSpan?.start ?? article.paragraphs[0]?.start ?? 0;
  const to = article.paragraphs.at(-1)?.end ?? article.titleSpan?.end ?? from;
  const language = detectLanguage(article.input.slice(from, to), article.declaredLanguage);
  const empty = { quotes: [], figures: [], claims: [], entities: { people: [], orgs: [] } };
  if (language !== 'en') return { title: article.title, language, analysed: false, ...empty };
  const paragraphStarts = [article.titleSpan?.start ?? from, ...article.paragraphs.map((p) => p.start)];
  const ctx: ExtractContext = { article, analysis: analyse(article.input, from, to, paragraphStarts) };
  const quotes = extractQuotes(ctx);
  const figures = extractFigures(ctx);
  const claims = extractClaims(ctx, quotes);
  const entities = collectEntities(ctx, quotes, claims);
  return { title: article.title, language, analysed: true, quotes, figures, claims, entities };
}
