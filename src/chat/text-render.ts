import type { Block, Reply, SourceLink } from '../briefing/blocks.ts';
import { sourceName } from '../briefing/source.ts';
import { windowAround } from '../briefing/text.ts';

/** Longest figure sentence the text rendering shows, cut around the figure. */
const FIGURE_SENTENCE_MAX = 200;

/** How text is emphasised; the terminal passes colours, everything else the identity. */
export interface TextStyle {
  heading(text: string): string;
  title(text: string): string;
  dim(text: string): string;
  warn(text: string): string;
  error(text: string): string;
}

const same = (text: string) => text;
/** No emphasis: plain text for pipes, logs and tests. */
export const PLAIN_STYLE: TextStyle = { heading: same, title: same, dim: same, warn: same, error: same };

/** Options for {@link renderReplyText}. */
export interface TextRenderOptions {
  style?: TextStyle;
  /** Show each claim's and quote's whole sentence under it (figures always show theirs). */
  showSentences?: boolean;
  /**
   * The sources of the story being rendered: an item from a story's only source does not repeat its link.
   * {@link renderReplyText} tracks it; callers of {@link renderBlockText} may pass it.
   */
  storySources?: SourceLink[];
}

/**
 * Feed text must not drive the terminal: escape sequences and other control characters are dropped, so an
 * article cannot recolour, move the cursor or retitle the window.
 */
export function stripControls(text: string): string {
  return text
    .replace(/\u001b\[[0-?]*[ -/]*[@-~]/g, '')
    .replace(/\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)?/g, '')
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, '');
}

function link(source: SourceLink): string {
  const name = stripControls(sourceName(source));
  return source.url ? `${name} · ${stripControls(source.url)}` : name;
}

function sourceLine(source: SourceLink, options: TextRenderOptions, s: TextStyle): string[] {
  const only = options.storySources?.length === 1 ? options.storySources[0] : undefined;
  if (only && only.url === source.url && only.title === source.title) return [];
  return [s.dim(`    ${link(source)}`)];
}

function indent(text: string, prefix: string): string {
  return text
    .split('\n')
    .map((line) => `${prefix}${line}`)
    .join('\n');
}

/** One block as plain lines. */
export function renderBlockText(block: Block, options: TextRenderOptions = {}): string {
  const s = options.style ?? PLAIN_STYLE;
  const c = stripControls;
  switch (block.type) {
    case 'heading':
      return s.heading(`== ${c(block.text)} ==`);
    case 'story': {
      const lines = [s.title(`▸ ${c(block.title)}`)];
      if (!block.analysed) lines.push(s.warn(`  [${c(block.note ?? 'not analysed')}]`));
      if (block.sources.length === 1 && block.sources[0]) lines.push(s.dim(`  ${link(block.sources[0])}`));
      else {
        lines.push(s.dim(`  ${block.sources.length} sources:`));
        for (const source of block.sources) lines.push(s.dim(`    ${link(source)}`));
      }
      return lines.join('\n');
    }
    case 'claim': {
      const lines = [`  • ${c(block.claimant)}: ${c(block.claim)}`];
      if (options.showSentences && block.sentence !== block.claim)
        lines.push(s.dim(`    “${c(block.sentence)}”`));
      lines.push(...sourceLine(block.source, options, s));
      return lines.join('\n');
    }
    case 'figure': {
      const redundant = !block.about || block.text.toLowerCase().includes(block.about.toLowerCase());
      const about = redundant ? '' : ` — ${c(block.about as string)}`;
      const at = block.sentence.indexOf(block.text);
      const sentence =
        at >= 0
          ? windowAround(block.sentence, at, at + block.text.length, FIGURE_SENTENCE_MAX)
          : block.sentence;
      const equivalent = block.equivalent ? ` (${c(block.equivalent)})` : '';
      const unit =
        block.unit && !block.text.toLowerCase().includes(block.unit.toLowerCase())
          ? ` [${c(block.unit)}]`
          : '';
      return [
        `  # ${c(block.text)}${equivalent}${unit}${about}`,
        s.dim(`    “${c(sentence)}”`),
        ...sourceLine(block.source, options, s),
      ].join('\n');
    }
    case 'quote': {
      const lines = [`  “${c(block.text)}” — ${block.speaker ? c(block.speaker) : 'unattributed'}`];
      if (options.showSentences) lines.push(s.dim(`    ${c(block.sentence)}`));
      lines.push(...sourceLine(block.source, options, s));
      return lines.join('\n');
    }
    case 'dispute': {
      const lines = [s.warn(`  ⚠ Sources disagree: ${c(block.topic)}`)];
      for (const side of block.sides) {
        lines.push(`    ${c(side.label)}: ${c(side.text)}`);
        if (side.source.url) lines.push(s.dim(`      ${c(side.source.url)}`));
      }
      return lines.join('\n');
    }
    case 'text':
      return indent(c(block.text), '');
    case 'context':
      return s.dim(c(block.text));
    case 'divider':
      return '';
  }
}

/** A whole reply as plain text, one block after another. */
export function renderReplyText(reply: Reply, options: TextRenderOptions = {}): string {
  let storySources: SourceLink[] | undefined;
  return reply.blocks
    .map((block) => {
      if (block.type === 'story') storySources = block.sources;
      else if (block.type === 'divider' || block.type === 'heading') storySources = undefined;
      return renderBlockText(block, storySources ? { ...options, storySources } : options);
    })
    .join('\n');
}

/** The rendered length of a block, for a text briefing budget. */
export function measureTextBlock(block: Block): number {
  return renderBlockText(block).length + 1;
}
