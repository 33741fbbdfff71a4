import { describe, expect, it } from 'vitest';
import { clusterStories, SAME_STORY_THRESHOLD, storySimilarity } from '../../src/briefing/cluster.ts';
import { article } from './builders.ts';
import { DIFFERENT_STORY, SAME_STORY, samePair, wholeBatch } from './story-pairs.ts';

describe('clusterStories', () => {
  it.each(SAME_STORY.map((pair, i) => [pair[0].title, i] as const))(
    'given two outlets reporting "%s", then they form one story',
    (_, i) => {
      const stories = clusterStories(samePair(i));
      expect(stories).toHaveLength(1);
      expect(stories[0]?.articles).toHaveLength(2);
    },
  );

  it.each(DIFFERENT_STORY.map((n) => [n.why, n] as const))(
    'given a hard negative (%s), then it stays a separate story',
    (_, negative) => {
      const [a, b] = samePair(negative.notWith);
      const other = article({ ...negative.spec, id: 9, feedId: 3 });
      expect(storySimilarity(a, other)).toBeLessThan(SAME_STORY_THRESHOLD);
      expect(storySimilarity(b, other)).toBeLessThan(SAME_STORY_THRESHOLD);
      const stories = clusterStories([a, b, other]);
      expect(stories).toHaveLength(2);
      expect(stories.find((s) => s.articles.includes(other))?.articles).toHaveLength(1);
    },
  );

  it('given the whole fixture in one window, then exactly the written pairs are grouped', () => {
    const { articles, pairIds } = wholeBatch();
    const stories = clusterStories(articles);
    const groups = stories
      .filter((s) => s.articles.length > 1)
      .map((s) => s.articles.map((a) => a.id).sort((x, y) => x - y));
    expect(groups.sort((x, y) => (x[0] as number) - (y[0] as number))).toEqual(pairIds);
    expect(stories).toHaveLength(SAME_STORY.length + DIFFERENT_STORY.length);
  });

  it('given two same-story articles from one feed, then they stay separate stories', () => {
    const [a, b] = samePair(2);
    const stories = clusterStories([a, { ...b, feedId: a.feedId }]);
    expect(stories).toHaveLength(2);
  });

  it('given a story from three feeds, then the richest article leads it', () => {
    const [a, b] = samePair(1);
    const third = article({ ...(SAME_STORY[1]?.[1] ?? { title: '', lede: '' }), id: 3, feedId: 5 });
    const stories = clusterStories([b, third, a]);
    expect(stories).toHaveLength(1);
    expect(stories[0]?.lead.id).toBe(a.id);
    expect(stories[0]?.articles).toHaveLength(3);
  });

  it('given a non-English article with the same headline, then it is never merged', () => {
    const [a, b] = samePair(8);
    const foreign = { ...b, analysed: false, language: 'de' };
    expect(clusterStories([a, foreign])).toHaveLength(2);
  });
});
