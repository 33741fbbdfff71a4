import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Reply } from '../../../src/briefing/blocks.ts';
import { escapeSlackText } from '../../../src/chat/slack/escape.ts';
import {
  blockTextLength,
  renderSlackReply,
  SLACK_LIMITS,
  type SlackMessage,
} from '../../../src/chat/slack/render.ts';
import { arbitraryReply, hasLoneSurrogate } from '../arbitrary-reply.ts';
import { longBriefing, SOURCE } from '../test-dispatcher.ts';

/** Every text a Slack client would render: section and header texts, context elements, the fallback. */
function texts(message: SlackMessage): string[] {
  const out = [message.text];
  for (const block of message.blocks) {
    if (block.type === 'section' && block.text) out.push(block.text.text);
    if (block.type === 'header') out.push(block.text.text);
    if (block.type === 'context') for (const e of block.elements) if ('text' in e) out.push(e.text);
  }
  return out;
}

/** Angle brackets may only open links the renderer made itself: `<http(s)://…|label>`. */
const ONLY_OUR_LINKS = /<(?!https?:\/\/[^|<>\s]+\|[^<>]*>)/;

describe('renderSlackReply', () => {
  it('given any large hostile reply then every message stays within every Block Kit limit and nothing can ping', () => {
    fc.assert(
      fc.property(arbitraryReply(120), (reply) => {
        const messages = renderSlackReply(reply);
        expect(messages.length).toBeGreaterThan(0);
        for (const message of messages) {
          expect(message.blocks.length).toBeGreaterThan(0);
          expect(message.blocks.length).toBeLessThanOrEqual(SLACK_LIMITS.blocks);
          const chars = message.blocks.reduce((n, b) => n + blockTextLength(b), 0);
          expect(chars).toBeLessThanOrEqual(SLACK_LIMITS.messageText);
          expect(message.text.length).toBeGreaterThan(0);
          expect(message.text.length).toBeLessThanOrEqual(SLACK_LIMITS.fallbackText);
          for (const block of message.blocks) {
            if (block.type === 'section')
              expect(block.text?.text.length).toBeLessThanOrEqual(SLACK_LIMITS.sectionText);
            if (block.type === 'header')
              expect(block.text.text.length).toBeLessThanOrEqual(SLACK_LIMITS.header);
            if (block.type === 'context') {
              expect(block.elements.length).toBeLessThanOrEqual(SLACK_LIMITS.contextElements);
              for (const e of block.elements)
                if ('text' in e) expect(e.text.length).toBeLessThanOrEqual(2000);
            }
          }
          for (const text of texts(message)) {
            expect(text).not.toMatch(ONLY_OUR_LINKS);
            expect(text).not.toMatch(/@(channel|here|everyone)/i);
            expect(hasLoneSurrogate(text)).toBe(false);
          }
        }
      }),
      { numRuns: 25 },
    );
  });

  it('given <!channel>, @everyone and &<> in feed text then they are neutralised', () => {
    const reply: Reply = {
      visibility: 'public',
      summary: '<!channel> summary',
      blocks: [
        { type: 'heading', text: 'A & B <!here>' },
        { type: 'claim', claimant: '<@U123>', claim: '@everyone must vote', sentence: 'x', source: SOURCE },
      ],
    };
    const [message] = renderSlackReply(reply);
    const json = JSON.stringify(message);
    expect(json).not.toMatch(/<!channel>|<!here>|<@U123>|@everyone/);
    expect(message?.text).toBe('&lt;!channel&gt; summary');
    expect(json).toContain('A &amp; B &lt;!here&gt;');
    expect(json).toContain('<https://news.example/a?id=1|Example News>');
  });

  it('given a 120-claim briefing then it splits between blocks into messages within limits, every claim once', () => {
    const messages = renderSlackReply(longBriefing(120));
    expect(messages.length).toBeGreaterThanOrEqual(3);
    const all = messages.flatMap(texts).join('\n');
    for (let i = 0; i < 120; i += 1)
      expect(all.match(new RegExp(`\\*Official ${i}\\*:`, 'g'))).toHaveLength(1);
    expect(messages.map((m) => m.text)).toEqual(
      messages.map((_, i) => `Morning briefing: 120 claims (${i + 1}/${messages.length})`),
    );
  });

  it('given short items then a message holds at most 50 blocks', () => {
    const reply: Reply = {
      visibility: 'public',
      summary: 'many',
      blocks: Array.from({ length: 120 }, (_, i) => ({ type: 'text' as const, text: `item ${i}` })),
    };
    expect(renderSlackReply(reply).map((m) => m.blocks.length)).toEqual([50, 50, 20]);
  });

  it('given a source label with a pipe then the link syntax is not broken', () => {
    const [message] = renderSlackReply({
      visibility: 'public',
      summary: 's',
      blocks: [
        {
          type: 'quote',
          text: 'q',
          speaker: null,
          sentence: 'q',
          source: { title: 't', url: 'https://a.example/x|y', feedName: 'A | B' },
        },
      ],
    });
    expect(JSON.stringify(message?.blocks)).toContain('<https://a.example/x%7Cy|A ¦ B>');
  });

  it('given plain text then escaping changes only &, <, > and broadcast words', () => {
    expect(escapeSlackText('Tom & Jerry <3 > @here @heres')).toBe(
      'Tom &amp; Jerry &lt;3 &gt; @\u2060here @\u2060heres',
    );
  });
});
