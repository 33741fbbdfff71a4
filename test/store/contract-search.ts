import { describe, expect, it } from 'vitest';
import type { Store } from '../../src/store/port.ts';
import { buildArticle } from './builder.ts';
import { type StoreHarness, useFixture } from './harness.ts';

const HOUR = 3_600_000;

/** Two feeds of articles: a Ukraine story (feed A, older) and a budget story (feed B, newer). */
async function seed(store: Store, advance: (ms: number) => Date) {
  const a = await store.upsertFeed({ url: 'https://search.example/a', name: 'Feed A', global: true });
  const b = await store.upsertFeed({ url: 'https://search.example/b', name: 'Feed B', global: false });
  await store.upsertArticle(
    buildArticle({
      feedId: a.id,
      itemKey: 'ukraine',
      title: 'Russia masses troops on the border',
      sentences: [
        {
          sentence: '"We don\'t see any army retreat yet," said President Volodymyr Zelenský.',
          quote: { text: "We don't see any army retreat yet", speaker: 'Volodymyr Zelenský' },
        },
        {
          sentence: '"Diplomacy is still possible," Jens Stoltenberg told reporters.',
          quote: { text: 'Diplomacy is still possible', speaker: 'Jens Stoltenberg' },
        },
        {
          sentence: '"Grain must keep moving," Recep Tayyip Erdoğan said.',
          quote: { text: 'Grain must keep moving', speaker: 'Recep Tayyip Erdoğan' },
        },
        {
          sentence: 'More than 100,000 soldiers are stationed nearby, officials said.',
          figure: {
            text: 'More than 100,000 soldiers',
            value: 100000,
            unit: 'soldiers',
            qualifier: 'More than',
          },
          claim: { claimant: 'officials', claim: 'More than 100,000 soldiers are stationed nearby' },
        },
      ],
    }),
  );
  const since = advance(HOUR);
  await store.upsertArticle(
    buildArticle({
      feedId: b.id,
      itemKey: 'budget',
      title: 'Parliament passes the budget',
      sentences: [
        {
          sentence: '"This budget protects pensions," said Volodymyr Zelenský at the vote.',
          quote: { text: 'This budget protects pensions', speaker: 'Volodymyr Zelenský' },
        },
        {
          sentence: 'The finance ministry claimed that spending would rise by 4 per cent.',
          claim: { claimant: 'The finance ministry', claim: 'spending would rise by 4 per cent' },
          figure: { text: '4 per cent', value: 4, unit: 'percent', about: 'spending' },
        },
        {
          sentence: '"Cuts are coming," a senior official said.',
          quote: { text: 'Cuts are coming', speaker: 'a senior official' },
        },
        {
          sentence: 'The WHO counted 12 new cases in the capital.',
          figure: { text: '12 new cases', value: 12, unit: 'cases', about: 'new cases' },
        },
        {
          sentence: 'The word "austerity" appeared nowhere.',
          quote: { text: 'austerity', speaker: null, fragment: true },
        },
      ],
    }),
  );
  return { a, b, since };
}

/** Quote, claim and figure searches: tenancy filter, topic, since, speaker forgiveness, autocomplete. */
export function searchContract(harness: StoreHarness): void {
  const fixture = useFixture(harness);

  describe('searchQuotes', () => {
    it('given quotes in two feeds, when filtered by feed, then only that feed answers, newest first', async () => {
      const { store, clock } = await fixture();
      const { a, b } = await seed(store, clock.advance.bind(clock));
      const all = await store.searchQuotes({});
      expect(all.map((q) => q.text)).toEqual([
        'This budget protects pensions',
        'Cuts are coming',
        'austerity',
        "We don't see any army retreat yet",
        'Diplomacy is still possible',
        'Grain must keep moving',
      ]);
      expect(all[3]?.article).toMatchObject({
        title: 'Russia masses troops on the border',
        feedName: 'Feed A',
      });
      const onlyA = await store.searchQuotes({ feedIds: [a.id] });
      expect(onlyA.map((q) => q.article.feedName)).toEqual(['Feed A', 'Feed A', 'Feed A']);
      expect(await store.searchQuotes({ feedIds: [b.id], limit: 1 })).toHaveLength(1);
      expect(await store.searchQuotes({ feedIds: [] })).toEqual([]);
      const whole = await store.searchQuotes({ feedIds: [b.id], fragments: false });
      expect(whole.map((q) => q.text)).toEqual(['This budget protects pensions', 'Cuts are coming']);
    });

    it('given a topic, when it matches the sentence or only the title, then both quotes are found', async () => {
      const { store, clock } = await fixture();
      await seed(store, clock.advance.bind(clock));
      const army = await store.searchQuotes({ topic: 'army' });
      expect(army.map((q) => q.text)).toEqual(["We don't see any army retreat yet"]);
      const byTitle = await store.searchQuotes({ topic: 'Russia border' });
      expect(byTitle.map((q) => q.speaker)).toEqual([
        'Volodymyr Zelenský',
        'Jens Stoltenberg',
        'Recep Tayyip Erdoğan',
      ]);
      expect(await store.searchQuotes({ topic: 'PENSIONS' })).toHaveLength(1);
      expect(await store.searchQuotes({ topic: 'volcano' })).toEqual([]);
    });

    it('given a since instant, then only quotes of articles first seen from then on are found', async () => {
      const { store, clock } = await fixture();
      const { since } = await seed(store, clock.advance.bind(clock));
      const recent = await store.searchQuotes({ since });
      expect(recent.map((q) => q.article.title)).toEqual(Array(3).fill('Parliament passes the budget'));
    });

    it('given a speaker typed by surname, in any case, without accents or with a title, then the quotes are found', async () => {
      const { store, clock } = await fixture();
      await seed(store, clock.advance.bind(clock));
      for (const typed of [
        'Zelensky',
        'zelenský',
        'ZELENSKY',
        'President Zelensky',
        'Volodymyr Zelensky',
        'Mr. Zelenský',
      ]) {
        const hits = await store.searchQuotes({ speaker: typed });
        expect(
          hits.map((q) => q.speaker),
          typed,
        ).toEqual(['Volodymyr Zelenský', 'Volodymyr Zelenský']);
      }
      // Diacritics inside the word, not only at its end.
      for (const typed of ['erdogan', 'ERDOĞAN', 'President Erdogan', 'Tayyip']) {
        const hits = await store.searchQuotes({ speaker: typed });
        expect(
          hits.map((q) => q.speaker),
          typed,
        ).toEqual(['Recep Tayyip Erdoğan']);
      }
      expect(await store.searchQuotes({ speaker: 'Zelen' })).toEqual([]);
      expect(await store.searchQuotes({ speaker: 'Putin' })).toEqual([]);
      const combined = await store.searchQuotes({ speaker: 'zelensky', topic: 'army' });
      expect(combined.map((q) => q.text)).toEqual(["We don't see any army retreat yet"]);
    });
  });

  describe('searchClaims and searchFigures', () => {
    it('given claims, when the topic names the claimant or the sentence, then they are found within the feeds asked', async () => {
      const { store, clock } = await fixture();
      const { a, b } = await seed(store, clock.advance.bind(clock));
      const ministry = await store.searchClaims({ topic: 'ministry' });
      expect(ministry).toHaveLength(1);
      expect(ministry[0]).toMatchObject({
        claimant: 'The finance ministry',
        claim: 'spending would rise by 4 per cent',
      });
      expect(ministry[0]?.article.feedName).toBe('Feed B');
      expect(await store.searchClaims({ topic: 'ministry', feedIds: [a.id] })).toEqual([]);
      expect((await store.searchClaims({ feedIds: [a.id, b.id] })).map((c) => c.claimant)).toEqual([
        'The finance ministry',
        'officials',
      ]);
    });

    it('given figures, when searched by topic and since, then values and units come back as stored', async () => {
      const { store, clock } = await fixture();
      const { since } = await seed(store, clock.advance.bind(clock));
      const soldiers = await store.searchFigures({ topic: 'soldiers' });
      expect(soldiers).toHaveLength(1);
      expect(soldiers[0]).toMatchObject({ value: 100000, unit: 'soldiers', qualifier: 'More than' });
      const recent = await store.searchFigures({ since });
      expect(recent.map((f) => [f.text, f.value, f.unit, f.about])).toEqual([
        ['4 per cent', 4, 'percent', 'spending'],
        ['12 new cases', 12, 'cases', 'new cases'],
      ]);
      // A topic that is a common English word ("who") is still a topic: no stop list drops it.
      expect((await store.searchFigures({ topic: 'WHO' })).map((f) => f.text)).toEqual(['12 new cases']);
    });
  });

  describe('articles by topic', () => {
    it('given a window and a topic, then only articles whose title or text hold every word are returned', async () => {
      const { store, clock } = await fixture();
      const { a, b } = await seed(store, clock.advance.bind(clock));
      const start = new Date(0);
      const pensions = await store.articlesSeen({ since: start, topic: 'pensions' });
      expect(pensions.map((x) => x.title)).toEqual(['Parliament passes the budget']);
      expect(
        (await store.articlesSeen({ since: start, topic: 'Russia grain' })).map((x) => x.feedId),
      ).toEqual([a.id]);
      expect(await store.articlesSeen({ since: start, topic: 'grain pensions' })).toEqual([]);
      expect(await store.articlesSeen({ since: start, topic: 'pensions', feedIds: [a.id] })).toEqual([]);
      expect((await store.articlesSeen({ since: start, topic: '' })).map((x) => x.feedId)).toEqual([
        b.id,
        a.id,
      ]);
    });
  });

  describe('knownSpeakers', () => {
    it('given quotes by several people, then named speakers come most quoted first and a forgiving prefix narrows them', async () => {
      const { store, clock } = await fixture();
      const { a } = await seed(store, clock.advance.bind(clock));
      expect(await store.knownSpeakers({})).toEqual([
        'Volodymyr Zelenský',
        'Jens Stoltenberg',
        'Recep Tayyip Erdoğan',
      ]);
      expect(await store.knownSpeakers({ prefix: 'erdog' })).toEqual(['Recep Tayyip Erdoğan']);
      expect(await store.knownSpeakers({ prefix: 'zel' })).toEqual(['Volodymyr Zelenský']);
      expect(await store.knownSpeakers({ prefix: 'Stolt' })).toEqual(['Jens Stoltenberg']);
      expect(await store.knownSpeakers({ prefix: 'jens st' })).toEqual(['Jens Stoltenberg']);
      expect(await store.knownSpeakers({ feedIds: [a.id], limit: 1 })).toHaveLength(1);
      expect(await store.knownSpeakers({ prefix: 'x' })).toEqual([]);
      expect(await store.knownSpeakers({ prefix: 'senior' })).toEqual([]);
      expect(await store.searchQuotes({ speaker: 'senior official' })).toHaveLength(1);
    });
  });
}
