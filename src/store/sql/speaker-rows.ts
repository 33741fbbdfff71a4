import type { Extraction } from '../../extract/types.ts';
import { speakerKey } from '../normalise.ts';
import { placeholders, type SqlStatement, type SqlValue } from './driver.ts';

/** The article fields the speaker indexes copy: they are ordered and filtered without reading the article. */
export interface SpeakerSource {
  articleId: number;
  feedId: number;
  firstSeen: Date;
  extraction: Extraction;
}

/** Columns of `quote_speaker_words`, in the order {@link speakerWordRows} fills them. */
export const SPEAKER_WORD_COLUMNS = ['word', 'first_seen', 'article_id', 'ord', 'feed_id'];
/** Columns of `speaker_counts`, in the order {@link speakerCountRows} fills them. */
export const SPEAKER_COUNT_COLUMNS = ['speaker', 'feed_id', 'speaker_key', 'n'];
/** Adds to an existing count instead of failing on it. */
export const SPEAKER_COUNT_UPSERT =
  'ON CONFLICT (speaker, feed_id) DO UPDATE SET n = speaker_counts.n + excluded.n';

/** The distinct words of a speaker key ("kim kim" is one word). */
export function speakerWords(key: string): string[] {
  return [...new Set(key.split(' ').filter(Boolean))];
}

/** One row per distinct word of each named quote's speaker key. */
export function speakerWordRows(articles: readonly SpeakerSource[]): SqlValue[][] {
  const rows: SqlValue[][] = [];
  for (const { articleId, feedId, firstSeen, extraction } of articles) {
    extraction.quotes.forEach((quote, ord) => {
      if (quote.speaker === null) return;
      for (const word of speakerWords(speakerKey(quote.speaker))) {
        rows.push([word, firstSeen, articleId, ord, feedId]);
      }
    });
  }
  return rows;
}

/**
 * Quotes per (speaker, feed) in these articles, one row per key and sorted, so a multi-row upsert touches
 * each count once and concurrent Postgres writers lock counts in the same order.
 */
export function speakerCountRows(articles: readonly SpeakerSource[]): SqlValue[][] {
  const counts = new Map<string, SqlValue[]>();
  for (const { feedId, extraction } of articles) {
    for (const quote of extraction.quotes) {
      if (quote.speaker === null) continue;
      const key = `${quote.speaker}\u0000${feedId}`;
      const row = counts.get(key);
      if (row) row[3] = (row[3] as number) + 1;
      else counts.set(key, [quote.speaker, feedId, speakerKey(quote.speaker), 1]);
    }
  }
  return [...counts.values()].sort((a, b) =>
    a[0] === b[0] ? (a[1] as number) - (b[1] as number) : (a[0] as string) < (b[0] as string) ? -1 : 1,
  );
}

/**
 * Takes the quotes of these articles off the speaker counts and drops their speaker words. Must run before
 * the quotes are deleted: SQLite runs it first, Postgres runs it on the snapshot from before the delete.
 */
export function speakerDeletes(articleIds: number[]): SqlStatement[] {
  const list = placeholders(articleIds.length);
  return [
    {
      sql: `UPDATE speaker_counts SET n = n - (
          SELECT count(*) FROM quotes x JOIN articles a ON a.id = x.article_id
          WHERE x.article_id IN ${list} AND x.speaker = speaker_counts.speaker
            AND a.feed_id = speaker_counts.feed_id)
        WHERE (speaker, feed_id) IN (
          SELECT x.speaker, a.feed_id FROM quotes x JOIN articles a ON a.id = x.article_id
          WHERE x.article_id IN ${list} AND x.speaker IS NOT NULL)`,
      params: [...articleIds, ...articleIds],
    },
    { sql: `DELETE FROM quote_speaker_words WHERE article_id IN ${list}`, params: articleIds },
  ];
}
