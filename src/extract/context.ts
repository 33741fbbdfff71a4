import type { Analysis } from './nlp.ts';
import type { ArticleText } from './types.ts';

/** What every extraction stage reads: the article and its single NLP analysis. */
export interface ExtractContext {
  article: ArticleText;
  analysis: Analysis;
}
