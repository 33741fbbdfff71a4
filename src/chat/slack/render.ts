import type { types as SlackTypes } from '@slack/bolt';
import type { Block, Reply, SourceLink } from '../../briefing/blocks.ts';
import { capEscaped, escapeAndCap, slackLink } from './escape.ts';

type KnownBlock = SlackTypes.KnownBlock;

/** Block Kit limits (characters, counts) for one message. */
export const SLACK_LIMITS = {
  blocks: 50,
  sectionText: 3000,
  header: 150,
  contextElements: 10,
  contextText: 2000,
  /** The plain `text` fallback; Slack truncates past 40,000 but notifications show far less. */
  fallbackText: 3000,
  /**
   * All block text in one message. Undocumented: chat.postMessage answers `msg_blocks_too_long` from about
   * 12,000–13,000 characters (slackapi/bolt-js#2509, #2867), so messages stay well below it.
   */
  messageText: 11_000,
} as const;

/** A Slack message: Block Kit blocks plus the plain `text` fallback for notifications and screen readers. */
export interface SlackMessage {
  blocks: KnownBlock[];
  text: string;
}

const CAP = { speaker: 200, claim: 1200, sentence: 1200, label: 100, text: 2800 };

function sourceLink(source: SourceLink): string {
  return slackLink(source.feedName ?? source.title, source.url, CAP.label);
}

function section(text: string): KnownBlock {
  // verbatim: Slack must not auto-link channel names or mentions that feed text happens to contain.
  return {
    type: 'section',
    text: { type: 'mrkdwn', text: capEscaped(text, SLACK_LIMITS.sectionText), verbatim: true },
  };
}

function quoteLine(sentence: string, shown: string): string {
  if (!sentence || sentence.trim() === shown.trim()) return '';
  return `\n> ${escapeAndCap(sentence.replace(/\s+/g, ' '), CAP.sentence)}`;
}

/** The blocks one neutral block becomes; never more than a handful, so splitting stays at block boundaries. */
function renderBlock(block: Block): KnownBlock[] {
  switch (block.type) {
    case 'heading':
      return [
        { type: 'header', text: { type: 'plain_text', text: escapeAndCap(block.text, SLACK_LIMITS.header) } },
      ];
    case 'story': {
      const [first] = block.sources;
      const title = first ? slackLink(block.title, first.url, 500) : escapeAndCap(block.title, 500);
      const lines = [`*${title}*`];
      const links = block.sources.map(sourceLink).join(' · ');
      if (links) lines.push(`Sources: ${links}`);
      if (!block.analysed) lines.push('_Not analysed (not in English): headline and link only._');
      if (block.note) lines.push(`_${escapeAndCap(block.note, CAP.text)}_`);
      return [section(lines.join('\n'))];
    }
    case 'claim':
      return [
        section(
          `• *${escapeAndCap(block.claimant, CAP.speaker)}*: ${escapeAndCap(block.claim, CAP.claim)} ` +
            `(${sourceLink(block.source)})${quoteLine(block.sentence, block.claim)}`,
        ),
      ];
    case 'figure': {
      const about = block.about ? ` ${escapeAndCap(block.about, CAP.speaker)}` : '';
      const equivalent = block.equivalent ? ` (${escapeAndCap(block.equivalent, CAP.label)})` : '';
      return [
        section(
          `• *${escapeAndCap(block.text, CAP.label)}*${equivalent}${about} (${sourceLink(block.source)})` +
            quoteLine(block.sentence, block.text),
        ),
      ];
    }
    case 'quote': {
      const speaker = block.speaker ? ` — *${escapeAndCap(block.speaker, CAP.speaker)}*` : '';
      return [section(`• “${escapeAndCap(block.text, CAP.claim)}”${speaker} (${sourceLink(block.source)})`)];
    }
    case 'dispute': {
      const sides = block.sides.map(
        (side) =>
          `• ${escapeAndCap(side.label, CAP.speaker)}: ${escapeAndCap(side.text, CAP.claim / 2)} (${sourceLink(side.source)})`,
      );
      return [
        section([`*Sources disagree: ${escapeAndCap(block.topic, CAP.speaker)}*`, ...sides].join('\n')),
      ];
    }
    case 'text':
      return [section(escapeAndCap(block.text, CAP.text))];
    case 'context':
      return [
        {
          type: 'context',
          elements: [
            { type: 'mrkdwn', text: escapeAndCap(block.text, SLACK_LIMITS.contextText), verbatim: true },
          ],
        },
      ];
    case 'divider':
      return [{ type: 'divider' }];
  }
}

/** The characters of text a block carries, as Slack counts them towards a message's total. */
export function blockTextLength(block: KnownBlock): number {
  if (block.type === 'section' || block.type === 'header') return block.text?.text.length ?? 0;
  if (block.type === 'context')
    return block.elements.reduce(
      (n, e) => n + ('text' in e && typeof e.text === 'string' ? e.text.length : 0),
      0,
    );
  return 0;
}

/** The plain fallback text: the reply's summary, escaped like everything else. */
export function fallbackText(reply: Reply): string {
  return escapeAndCap(reply.summary || 'briefwire', SLACK_LIMITS.fallbackText);
}

/** Renders a reply as Slack messages (Block Kit within every limit), split between blocks, never inside one. */
export function renderSlackReply(reply: Reply): SlackMessage[] {
  const text = fallbackText(reply);
  const messages: KnownBlock[][] = [];
  let current: KnownBlock[] = [];
  let chars = 0;
  for (const block of reply.blocks) {
    const rendered = renderBlock(block);
    const size = rendered.reduce((n, b) => n + blockTextLength(b), 0);
    if (current.length + rendered.length > SLACK_LIMITS.blocks || chars + size > SLACK_LIMITS.messageText) {
      messages.push(current);
      current = [];
      chars = 0;
    }
    current.push(...rendered);
    chars += size;
  }
  if (current.length > 0) messages.push(current);
  // A leading or trailing divider left alone in a message says nothing; drop messages made only of dividers.
  const useful = messages.filter((blocks) => blocks.some((b) => b.type !== 'divider'));
  if (useful.length === 0) return [{ blocks: [section(text)], text }];
  return useful.map((blocks, i) => ({
    blocks,
    text:
      useful.length === 1
        ? text
        : capEscaped(`${text} (${i + 1}/${useful.length})`, SLACK_LIMITS.fallbackText),
  }));
}
