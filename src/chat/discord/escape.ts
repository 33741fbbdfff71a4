import { escapeMarkdown } from 'discord.js';
import { truncate } from '../truncate.ts';

const ZERO_WIDTH_SPACE = '\u200b';

/**
 * Feed text made inert for Discord: markdown escaped, and mention syntax (`@everyone`, `@here`, `<@…>`, `<@&…>`,
 * `<#…>`, `</…>`, `<t:…>`) broken by an invisible character, so it renders as written and cannot ping even where
 * `allowed_mentions` would not apply (embed titles show mentions as text, but a copy-paste should stay inert too).
 */
export function escapeDiscordText(text: string): string {
  return escapeMarkdown(text, { heading: true, bulletedList: true, numberedList: true, maskedLink: true })
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
  const text = escapeAndCap(label, maxLabel).replace(/(?<!\\)[[\]]/g, (c) => `\\${c}`);
  const href = safeUrl(url);
  return href ? `[${text}](${href})` : text;
}
