import { truncate } from '../truncate.ts';

const ZERO_WIDTH_SPACE = '\u200b';

/** Characters that start or end Discord markdown anywhere in a line. */
const INLINE_MARKDOWN = /[\\*_~`|[\]]/g;
/** Markdown that only counts at the start of a line: headings, subtext, quotes, bullets, numbered lists. */
const LINE_START_MARKDOWN = /^([ \t]*)(#|>|-|\+|(\d+)\.)/gm;

/**
 * Feed text made inert for Discord: every markdown character backslash-escaped (Discord drops the backslash
 * before punctuation, so the text reads as written), and mention syntax (`@everyone`, `@here`, `<@…>`, `<@&…>`,
 * `<#…>`, `</…>`, `<t:…>`) broken by an invisible character so it cannot ping even where `allowed_mentions`
 * would not apply. Linear time: discord.js `escapeMarkdown` uses look-behinds that made it quadratic here
 * (≈5 ms for 1,200 characters of prose, 50 ms for backtick-heavy text), too slow for 100-item briefings.
 */
export function escapeDiscordText(text: string): string {
  return text
    .replace(INLINE_MARKDOWN, '\\$&')
    .replace(LINE_START_MARKDOWN, (_, indent: string, mark: string, digits?: string) =>
      digits ? `${indent}${digits}\\.` : `${indent}\\${mark}`,
    )
    .replace(/@(everyone|here)/gi, `@${ZERO_WIDTH_SPACE}$1`)
    .replace(/<(?=[@#/:]|a:|t:)/g, `<${ZERO_WIDTH_SPACE}`);
}

/** Feed text cut to `max` characters first, then escaped, with the escaped form capped at `max` too. */
export function escapeAndCap(text: string, max: number): string {
  return capEscaped(escapeDiscordText(truncate(text, max)), max);
}

/** Caps already-escaped text without leaving a dangling backslash that would escape what follows. */
export function capEscaped(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = truncate(text, max);
  const body = cut.endsWith('…') ? cut.slice(0, -1) : cut;
  const trailing = body.match(/\\+$/)?.[0].length ?? 0;
  if (trailing % 2 === 1) cut = `${body.slice(0, -1)}…`;
  return cut;
}

/** An http(s) URL safe to put inside a markdown link, or null when the value is not one. */
export function safeUrl(url: string | null | undefined): string | null {
  if (!url || !URL.canParse(url)) return null;
  const parsed = new URL(url);
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return null;
  const href = parsed.href.replace(
    /[()\s<>]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`,
  );
  // Discord rejects embed URLs past 2048 characters; such a link is better dropped than the message.
  return href.length <= 2048 ? href : null;
}

/** A markdown link `[label](url)` with the label escaped and capped, or the bare label when there is no URL. */
export function markdownLink(label: string, url: string | null | undefined, maxLabel = 100): string {
  const text = escapeAndCap(label, maxLabel);
  const href = safeUrl(url);
  return href ? `[${text}](${href})` : text;
}
