import { describe, expect, it } from 'vitest';
import type { Store } from '../../src/store/port.ts';
import { buildArticle } from './builder.ts';
import { type StoreHarness, useFixture } from './harness.ts';

const HOUR = 3_600_000;

/** An article of one quote per speaker, in order. */
function quotes(feedId: number, itemKey: string, speakers: (string | null)[], fragment = false) {
  return buildArticle({
    feedId,
    itemKey,
    title: `Story ${itemKey}`,
    sentences: speakers.map((speaker, i) => ({
      sentence: `"Words ${itemKey} ${i}," said ${speaker ?? 'someone'}.`,
      quote: { text: `Words ${itemKey} ${i}`, speaker, fragment },
    })),
  });
}

async function feeds(store: Store) {
  const a = await store.upsertFeed({ url: 'https://speakers.example/a', name: 'A', global: true });
  const b = await store.upsertFeed({ url: 'https://speakers.example/b', name: 'B', global: true });
  return { a: a.id, b: b.id };
}

/** The speaker indexes behind /who-said and its autocomplete: name matching, order, edits and pruning. */
export function speakerContract(harness: StoreHarness): void {
  const fixture = useFixture(harness);

  describe('quotes by speaker', () => {
    it('given several people sharing a first name or surname, when a name is asked, then every word must match, newest first', async () => {
      const { store, clock } = await fixture();
      const { a, b } = await feeds(store);
      await store.upsertArticle(quotes(a, 'old', ['Jens Stoltenberg', 'Anna Stoltenberg', 'Jens Berg']));
      const since = clock.advance(HOUR);
      // One batch: both articles share a first-seen instant, so the later id comes first, then quote order.
      await store.upsertArticles([
        quotes(b, 'new-1', ['Jens Berg', 'Jens Stoltenberg']),
        quotes(a, 'new-2', ['Jens Stoltenberg', 'Ana de la Cruz', 'Jens Stoltenberg']),
      ]);
      const texts = async (filter: Parameters<Store['searchQuotes']>[0]) =>
        (await store.searchQuotes(filter)).map((q) => q.text);
      expect(await texts({ speaker: 'Jens Stoltenberg' })).toEqual([
        'Words new-2 0',
        'Words new-2 2',
        'Words new-1 1',
        'Words old 0',
      ]);
      expect(await texts({ speaker: 'stoltenberg jens' })).toHaveLength(4);
      expect(await texts({ speaker: 'Stoltenberg' })).toEqual([
        'Words new-2 0',
        'Words new-2 2',
        'Words new-1 1',
        'Words old 0',
        'Words old 1',
      ]);
      expect(await texts({ speaker: 'jens', feedIds: [b] })).toEqual(['Words new-1 0', 'Words new-1 1']);
      expect(await texts({ speaker: 'Jens Stoltenberg', since })).toHaveLength(3);
      expect(await texts({ speaker: 'Jens Stoltenberg', limit: 2 })).toEqual([
        'Words new-2 0',
        'Words new-2 2',
      ]);
      expect(await texts({ speaker: 'de la Cruz' })).toEqual(['Words new-2 1']);
      expect(await texts({ speaker: 'Jens Stoltenberg Berg' })).toEqual([]);
      expect(await texts({ speaker: 'Jens Stoltenberg', feedIds: [] })).toEqual([]);
    });

    it('given fragments by a speaker, when fragments are left out, then only whole quotes are found', async () => {
      const { store } = await fixture();
      const { a } = await feeds(store);
      await store.upsertArticle(quotes(a, 'whole', ['Ada Lovelace']));
      await store.upsertArticle(quotes(a, 'scare', ['Ada Lovelace'], true));
      expect(await store.searchQuotes({ speaker: 'lovelace' })).toHaveLength(2);
      const whole = await store.searchQuotes({ speaker: 'lovelace', fragments: false });
      expect(whole.map((q) => q.text)).toEqual(['Words whole 0']);
    });

    it('given an article edited to quote someone else, then the old name finds nothing and autocomplete follows', async () => {
      const { store } = await fixture();
      const { a, b } = await feeds(store);
      await store.upsertArticle(quotes(a, 'story', ['Ada Lovelace', 'Ada Lovelace', 'Alan Turing']));
      await store.upsertArticle(quotes(b, 'other', ['Alan Turing']));
      expect(await store.knownSpeakers({})).toEqual(['Ada Lovelace', 'Alan Turing']);
      const edited = await store.upsertArticle(quotes(a, 'story', ['Grace Hopper', 'Alan Turing']));
      expect(edited.status).toBe('updated');
      expect(await store.searchQuotes({ speaker: 'Lovelace' })).toEqual([]);
      expect((await store.searchQuotes({ speaker: 'Hopper' })).map((q) => q.text)).toEqual(['Words story 0']);
      expect(await store.knownSpeakers({})).toEqual(['Alan Turing', 'Grace Hopper']);
      expect(await store.knownSpeakers({ feedIds: [b] })).toEqual(['Alan Turing']);
      expect(await store.knownSpeakers({ prefix: 'ada' })).toEqual([]);
    });

    it('given pruned articles, then their quotes are found by no name and their speakers are not offered', async () => {
      const { store, clock } = await fixture();
      const { a } = await feeds(store);
      await store.upsertArticle(quotes(a, 'old', ['Ada Lovelace', 'Alan Turing']));
      const cutoff = clock.advance(HOUR);
      await store.upsertArticle(quotes(a, 'new', ['Alan Turing']));
      expect(await store.knownSpeakers({})).toEqual(['Alan Turing', 'Ada Lovelace']);
      expect(await store.pruneArticles(cutoff)).toBe(1);
      expect(await store.searchQuotes({ speaker: 'Lovelace' })).toEqual([]);
      expect((await store.searchQuotes({ speaker: 'Turing' })).map((q) => q.text)).toEqual(['Words new 0']);
      expect(await store.knownSpeakers({})).toEqual(['Alan Turing']);
    });
  });

  describe('knownSpeakers counts', () => {
    it('given quotes in two feeds, then each feed set ranks its speakers by its own quotes', async () => {
      const { store } = await fixture();
      const { a, b } = await feeds(store);
      await store.upsertArticles([
        quotes(a, 'a1', ['Ada Lovelace', 'Ada Lovelace', 'Alan Turing']),
        quotes(b, 'b1', ['Alan Turing', 'Alan Turing', 'Grace Hopper', 'a spokesman']),
        quotes(b, 'b2', ['Grace Hopper', null]),
      ]);
      expect(await store.knownSpeakers({})).toEqual(['Alan Turing', 'Ada Lovelace', 'Grace Hopper']);
      expect(await store.knownSpeakers({ feedIds: [a] })).toEqual(['Ada Lovelace', 'Alan Turing']);
      expect(await store.knownSpeakers({ feedIds: [b] })).toEqual(['Alan Turing', 'Grace Hopper']);
      expect(await store.knownSpeakers({ feedIds: [b], prefix: 'hop' })).toEqual(['Grace Hopper']);
      expect(await store.knownSpeakers({ feedIds: [a, b], limit: 1 })).toEqual(['Alan Turing']);
      // Re-ingesting the same items changes nothing, so nobody is counted twice.
      await store.upsertArticle(quotes(a, 'a1', ['Ada Lovelace', 'Ada Lovelace', 'Alan Turing']));
      expect(await store.knownSpeakers({ feedIds: [a] })).toEqual(['Ada Lovelace', 'Alan Turing']);
      expect(await store.knownSpeakers({ feedIds: [a], limit: 1 })).toEqual(['Ada Lovelace']);
    });
  });
}
