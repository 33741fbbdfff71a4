/** The ellipsis appended to a trimmed text. */
export const ELLIPSIS = '…';

/**
 * Shortens `text` to at most `max` characters, cutting at a word boundary and ending with an ellipsis, so a
 * trimmed sentence never ends mid-word. Text that already fits is returned unchanged.
 */
export function trimAtWord(text: string, max: number): string {
  const clean = text.trim();
  if (clean.length <= max) return clean;
  if (max <= ELLIPSIS.length) return '';
  const room = max - ELLIPSIS.length;
  const head = clean.slice(0, room + 1);
  // The character after the cut tells whether the cut already falls between words.
  const boundary = /\s/.test(head[room] ?? ' ') ? room : head.lastIndexOf(' ', room);
  if (boundary <= 0) return '';
  const kept = clean
    .slice(0, boundary)
    .trimEnd()
    .replace(/[\s,;:–—-]+$/, '');
  return kept ? `${kept}${ELLIPSIS}` : '';
}

/**
 * A window of `text` around the span [start, end) of at most `max` characters, cut at word boundaries with
 * an ellipsis on each cut side, so the span itself stays visible.
 */
export function windowAround(text: string, start: number, end: number, max: number): string {
  if (text.length <= max) return text;
  const spare = Math.max(0, max - (end - start) - 2 * ELLIPSIS.length);
  let from = Math.max(0, start - Math.floor(spare / 2));
  let to = Math.min(text.length, end + (spare - (start - from)));
  from = Math.max(0, Math.min(from, to - (max - 2 * ELLIPSIS.length)));
  if (from > 0) {
    const space = text.indexOf(' ', from);
    from = space === -1 || space >= start ? from : space + 1;
  }
  if (to < text.length) {
    const space = text.lastIndexOf(' ', to);
    to = space <= end ? to : space;
  }
  const body = text.slice(from, to).trim();
  return `${from > 0 ? ELLIPSIS : ''}${body}${to < text.length ? ELLIPSIS : ''}`;
}

/** Lower case without diacritics, for forgiving comparisons ("Zelenskyy" ≈ "zelenskyy", "Müller" ≈ "muller"). */
export function fold(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase();
}

const STOPWORDS = new Set(
  (
    'a an and are as at be been but by for from had has have he her his i in into is it its of on or our ' +
    'she so than that the their them then there these they this to was we were what when which who will ' +
    'with would you your after before over about said says say told also not no new more most some any ' +
    'up out one two can could may might us mr mrs ms dr'
  ).split(' '),
);

/** Content words of a text: folded, stop words and short tokens dropped, a plural "s" stripped. */
export function contentWords(text: string): string[] {
  const words: string[] = [];
  for (const raw of fold(text).split(/[^\p{L}\p{N}]+/u)) {
    if (raw.length < 3 || STOPWORDS.has(raw) || /^\d+$/.test(raw)) continue;
    words.push(raw.length > 4 && raw.endsWith('s') && !raw.endsWith('ss') ? raw.slice(0, -1) : raw);
  }
  return words;
}
