import { truncate } from '../truncate.ts';

const WORD_JOINER = '\u2060';

/**
 * Feed text made inert for Slack mrkdwn: `&`, `<` and `>` become entities (so `<!channel>`, `<@U…>` and
 * `<url|label>` cannot be injected), and bare `@channel`, `@here`, `@everyone` get an invisible joiner so no
 * client-side parsing can turn them into a broadcast.
 */
export function escapeSlackText(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/@(channel|here|everyone)/gi, `@${WORD_JOINER}$1`);
}

/** Feed text cut to `max` characters, escaped, with the escaped form still within `max`. */
export function escapeAndCap(text: string, max: number): string {
  const escaped = escapeSlackText(truncate(text, max));
  return escaped.length <= max ? escaped : capEscaped(escaped, max);
}

/** Caps escaped text without cutting an entity (`&amp;`) in half. */
export function capEscaped(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = truncate(text, max);
  return cut.replace(/&[a-z]{0,4}…$/, '…');
}

/** An http(s) URL safe inside Slack's `<url|label>` syntax, or null. */
export function safeUrl(url: string | null | undefined): string | null {
  if (!url || !URL.canParse(url)) return null;
  const parsed = new URL(url);
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return null;
  const href = parsed.href.replace(
    /[|<>\s]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`,
  );
  return href.length <= 3000 ? href : null;
}

/** A Slack link `<url|label>` with the label escaped (a `|` in a label cannot be escaped, so it is replaced). */
export function slackLink(label: string, url: string | null | undefined, maxLabel = 100): string {
  const text = escapeAndCap(label, maxLabel).replace(/\|/g, '¦');
  const href = safeUrl(url);
  return href ? `<${href}|${text}>` : text;
}
