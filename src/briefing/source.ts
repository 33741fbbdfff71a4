import type { ArticleRef, StoredArticle } from '../store/port.ts';
import type { SourceLink } from './blocks.ts';

/** The link block fields for a stored article or a search hit's article. */
export function sourceLink(
  article: Pick<StoredArticle | ArticleRef, 'title' | 'url' | 'feedName'>,
): SourceLink {
  return { title: article.title, url: article.url, feedName: article.feedName };
}

/** A short name for a source: its feed name, else its link's host, else its headline. */
export function sourceName(source: SourceLink): string {
  if (source.feedName) return source.feedName;
  if (source.url && URL.canParse(source.url)) return new URL(source.url).hostname.replace(/^www\./, '');
  return source.title;
}
