import { claimBlock } from '../src/briefing/article-items.ts';
import type { Block } from '../src/briefing/blocks.ts';
import { sourceLink } from '../src/briefing/source.ts';
import { sinceOption, topicOption } from './support/options.ts';
import { broaden, describeFilter, queryFilter } from './support/query.ts';
import { count, emptyResult, publicReply } from './support/replies.ts';
import type { CommandDefinition } from './types.ts';

/** `/claims`: the latest attributed claims, optionally about a subject or by a person. */
export const claims = {
  name: 'claims',
  description:
    'The latest claims: who asserts what, in the source’s words, with the link. Filter by subject or person.',
  options: [
    { ...topicOption, description: 'A subject or a person (the claimant), e.g. Russia' },
    sinceOption,
  ],
  examples: ['/claims Russia', '/claims "European defense" since:2w'],
  async run(input, ctx) {
    const filter = await queryFilter(input, ctx);
    const hits = filter.feedIds.length > 0 ? await ctx.store.searchClaims(filter) : [];
    if (hits.length === 0) return emptyResult(`claims${describeFilter(input)}`, broaden(input, '/claims'));
    const blocks: Block[] = [
      { type: 'heading', text: `Claims${describeFilter(input)}` },
      ...hits.map((hit) => claimBlock(hit, sourceLink(hit.article))),
      { type: 'context', text: `${count(hits.length, 'claim')}, newest first.` },
    ];
    return publicReply(`${count(hits.length, 'claim')}${describeFilter(input)}`, blocks);
  },
} satisfies CommandDefinition;
