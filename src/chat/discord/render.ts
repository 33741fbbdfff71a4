import type { APIEmbed } from 'discord.js';
import type { Block, Reply, SourceLink } from '../../briefing/blocks.ts';
import { truncate } from '../truncate.ts';
import { capEscaped, escapeAndCap, markdownLink, safeUrl } from './escape.ts';

/** Discord's message and embed limits (characters, counts), as documented for the v10 API. */
export const DISCORD_LIMITS = {
  title: 256,
  description: 4096,
  fields: 25,
  fieldValue: 1024,
  footer: 2048,
  embedTotal: 6000,
  embeds: 10,
  content: 2000,
} as const;

/** A message body as the Discord REST API takes it; every message carries `allowed_mentions: { parse: [] }`. */
export interface DiscordMessage {
  content?: string;
  embeds: APIEmbed[];
  allowed_mentions: { parse: [] };
}

/** Ephemeral (only the person who asked sees it), for private replies. */
export const EPHEMERAL_FLAG = 1 << 6;

const ACCENT = 0x3b82f6;
/** Per-field caps keep one block well inside an embed description, escaping included. */
const CAP = { speaker: 200, claim: 1200, sentence: 1200, title: 200, label: 100, text: 1800 };

interface Unit {
  /** Starts a new embed, with this title (and link) when given. */
  start?: { title?: string; url?: string };
  body: string;
}

function sourceLink(source: SourceLink): string {
  return markdownLink(source.feedName ?? source.title, source.url, CAP.label);
}

function quoteLine(sentence: string, shown: string): string {
  if (!sentence || sentence.trim() === shown.trim()) return '';
  return `\n> ${escapeAndCap(sentence.replace(/\s+/g, ' '), CAP.sentence)}`;
}

function blockUnit(block: Block): Unit {
  switch (block.type) {
    case 'heading':
      return { start: { title: escapeAndCap(block.text, DISCORD_LIMITS.title) }, body: '' };
    case 'story': {
      const links = block.sources.map(sourceLink).join(' · ');
      const lines = [links ? `Sources: ${links}` : ''];
      if (!block.analysed) lines.push('-# Not analysed (not in English): headline and link only.');
      if (block.note) lines.push(`-# ${escapeAndCap(block.note, CAP.text)}`);
      const url = safeUrl(block.sources[0]?.url);
      return {
        start: { title: escapeAndCap(block.title, DISCORD_LIMITS.title), ...(url ? { url } : {}) },
        body: lines.filter(Boolean).join('\n'),
      };
    }
    case 'claim':
      return {
        body:
          `• **${escapeAndCap(block.claimant, CAP.speaker)}**: ${escapeAndCap(block.claim, CAP.claim)} ` +
          `(${sourceLink(block.source)})${quoteLine(block.sentence, block.claim)}`,
      };
    case 'figure': {
      const about = block.about ? ` ${escapeAndCap(block.about, CAP.speaker)}` : '';
      const equivalent = block.equivalent ? ` (${escapeAndCap(block.equivalent, CAP.label)})` : '';
      return {
        body:
          `• **${escapeAndCap(block.text, CAP.label)}**${equivalent}${about} (${sourceLink(block.source)})` +
          quoteLine(block.sentence, block.text),
      };
    }
    case 'quote': {
      const speaker = block.speaker ? ` — **${escapeAndCap(block.speaker, CAP.speaker)}**` : '';
      return { body: `• “${escapeAndCap(block.text, CAP.claim)}”${speaker} (${sourceLink(block.source)})` };
    }
    case 'dispute': {
      const sides = block.sides.map(
        (side) =>
          `• ${escapeAndCap(side.label, CAP.speaker)}: ${escapeAndCap(side.text, CAP.claim / 2)} (${sourceLink(side.source)})`,
      );
      return { body: [`**Sources disagree: ${escapeAndCap(block.topic, CAP.title)}**`, ...sides].join('\n') };
    }
    case 'text':
      return { body: escapeAndCap(block.text, CAP.text) };
    case 'context':
      return { body: `-# ${escapeAndCap(block.text.replace(/\n+/g, ' '), CAP.text)}` };
    case 'divider':
      return { start: {}, body: '' };
  }
}

/** The embed text Discord counts towards the 6000-character total. */
function embedCost(embed: APIEmbed): number {
  return (embed.title?.length ?? 0) + (embed.description?.length ?? 0) + (embed.footer?.text.length ?? 0);
}

/** Packs blocks into embeds and messages: a message breaks only between blocks, never inside one. */
class MessagePacker {
  readonly messages: APIEmbed[][] = [];
  private embeds: APIEmbed[] = [];
  private total = 0;

  add(unit: Unit): void {
    const body = capEscaped(unit.body, DISCORD_LIMITS.description);
    const current = this.embeds.at(-1);
    const fitsCurrent =
      current !== undefined &&
      !unit.start &&
      (current.description?.length ?? 0) + 2 + body.length <= DISCORD_LIMITS.description &&
      this.total + 2 + body.length <= DISCORD_LIMITS.embedTotal;
    if (fitsCurrent) {
      if (body) {
        current.description = current.description ? `${current.description}\n\n${body}` : body;
        this.total += body.length + 2;
      }
      return;
    }
    const embed: APIEmbed = { color: ACCENT };
    if (unit.start?.title) embed.title = unit.start.title;
    if (unit.start?.url) embed.url = unit.start.url;
    if (body) embed.description = body;
    if (
      this.embeds.length >= DISCORD_LIMITS.embeds ||
      this.total + embedCost(embed) > DISCORD_LIMITS.embedTotal
    )
      this.flush();
    this.embeds.push(embed);
    this.total += embedCost(embed);
  }

  flush(): void {
    // An embed left with neither title nor text (a trailing divider) would be rejected by Discord.
    const embeds = this.embeds.filter((e) => e.title || e.description);
    if (embeds.length > 0) this.messages.push(embeds);
    this.embeds = [];
    this.total = 0;
  }
}

/** Renders a reply as Discord messages (embeds within every limit), split at block boundaries. */
export function renderDiscordReply(reply: Reply): DiscordMessage[] {
  const packer = new MessagePacker();
  for (const block of reply.blocks) packer.add(blockUnit(block));
  packer.flush();
  if (packer.messages.length === 0) {
    const content = escapeAndCap(reply.summary || 'Nothing to show.', DISCORD_LIMITS.content);
    return [{ content, embeds: [], allowed_mentions: { parse: [] } }];
  }
  return packer.messages.map((embeds) => ({ embeds, allowed_mentions: { parse: [] } }));
}

/** Plain text for notifications and errors, capped to the content limit. */
export function discordText(text: string): DiscordMessage {
  return {
    content: escapeAndCap(truncate(text, DISCORD_LIMITS.content), DISCORD_LIMITS.content),
    embeds: [],
    allowed_mentions: { parse: [] },
  };
}
