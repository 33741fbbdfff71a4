import type { StoredArticle } from '../store/port.ts';
import {
  claimBlock,
  DEFAULT_LIMITS,
  figureBlock,
  ITEM_MAX,
  type ItemLimits,
  quoteBlock,
  topClaims,
  topFigures,
  topQuotes,
} from './article-items.ts';
import type { Block, Reply, SourceLink } from './blocks.ts';
import { type BriefingBudget, fitBlocks } from './budget.ts';
import { clusterStories, type Story } from './cluster.ts';
import { claimDisputes, figureDisputes, type SourcedClaim, type SourcedFigure } from './disputes.ts';
import { rankStories } from './rank.ts';
import { sourceLink } from './source.ts';
import { fold, trimAtWord } from './text.ts';
import { describeWindow } from './window.ts';

/** Options for a digest: the window, an optional topic, and the renderer's budget. */
export interface ComposeOptions {
  since: Date;
  now: Date;
  /** Only articles whose headline or text mention every word of it. */
  topic?: string;
  budget?: BriefingBudget;
  /** A heading to use instead of "Briefing — the last 24 h". */
  title?: string;
  limits?: ItemLimits;
}

function storyBlock(story: Story): Block {
  const { lead } = story;
  const seen = new Set<number>();
  const sources: SourceLink[] = [];
  for (const article of story.articles) {
    if (seen.has(article.feedId)) continue;
    seen.add(article.feedId);
    sources.push(sourceLink(article));
  }
  return {
    type: 'story',
    title: lead.title,
    sources,
    analysed: lead.analysed,
    ...(lead.analysed ? {} : { note: `not analysed (language: ${lead.language})` }),
  };
}

function storySection(story: Story, limits: ItemLimits): Block[] {
  const header = storyBlock(story);
  if (!story.lead.analysed) return [header];
  const figures: SourcedFigure[] = [];
  const claims: SourcedClaim[] = [];
  for (const article of story.articles) {
    const source = sourceLink(article);
    const sourceKey = `feed:${article.feedId}`;
    for (const figure of article.extraction.figures) figures.push({ figure, source, sourceKey });
    for (const claim of article.extraction.claims) claims.push({ claim, source, sourceKey });
  }
  const disputes = [...figureDisputes(figures), ...claimDisputes(claims)];
  // What a dispute already shows is not repeated as an item below it.
  const shown = disputes.flatMap((d) => (d.type === 'dispute' ? d.sides : []));
  const items: Block[] = [];
  const left = { ...limits };
  // The lead article's items first, then the other sources fill what is left of each limit.
  for (const article of story.articles) {
    const source = sourceLink(article);
    const inDispute = (text: string) =>
      shown.some(
        (side) =>
          side.source.url === source.url && side.source.title === source.title && side.text.includes(text),
      );
    for (const claim of topClaims(article, left.claims, (c) => inDispute(trimAtWord(c.claim, ITEM_MAX)))) {
      items.push(claimBlock(claim, source));
    }
    for (const { figure, equivalent } of topFigures(article, left.figures, (f) => inDispute(f.text))) {
      items.push(figureBlock(figure, source, equivalent));
    }
    for (const quote of topQuotes(article, left.quotes)) items.push(quoteBlock(quote, source));
    left.claims = Math.max(0, limits.claims - items.filter((b) => b.type === 'claim').length);
    left.figures = Math.max(0, limits.figures - items.filter((b) => b.type === 'figure').length);
    left.quotes = Math.max(0, limits.quotes - items.filter((b) => b.type === 'quote').length);
  }
  return [header, ...disputes, ...items];
}

function matchesTopic(article: StoredArticle, topic: string): boolean {
  const haystack = fold(`${article.title}\n${article.text}`);
  return fold(topic)
    .split(/\s+/)
    .filter(Boolean)
    .every((word) => haystack.includes(word));
}

function omittedNote(omitted: number): Block {
  return {
    type: 'context',
    text: `${omitted} more ${omitted === 1 ? 'story' : 'stories'} not shown: narrow it with topic: or since:`,
  };
}

/**
 * A digest of the articles first seen in a window: stories clustered across feeds, ranked, disputes
 * flagged, trimmed to the budget at block boundaries.
 */
export function composeBriefing(articles: StoredArticle[], options: ComposeOptions): Reply {
  const { since, now, topic } = options;
  const inWindow = articles.filter((a) => a.firstSeen >= since && a.firstSeen <= now);
  const selected = topic ? inWindow.filter((a) => matchesTopic(a, topic)) : inWindow;
  const when = describeWindow(since, now);
  const heading = options.title ?? `Briefing: ${when}${topic ? `, on "${topic}"` : ''}`;
  if (selected.length === 0) {
    return {
      visibility: 'public',
      summary: `${heading}: nothing new`,
      blocks: [
        { type: 'heading', text: heading },
        {
          type: 'text',
          text: `Nothing new in ${when}${topic ? ` about "${topic}"` : ''}. Try a longer window (since:7d)${
            topic ? ' or another topic' : ''
          }.`,
        },
      ],
    };
  }
  const stories = rankStories(clusterStories(selected), { since, now });
  const feeds = new Set(selected.map((a) => a.feedId)).size;
  const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
  const overview = `${count(stories.length, 'story', 'stories')} from ${count(selected.length, 'article', 'articles')} in ${count(feeds, 'feed', 'feeds')}`;
  const header: Block[] = [
    { type: 'heading', text: heading },
    { type: 'context', text: overview },
  ];
  const limits = options.limits ?? DEFAULT_LIMITS;
  const sections = stories.map((story, i) => {
    const section = storySection(story, limits);
    return i < stories.length - 1 ? [...section, { type: 'divider' as const }] : section;
  });
  const { blocks } = fitBlocks(header, sections, options.budget, omittedNote);
  return { visibility: 'public', summary: `${heading}: ${overview}`, blocks };
}

/** One article as its own briefing (the `each` subscription mode). */
export function composeArticleBriefing(
  article: StoredArticle,
  options: { budget?: BriefingBudget; limits?: ItemLimits } = {},
): Reply {
  const story: Story = { lead: article, articles: [article] };
  const section = storySection(story, options.limits ?? DEFAULT_LIMITS);
  const [header, ...rest] = section;
  const { blocks } = fitBlocks(header ? [header] : [], [rest], options.budget, () => ({
    type: 'context',
    text: 'More in the article.',
  }));
  return { visibility: 'public', summary: article.title, blocks };
}
