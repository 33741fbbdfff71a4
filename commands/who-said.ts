import { quoteBlock } from '../src/briefing/article-items.ts';
import type { Block } from '../src/briefing/blocks.ts';
import { sourceLink } from '../src/briefing/source.ts';
import { sinceOption, text } from './support/options.ts';
import { describeFilter, queryFilter } from './support/query.ts';
import { count, emptyResult, publicReply } from './support/replies.ts';
import { queryFeedIds } from './support/tenancy.ts';
import type { CommandDefinition } from './types.ts';

/** How many speakers autocomplete offers (Discord's maximum). */
const AUTOCOMPLETE_LIMIT = 25;

/** `/who-said`: quotes by one person, newest first, with forgiving name matching. */
export const whoSaid = {
  name: 'who-said',
  description:
    'Quotes by one person, newest first. The name is forgiving: surname only, any case, with or without accents or titles.',
  options: [
    {
      name: 'name',
      description: 'Who: a surname is enough, e.g. Zelensky',
      type: 'string',
      required: true,
      autocomplete: true,
      rest: true,
    },
    { name: 'topic', description: 'Only quotes on this subject', type: 'string' },
    sinceOption,
  ],
  examples: ['/who-said Zelensky', '/who-said Stoltenberg topic:Russia since:7d'],
  async run(input, ctx) {
    const name = text(input.name) ?? '';
    const filter = await queryFilter(input, ctx);
    const hits = filter.feedIds.length > 0 ? await ctx.store.searchQuotes({ ...filter, speaker: name }) : [];
    if (hits.length === 0) {
      const known =
        filter.feedIds.length > 0 ? await ctx.store.knownSpeakers({ feedIds: filter.feedIds, limit: 5 }) : [];
      const suggestion =
        known.length > 0
          ? `one of the people quoted lately: ${known.join(', ')}`
          : '/quotes to see who is quoted';
      return emptyResult(`quotes by "${name}"${describeFilter(input)}`, suggestion);
    }
    const speaker = hits[0]?.speaker ?? name;
    const blocks: Block[] = [
      { type: 'heading', text: `Who said: ${speaker}${describeFilter(input)}` },
      ...hits.map((hit) => quoteBlock(hit, sourceLink(hit.article))),
      { type: 'context', text: `${count(hits.length, 'quote')}, newest first.` },
    ];
    return publicReply(`${count(hits.length, 'quote')} by ${speaker}`, blocks);
  },
  async autocomplete(option, partial, ctx) {
    if (option !== 'name') return [];
    const feedIds = await queryFeedIds(ctx);
    if (feedIds.length === 0) return [];
    const prefix = partial.trim();
    return ctx.store.knownSpeakers({ feedIds, limit: AUTOCOMPLETE_LIMIT, ...(prefix ? { prefix } : {}) });
  },
} satisfies CommandDefinition;
