import { quoteBlock } from '../src/briefing/article-items.ts';
import type { Block } from '../src/briefing/blocks.ts';
import { sourceLink } from '../src/briefing/source.ts';
import { sinceOption, topicOption } from './support/options.ts';
import { broaden, describeFilter, queryFilter } from './support/query.ts';
import { count, emptyResult, publicReply } from './support/replies.ts';
import type { CommandDefinition } from './types.ts';

/** `/quotes`: the latest quotes with their speakers; scare-quoted fragments are left to /who-said. */
export const quotes = {
  name: 'quotes',
  description: 'The latest quotes, word for word, with who said them and the link.',
  options: [topicOption, sinceOption],
  examples: ['/quotes', '/quotes Nato since:7d'],
  async run(input, ctx) {
    const filter = await queryFilter(input, ctx);
    const hits =
      filter.feedIds.length > 0 ? await ctx.store.searchQuotes({ ...filter, fragments: false }) : [];
    if (hits.length === 0) return emptyResult(`quotes${describeFilter(input)}`, broaden(input, '/quotes'));
    const blocks: Block[] = [
      { type: 'heading', text: `Quotes${describeFilter(input)}` },
      ...hits.map((hit) => quoteBlock(hit, sourceLink(hit.article))),
      { type: 'context', text: `${count(hits.length, 'quote')}, newest first.` },
    ];
    return publicReply(`${count(hits.length, 'quote')}${describeFilter(input)}`, blocks);
  },
} satisfies CommandDefinition;
