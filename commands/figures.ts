import { figureBlock } from '../src/briefing/article-items.ts';
import type { Block } from '../src/briefing/blocks.ts';
import { sameHeadline } from '../src/briefing/cluster.ts';
import { figureDisputes, type SourcedFigure } from '../src/briefing/disputes.ts';
import { sourceLink } from '../src/briefing/source.ts';
import type { FigureHit } from '../src/store/port.ts';
import { sinceOption, topicOption } from './support/options.ts';
import { broaden, describeFilter, queryFilter } from './support/query.ts';
import { count, emptyResult, publicReply } from './support/replies.ts';
import type { CommandDefinition } from './types.ts';

/** Hits grouped by story (headlines alike), so only figures of one story are compared. */
function byStory(hits: FigureHit[]): FigureHit[][] {
  const groups: FigureHit[][] = [];
  for (const hit of hits) {
    const group = groups.find((g) => g.some((h) => sameHeadline(h.article.title, hit.article.title)));
    if (group) group.push(hit);
    else groups.push([hit]);
  }
  return groups;
}

/** `/figures`: figures with unit, what they count and source; disagreements between sources flagged. */
export const figures = {
  name: 'figures',
  description:
    'The latest figures with their unit, what they count and the source. Sources that disagree by more than 5 % are flagged.',
  options: [topicOption, sinceOption],
  examples: ['/figures troops', '/figures "defense spending" since:7d'],
  async run(input, ctx) {
    const filter = await queryFilter(input, ctx);
    const hits = filter.feedIds.length > 0 ? await ctx.store.searchFigures(filter) : [];
    const primary = hits.filter((h) => h.equivalentOf === undefined);
    if (primary.length === 0)
      return emptyResult(`figures${describeFilter(input)}`, broaden(input, '/figures'));
    const disputes = byStory(primary).flatMap((group) =>
      figureDisputes(
        group.map(
          (hit): SourcedFigure => ({
            figure: hit,
            source: sourceLink(hit.article),
            sourceKey: hit.article.feedName ?? `article:${hit.article.articleId}`,
          }),
        ),
      ),
    );
    const blocks: Block[] = [
      { type: 'heading', text: `Figures${describeFilter(input)}` },
      ...disputes,
      ...primary.map((hit) => figureBlock(hit, sourceLink(hit.article))),
      {
        type: 'context',
        text: `${count(primary.length, 'figure')}, newest first${disputes.length > 0 ? `; ${count(disputes.length, 'disagreement')} between sources` : ''}.`,
      },
    ];
    return publicReply(`${count(primary.length, 'figure')}${describeFilter(input)}`, blocks);
  },
} satisfies CommandDefinition;
