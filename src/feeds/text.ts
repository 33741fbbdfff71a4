import { decodeHTML } from 'entities';
import { dropElements, stripTags } from './html-strip.ts';

// Windows-1252 meanings of the C1 range: feeds that were cp1252 mislabelled as Latin-1 or UTF-8 carry them.
const CP1252_C1 =
  '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f' +
  '\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';

/** Replaces C1 control characters with the Windows-1252 characters they almost always stand for. */
export function demoronize(text: string): string {
  if (!/[\u0080-\u009f]/.test(text)) return text;
  return text.replace(/[\u0080-\u009f]/g, (c) => CP1252_C1[c.charCodeAt(0) - 0x80] as string);
}

const ENTITY = /&(#\d+|#x[0-9a-f]+|[a-z][a-z0-9]*);/i;

/** Decodes HTML entities, repeatedly, so double-escaped text (`&amp;amp;`, `&amp;#39;`) comes out clean. */
export function decodeEntities(text: string): string {
  let out = text;
  for (let pass = 0; pass < 3 && out.includes('&') && ENTITY.test(out); pass++) {
    const next = decodeHTML(out);
    if (next === out) break;
    out = next;
  }
  return out;
}

const BLOCK =
  /<\/?(?:[\w-]+:)?(?:p|div|br|li|ul|ol|dl|dt|dd|h[1-6]|blockquote|pre|tr|table|section|article|header|footer|figure|figcaption|hr|aside|address|details|summary)\b[^<>]*>/gi;

const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u200b\ufffe\uffff]/g;

// Anything clean() would change besides the ends: odd whitespace, doubled spaces, C1 and control characters.
const NEEDS_CLEANING = /[^\S ]| {2}|[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u200b\ufffe\uffff]/;

// Collapsing every `\s+` to one space, but matching only the runs that change: a lone space is left alone,
// which makes this many times cheaper than `/\s+/g` on ordinary prose.
const WHITESPACE_RUN = /\s{2,}|[^\S ]/g;

function clean(text: string): string {
  if (!NEEDS_CLEANING.test(text)) return text.trim();
  let out = demoronize(text);
  if (CONTROL.test(out)) out = out.replace(CONTROL, '');
  CONTROL.lastIndex = 0;
  // `\s` covers no-break spaces too.
  return out.replace(WHITESPACE_RUN, ' ').trim();
}

/** A title or a short field as plain Unicode text: no tags, no CDATA markers, entities decoded, one line. */
export function plainText(raw: string | null | undefined): string {
  if (!raw) return '';
  // Most titles carry no markup and no entity: only whitespace and stray characters to clean.
  if (!raw.includes('<') && !raw.includes('&') && !raw.includes(']]>')) return clean(raw);
  let text = stripTags(dropElements(raw));
  text = decodeEntities(text);
  // Escaped markup (`&lt;b&gt;`) only becomes a tag after decoding; strip it then.
  if (/<\/?[a-z]/i.test(text)) text = decodeEntities(stripTags(dropElements(text)));
  return clean(text);
}

/** Whether a string holds markup rather than plain text. */
function looksLikeHtml(text: string): boolean {
  return /<\/?[a-z][\w:-]*[\s/>]/i.test(text);
}

/** HTML (or plain text) as paragraphs of plain text: block elements and blank lines separate paragraphs. */
export function htmlToParagraphs(raw: string | null | undefined): string[] {
  if (!raw) return [];
  let html = raw;
  // Content that was escaped one time too many arrives as `&lt;p&gt;`: unescape it once to reach the markup.
  if (!looksLikeHtml(html) && /&lt;\/?[a-z]/i.test(html)) html = decodeHTML(html);
  if (!looksLikeHtml(html)) {
    return html
      .split(/\r?\n[ \t]*\r?\n/)
      .map((part) => clean(decodeEntities(part)))
      .filter(Boolean);
  }
  const stripped = /<(script|style|noscript|template|iframe|object|svg|math)\b/i.test(html)
    ? dropElements(html)
    : html;
  const marked = stripTags(stripped.replace(BLOCK, '\n\n'));
  return marked
    .split(/\n[ \t\u00a0]*\n/)
    .map((part) => clean(decodeEntities(part)))
    .filter(Boolean);
}

/**
 * HTML (or plain text) as one line of plain text: the paragraphs of {@link htmlToParagraphs} joined by
 * spaces, computed in one pass over the whole string (whitespace collapses across paragraph breaks anyway).
 */
export function htmlToText(raw: string | null | undefined): string {
  if (!raw) return '';
  let html = raw;
  if (!looksLikeHtml(html) && /&lt;\/?[a-z]/i.test(html)) html = decodeHTML(html);
  if (looksLikeHtml(html)) {
    if (/<(script|style|noscript|template|iframe|object|svg|math)\b/i.test(html)) html = dropElements(html);
    html = stripTags(html.replace(BLOCK, '\n\n'));
  }
  return clean(decodeEntities(html));
}

/** Cuts text to at most `max` characters at a word boundary, with an ellipsis when cut. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).trimEnd()}…`;
}
