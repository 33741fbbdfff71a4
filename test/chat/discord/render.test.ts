import { EmbedBuilder, embedLength } from 'discord.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Reply } from '../../../src/briefing/blocks.ts';
import { escapeDiscordText } from '../../../src/chat/discord/escape.ts';
import { DISCORD_LIMITS, renderDiscordReply } from '../../../src/chat/discord/render.ts';
import { arbitraryReply, hasLoneSurrogate, hostileText } from '../arbitrary-reply.ts';
import { longBriefing, SOURCE } from '../test-dispatcher.ts';

function allText(reply: ReturnType<typeof renderDiscordReply>): string {
  return reply
    .flatMap((m) => [m.content ?? '', ...m.embeds.flatMap((e) => [e.title ?? '', e.description ?? ''])])
    .join('\n');
}

describe('renderDiscordReply', () => {
  it('given any large hostile reply then every message stays within every Discord limit', () => {
    fc.assert(
      fc.property(arbitraryReply(), (reply) => {
        const messages = renderDiscordReply(reply);
        expect(messages.length).toBeGreaterThan(0);
        for (const message of messages) {
          expect(message.allowed_mentions).toEqual({ parse: [] });
          expect((message.content ?? '').length).toBeLessThanOrEqual(DISCORD_LIMITS.content);
          expect(message.embeds.length).toBeLessThanOrEqual(DISCORD_LIMITS.embeds);
          expect(message.content || message.embeds.length > 0).toBeTruthy();
          let total = 0;
          for (const embed of message.embeds) {
            // discord.js's own builders validate title, description and URL.
            new EmbedBuilder()
              .setTitle(embed.title ?? null)
              .setDescription(embed.description ?? null)
              .setURL(embed.url ?? null);
            expect(embed.title || embed.description).toBeTruthy();
            expect((embed.fields ?? []).length).toBeLessThanOrEqual(DISCORD_LIMITS.fields);
            total += embedLength(embed);
          }
          expect(total).toBeLessThanOrEqual(DISCORD_LIMITS.embedTotal);
        }
        const text = allText(messages);
        expect(text).not.toMatch(/@(everyone|here)|<[@#]/i);
        expect(hasLoneSurrogate(text)).toBe(false);
      }),
      { numRuns: 25 },
    );
  });

  it('given a 40-claim briefing then each claim appears exactly once, whole, across the messages', () => {
    const messages = renderDiscordReply(longBriefing(40));
    expect(messages.length).toBeGreaterThan(1);
    const text = allText(messages);
    for (let i = 0; i < 40; i += 1) {
      expect(text.match(new RegExp(`\\*\\*Official ${i}\\*\\*: claim number ${i} says`, 'g'))).toHaveLength(
        1,
      );
    }
  });

  it('given feed markdown and mention syntax then it is escaped and sources are links', () => {
    const reply: Reply = {
      visibility: 'public',
      summary: 's',
      blocks: [
        { type: 'quote', text: '**bold** @everyone <@&123>', speaker: 'A_B', sentence: 's', source: SOURCE },
      ],
    };
    const [message] = renderDiscordReply(reply);
    const description = message?.embeds[0]?.description ?? '';
    expect(description).toContain('\\*\\*bold\\*\\*');
    expect(description).toContain('A\\_B');
    expect(description).toContain('[Example News](https://news.example/a?id=1)');
    expect(description).not.toMatch(/@everyone|<@&/);
  });

  it('given a javascript: source URL then no link is made', () => {
    const reply: Reply = {
      visibility: 'public',
      summary: 's',
      blocks: [
        {
          type: 'claim',
          claimant: 'A',
          claim: 'c',
          sentence: 'c',
          source: { title: 't', url: 'javascript:alert(1)', feedName: 'Feed' },
        },
      ],
    };
    expect(renderDiscordReply(reply)[0]?.embeds[0]?.description).not.toContain('javascript:');
  });

  it('given a reply without blocks then its summary is sent as content', () => {
    const [message] = renderDiscordReply({ blocks: [], visibility: 'private', summary: 'No quotes.' });
    expect(message).toEqual({ content: 'No quotes.', embeds: [], allowed_mentions: { parse: [] } });
  });
});

describe('escapeDiscordText', () => {
  it('given any text then dropping the escapes and invisible breaks gives the text back', () => {
    fc.assert(
      fc.property(hostileText(60), (text) => {
        const unescaped = escapeDiscordText(text)
          .replace(/\\([^A-Za-z0-9\s])/g, '$1')
          .replace(/\u200b/g, '');
        expect(unescaped).toBe(text.replace(/\u200b/g, ''));
      }),
    );
  });

  it('given markdown at the start of lines then headings, quotes, lists and subtext are escaped', () => {
    expect(escapeDiscordText('# Title\n> quote\n- item\n-# small\n12. item')).toBe(
      '\\# Title\n\\> quote\n\\- item\n\\-# small\n12\\. item',
    );
  });
});
