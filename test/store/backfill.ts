import { expect } from 'vitest';
import { foldText, speakerKey } from '../../src/store/normalise.ts';
import type { Store } from '../../src/store/port.ts';
import type { SqlDriver } from '../../src/store/sql/driver.ts';

const SPEAKERS = ['President Volodymyr Zelenský', 'Kim Kim', 'Kim Kim', 'a senior official', null];

/**
 * Writes a feed, an article and its quotes as the code before the speaker indexes (migration 4) did, straight
 * into a database migrated only that far: today's store code would also write the new tables.
 */
export async function storeBeforeSpeakerIndexes(db: SqlDriver): Promise<void> {
  const now = new Date('2026-05-01T10:00:00Z');
  const [feed] = await db.all<{ id: number }>(
    'INSERT INTO feeds (url, name, is_global, created_at) VALUES (?, ?, ?, ?) RETURNING id',
    ['https://backfill.example/rss', 'Old', true, now],
  );
  const [article] = await db.all<{ id: number }>(
    `INSERT INTO articles (feed_id, item_key, url, title, published, text, language, analysed, content_hash,
       first_seen, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
    [feed?.id, 'before', null, 'Before the upgrade', null, 'Before the upgrade', 'en', true, 'x', now, now],
  );
  for (const [ord, speaker] of SPEAKERS.entries()) {
    const sentence = `"Quote ${ord}," said ${speaker ?? 'somebody'}.`;
    await db.run(
      `INSERT INTO quotes (article_id, ord, text, speaker, speaker_key, speaker_mention, sentence, start_offset,
         end_offset, fragment, search_text)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [
        article?.id,
        ord,
        `Quote ${ord}`,
        speaker,
        speaker === null ? null : speakerKey(speaker),
        speaker,
        sentence,
        1,
        8,
        false,
        foldText(`${sentence} ${speaker ?? ''} Before the upgrade`),
      ],
    );
  }
}

/** Checks that the upgraded store finds those quotes by name and offers their speakers. */
export async function expectSpeakerIndexesFilled(store: Store): Promise<void> {
  const zelensky = await store.searchQuotes({ speaker: 'zelensky' });
  expect(zelensky.map((q) => q.text)).toEqual(['Quote 0']);
  expect((await store.searchQuotes({ speaker: 'Kim' })).map((q) => q.text)).toEqual(['Quote 1', 'Quote 2']);
  expect(await store.searchQuotes({ speaker: 'senior official' })).toHaveLength(1);
  expect(await store.knownSpeakers({})).toEqual(['Kim Kim', 'President Volodymyr Zelenský']);
  expect(await store.knownSpeakers({ prefix: 'volod' })).toEqual(['President Volodymyr Zelenský']);
}
