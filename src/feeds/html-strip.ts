/*
 * Removing markup from feed HTML in one forward pass. The obvious patterns (`<script\b[\s\S]*?<\/script\s*>`,
 * `<!--[\s\S]*?-->`) scan to the end of the text from every element or comment that never closes, so an item
 * of many such openings took minutes and blocked the process. These functions give the same results (property-
 * tested against those patterns in test/feeds/pathological.test.ts) while reading the text once per kind.
 */

const DROPPED_OPEN = /<(script|style|noscript|template|iframe|object|svg|math)\b/gi;
const TAG = /<\/?[a-z][\w:.-]*(?:\s[^<>]*)?\/?>|<!\[CDATA\[|\]\]>/gi;

/** Where the first closing tag of an element lies at or after a position, or null when there is none. */
interface Close {
  from: number;
  at: number;
  end: number;
}

/** The first `</name>` at or after `from`; remembers its last answer per name, which stays right until passed. */
function closeAfter(html: string, name: string, from: number, seen: Map<string, Close>): Close | null {
  const last = seen.get(name);
  if (last && from >= last.from && (last.at < 0 || from <= last.at)) return last.at < 0 ? null : last;
  const pattern = new RegExp(`</${name}\\s*>`, 'gi');
  pattern.lastIndex = from;
  const match = pattern.exec(html);
  const found = { from, at: match ? match.index : -1, end: match ? match.index + match[0].length : -1 };
  seen.set(name, found);
  return match ? found : null;
}

/** `html` with each script, style, iframe, svg (and the like) element replaced by a space; unclosed ones stay. */
export function dropElements(html: string): string {
  const seen = new Map<string, Close>();
  let out = '';
  let copied = 0;
  DROPPED_OPEN.lastIndex = 0;
  for (let open = DROPPED_OPEN.exec(html); open; open = DROPPED_OPEN.exec(html)) {
    const close = closeAfter(html, (open[1] as string).toLowerCase(), DROPPED_OPEN.lastIndex, seen);
    if (!close) continue;
    out += `${html.slice(copied, open.index)} `;
    copied = close.end;
    DROPPED_OPEN.lastIndex = close.end;
  }
  return copied === 0 ? html : out + html.slice(copied);
}

function withoutComments(html: string): string {
  let out = '';
  let copied = 0;
  for (let start = html.indexOf('<!--'); start >= 0; start = html.indexOf('<!--', copied)) {
    const end = html.indexOf('-->', start + 4);
    // With no terminator after this one, no later comment closes either: the rest stays as text.
    if (end < 0) break;
    out += html.slice(copied, start);
    copied = end + 3;
  }
  return copied === 0 ? html : out + html.slice(copied);
}

/** `html` without its tags, comments and CDATA markers (an unclosed comment stays as text). */
export function stripTags(html: string): string {
  return withoutComments(html).replace(TAG, '');
}
