import { briefChannel } from '../src/briefing/channel.ts';
import { sinceOption, text, topicOption } from './support/options.ts';
import { parseSince } from './support/since.ts';
import type { CommandDefinition } from './types.ts';

/** `/brief`: the digest of this channel's feeds for a window. */
export const brief = {
  name: 'brief',
  description:
    "The digest of this channel's feeds: stories grouped across sources, key claims, figures and quotes, disagreements flagged. Default window: since the last scheduled briefing, else 24 h.",
  options: [topicOption, sinceOption],
  examples: ['/brief', '/brief since:7d', '/brief "European defense" since:2w'],
  async run(input, ctx) {
    const sinceText = text(input.since);
    const topic = text(input.topic);
    const reply = await briefChannel(ctx.store, ctx.channel, {
      now: ctx.now,
      globalFeedIds: ctx.globalFeedIds,
      ...(sinceText ? { since: parseSince(sinceText, ctx.now) } : {}),
      ...(topic ? { topic } : {}),
    });
    // An empty digest is not news for the channel: only the caller sees it.
    const empty = !reply.blocks.some((b) => b.type === 'story');
    return empty ? { ...reply, visibility: 'private' } : reply;
  },
} satisfies CommandDefinition;
