import type { Story } from './cluster.ts';

/** How a story's rank is made up, so tests and readers can see why it came first. */
export interface StoryScore {
  sources: number;
  /** 1 for a story seen just now, falling to 0 at the start of the window. */
  recency: number;
  /** Claims, figures and quotes across the story's articles. */
  content: number;
  total: number;
}

/** Scores a story by size (distinct feeds), recency within the window and how much it contains. */
export function scoreStory(story: Story, window: { since: Date; now: Date }): StoryScore {
  const sources = new Set(story.articles.map((a) => a.feedId)).size;
  const newest = Math.max(...story.articles.map((a) => a.firstSeen.getTime()));
  const span = Math.max(1, window.now.getTime() - window.since.getTime());
  const recency = Math.min(1, Math.max(0, 1 - (window.now.getTime() - newest) / span));
  const content = story.articles.reduce((n, a) => {
    const { claims, figures, quotes } = a.extraction;
    return n + claims.length + figures.length + quotes.length;
  }, 0);
  // Size dominates: a story three outlets carry outranks a richer single-source one; content breaks ties.
  const total = 2 * Math.log2(1 + sources) + 1.5 * recency + 0.5 * Math.log2(1 + content);
  return { sources, recency, content, total };
}

/** Stories best first: by score, then newest. */
export function rankStories(stories: Story[], window: { since: Date; now: Date }): Story[] {
  const scored = stories.map((story) => ({
    story,
    score: scoreStory(story, window).total,
    newest: Math.max(...story.articles.map((a) => a.firstSeen.getTime())),
  }));
  scored.sort((a, b) => b.score - a.score || b.newest - a.newest);
  return scored.map((s) => s.story);
}
