import type { StoredArticle } from '../store/port.ts';

/** What one poll of a feed produced for delivery: new articles, or a first poll's articles for backfill. */
export interface PollOutput {
  articles: StoredArticle[];
  primed: StoredArticle[] | null;
}

/**
 * Collects the poller's delivery events per feed while a cluster poll runs, so the job sends them as pg-boss jobs
 * after the poll, and a crash before that leaves the attempt row that makes the next poll re-send them.
 */
export class PollOutbox {
  private readonly open = new Map<number, PollOutput>();

  /** Starts collecting for a feed. */
  begin(feedId: number): void {
    this.open.set(feedId, { articles: [], primed: null });
  }

  /** A new article of a primed feed. */
  article(feedId: number, article: StoredArticle): void {
    this.open.get(feedId)?.articles.push(article);
  }

  /** A feed's first poll stored these articles. */
  primed(feedId: number, articles: StoredArticle[]): void {
    const output = this.open.get(feedId);
    if (output) output.primed = articles;
  }

  /** Stops collecting for a feed and returns what it collected. */
  take(feedId: number): PollOutput {
    const output = this.open.get(feedId) ?? { articles: [], primed: null };
    this.open.delete(feedId);
    return output;
  }
}
