import { parseTextArticle } from '../extract/article.ts';
import type { StoredArticle } from '../store/port.ts';
import { contentWords, fold } from './text.ts';

/** Articles reporting the same story, from different feeds. */
export interface Story {
  /** The article whose headline leads the story: the richest one. */
  lead: StoredArticle;
  articles: StoredArticle[];
}

/** What clustering compares: words of the title and lede, people and organisations, exact figures. */
interface Features {
  article: StoredArticle;
  words: Set<string>;
  entities: Set<string>;
  figures: Set<string>;
  /** Sum of the word weights within the batch, once computed. */
  weight?: number;
}

/** How alike two articles must be to count as one story; calibrated on test/briefing/story-pairs.ts. */
export const SAME_STORY_THRESHOLD = 0.3;
/** Shared people alone never make one story: the headline and lede must overlap at least this much. */
export const MIN_TEXT_SIMILARITY = 0.2;

/** The first paragraph after the title, where a news story says what happened. */
export function lede(article: Pick<StoredArticle, 'text'>): string {
  return parseTextArticle(article.text).paragraphs[0]?.text ?? '';
}

function entityKeys(names: string[]): Set<string> {
  const keys = new Set<string>();
  for (const name of names) {
    // The surname (last word) lets "Zelensky" match "Volodymyr Zelensky" across outlets.
    const words = fold(name)
      .split(/[^\p{L}\p{N}]+/u)
      .filter(Boolean);
    const last = words[words.length - 1];
    if (last && last.length > 2) keys.add(last);
  }
  return keys;
}

function figureKeys(article: StoredArticle): Set<string> {
  const keys = new Set<string>();
  for (const figure of article.extraction.figures) {
    if (figure.value === null || figure.equivalentOf !== undefined) continue;
    // Small counts ("two", "3") recur in unrelated stories; only distinctive amounts are evidence.
    if (Math.abs(figure.value) < 10 && figure.unit !== 'percent') continue;
    keys.add(`${figure.unit ?? ''}:${figure.value}`);
  }
  return keys;
}

function features(article: StoredArticle): Features {
  const { people, orgs } = article.extraction.entities;
  return {
    article,
    words: new Set(contentWords(`${article.title} ${lede(article)}`)),
    entities: entityKeys([...people, ...orgs]),
    figures: figureKeys(article),
  };
}

function idfTable(all: Features[]): (word: string) => number {
  const df = new Map<string, number>();
  for (const f of all) for (const w of f.words) df.set(w, (df.get(w) ?? 0) + 1);
  const n = all.length;
  const idf = new Map<string, number>();
  for (const [word, count] of df) idf.set(word, Math.log(1 + n / count));
  return (word) => idf.get(word) ?? Math.log(1 + n);
}

function weightSum(words: Set<string>, weight: (w: string) => number): number {
  let sum = 0;
  for (const w of words) sum += weight(w);
  return sum;
}

function weightedOverlap(a: Features, b: Features, weight: (w: string) => number): number {
  const sumA = a.weight ?? weightSum(a.words, weight);
  const sumB = b.weight ?? weightSum(b.words, weight);
  if (sumA === 0 || sumB === 0) return 0;
  const [small, large] = a.words.size <= b.words.size ? [a.words, b.words] : [b.words, a.words];
  let shared = 0;
  for (const w of small) if (large.has(w)) shared += weight(w);
  // Mean of Dice and the overlap coefficient: a terse headline is not punished for a long lede opposite.
  const dice = (2 * shared) / (sumA + sumB);
  const overlap = shared / Math.min(sumA, sumB);
  return (dice + overlap) / 2;
}

function setOverlap(a: Set<string>, b: Set<string>): number | null {
  if (a.size === 0 || b.size === 0) return null;
  let shared = 0;
  for (const x of a) if (b.has(x)) shared++;
  return shared / Math.min(a.size, b.size);
}

function similarity(a: Features, b: Features, idf: (w: string) => number): number {
  const text = weightedOverlap(a, b, idf);
  if (text < MIN_TEXT_SIMILARITY) return 0;
  // Signals missing on either side (an article without entities or figures) do not count against it.
  const parts: [number, number][] = [[text, 0.6]];
  const entities = setOverlap(a.entities, b.entities);
  if (entities !== null) parts.push([entities, 0.2]);
  const figures = setOverlap(a.figures, b.figures);
  if (figures !== null && figures > 0) parts.push([figures, 0.2]);
  const total = parts.reduce((sum, [, w]) => sum + w, 0);
  return parts.reduce((sum, [value, w]) => sum + value * w, 0) / total;
}

/** How alike two articles are as news stories (0–1), judged within a batch that sets word rarity. */
export function storySimilarity(a: StoredArticle, b: StoredArticle, batch: StoredArticle[] = [a, b]): number {
  const all = batch.map(features);
  const fa = all.find((f) => f.article === a) ?? features(a);
  const fb = all.find((f) => f.article === b) ?? features(b);
  return similarity(fa, fb, idfTable(all));
}

function richness(article: StoredArticle): number {
  const { claims, figures, quotes } = article.extraction;
  return claims.length + figures.length + quotes.length;
}

/**
 * Groups articles from different feeds that report the same story. Strongest pairs merge first, and a
 * story holds at most one article per feed, so one outlet's follow-ups stay separate stories.
 * Articles that were not analysed (another language) stay on their own.
 */
export function clusterStories(articles: StoredArticle[]): Story[] {
  const all = articles.map(features);
  const idf = idfTable(all);
  for (const f of all) f.weight = weightSum(f.words, idf);
  const parent = all.map((_, i) => i);
  const feedsOf = all.map((f) => new Set([f.article.feedId]));
  const root = (i: number): number => {
    let r = i;
    while (parent[r] !== r) r = parent[r] as number;
    return r;
  };
  const pairs: { i: number; j: number; score: number }[] = [];
  for (let i = 0; i < all.length; i++) {
    const a = all[i] as Features;
    if (!a.article.analysed) continue;
    for (let j = i + 1; j < all.length; j++) {
      const b = all[j] as Features;
      if (!b.article.analysed || a.article.feedId === b.article.feedId) continue;
      const score = similarity(a, b, idf);
      if (score >= SAME_STORY_THRESHOLD) pairs.push({ i, j, score });
    }
  }
  pairs.sort((x, y) => y.score - x.score);
  for (const { i, j } of pairs) {
    const ri = root(i);
    const rj = root(j);
    if (ri === rj) continue;
    const fi = feedsOf[ri] as Set<number>;
    const fj = feedsOf[rj] as Set<number>;
    if ([...fj].some((feed) => fi.has(feed))) continue;
    parent[rj] = ri;
    for (const feed of fj) fi.add(feed);
  }
  const groups = new Map<number, StoredArticle[]>();
  all.forEach((f, i) => {
    const r = root(i);
    groups.set(r, [...(groups.get(r) ?? []), f.article]);
  });
  return [...groups.values()].map((group) => {
    const lead = [...group].sort(
      (a, b) => richness(b) - richness(a) || a.firstSeen.getTime() - b.firstSeen.getTime(),
    )[0] as StoredArticle;
    return { lead, articles: [lead, ...group.filter((a) => a !== lead)] };
  });
}

/** Whether two headlines name the same story: most of the shorter one's content words recur in the other. */
export function sameHeadline(a: string, b: string): boolean {
  const wa = new Set(contentWords(a));
  const wb = new Set(contentWords(b));
  if (wa.size === 0 || wb.size === 0) return false;
  let shared = 0;
  for (const w of wa) if (wb.has(w)) shared++;
  return shared / Math.min(wa.size, wb.size) >= 0.5;
}
