import type { Span } from './types.ts';

/** A stretch of text between quotation marks, found by pairing the marks of one paragraph. */
export interface MarkedSpan {
  /** Offset of the opening mark. */
  open: number;
  /** Offset of the closing mark, or null when the paragraph ends first. */
  close: number | null;
  /** The quoted characters, whitespace trimmed: `input.slice(start, end)`. */
  start: number;
  end: number;
  /** Index of the paragraph in the list given to `pairQuoteMarks`. */
  paragraph: number;
  /** 0 for an outer quote, 1 and more for a quote inside a quote. */
  depth: number;
  /** Single quotation marks. */
  single: boolean;
  /** This paragraph carries on a quote that the previous paragraph left open. */
  continued: boolean;
}

type Family = 'double' | 'single';
/** Every quotation mark and apostrophe the pairing looks at. */
const MARKS = /["“”„«»″'‘’‹›]/g;
type Role = 'open' | 'close' | 'either' | 'none';

const DOUBLE_OPEN = new Set(['“', '„', '«']);
const DOUBLE_CLOSE = new Set(['”', '»']);
const SINGLE_OPEN = new Set(['‘', '‹']);
const SINGLE_CLOSE = new Set(['’', '›']);
const OPENERS_BEFORE = /[\s([{—–\-/“‘"'«‹:]/u;
const WORDISH = /[\p{L}\p{N}]/u;
const CLOSERS_AFTER = /[\s)\]}.,;:!?—–\-/”’"'»›…]/u;
/** Words written with a leading apostrophe that is not an opening quote ('em, 'til). */
const ELISIONS = /^(?:em|til|cause|n|tis|twas)\b/i;

function family(ch: string): Family | null {
  if (ch === '"' || DOUBLE_OPEN.has(ch) || DOUBLE_CLOSE.has(ch) || ch === '″') return 'double';
  if (ch === "'" || SINGLE_OPEN.has(ch) || SINGLE_CLOSE.has(ch)) return 'single';
  return null;
}

/** What a mark can do, judged by its own shape and the characters on either side. */
function roleOf(text: string, i: number, lo: number, hi: number): Role {
  const ch = text[i] as string;
  const before = i > lo ? (text[i - 1] as string) : ' ';
  const after = i + 1 < hi ? (text[i + 1] as string) : ' ';
  const openSide = OPENERS_BEFORE.test(before) && !/\s/.test(after);
  const closeSide = !/\s/.test(before) && CLOSERS_AFTER.test(after);
  if (family(ch) === 'single') {
    // Apostrophes: don't, it's, rock'n'roll, '90s.
    if (WORDISH.test(before) && WORDISH.test(after)) return 'none';
    if (/\d/.test(after) && !/\d/.test(before)) return 'none';
    if (openSide && ELISIONS.test(text.slice(i + 1, i + 6))) return 'none';
    if (SINGLE_OPEN.has(ch)) return openSide || !closeSide ? 'open' : 'close';
    if (openSide && !closeSide) return 'open';
    if (closeSide && !openSide) return 'close';
    return 'none';
  }
  if (DOUBLE_OPEN.has(ch)) return closeSide && !openSide ? 'close' : 'open';
  if (DOUBLE_CLOSE.has(ch)) return openSide && !closeSide ? 'open' : 'close';
  if (openSide && !closeSide) return 'open';
  if (closeSide && !openSide) return 'close';
  return 'either';
}

interface Open {
  at: number;
  family: Family;
  continued: boolean;
}

/**
 * Pairs the quotation marks of each paragraph (straight and curly, double and single) and returns the quoted
 * spans, outer and nested. A double quote left open at the end of a paragraph runs to the paragraph's end;
 * when the next paragraph opens with a double mark, that paragraph is marked `continued`.
 */
export function pairQuoteMarks(input: string, paragraphs: Span[]): MarkedSpan[] {
  const spans: MarkedSpan[] = [];
  let carried = false;
  paragraphs.forEach((para, index) => {
    const stack: Open[] = [];
    const emit = (o: Open, close: number | null, endAt: number) => {
      const depth = stack.length;
      let start = o.at + 1;
      let end = endAt;
      while (start < end && /\s/.test(input[start] as string)) start++;
      while (end > start && /\s/.test(input[end - 1] as string)) end--;
      if (end > start)
        spans.push({
          open: o.at,
          close,
          start,
          end,
          paragraph: index,
          depth,
          single: o.family === 'single',
          continued: o.continued,
        });
    };
    let firstMark = true;
    MARKS.lastIndex = para.start;
    for (let m = MARKS.exec(input); m && m.index < para.end; m = MARKS.exec(input)) {
      const i = m.index;
      const fam = family(input[i] as string) as Family;
      const role = roleOf(input, i, para.start, para.end);
      if (role === 'none') continue;
      const isFirst = firstMark;
      firstMark = false;
      const openIdx = findOpen(stack, fam);
      // "the players' union" inside a single-quoted quote: a plural possessive, when a later mark closes.
      if (
        fam === 'single' &&
        openIdx >= 0 &&
        /s/.test(input[i - 1] ?? '') &&
        /^ \p{Ll}/u.test(input.slice(i + 1, i + 3))
      ) {
        if (hasCloser(input, i, para.start, para.end)) continue;
      }
      const closes = role === 'close' || (role === 'either' && openIdx >= 0);
      if (closes) {
        if (openIdx < 0) continue;
        // Marks left open inside the closing quote were apostrophes or stray marks: drop them.
        const o = stack[openIdx] as Open;
        stack.length = openIdx;
        emit(o, i, i);
        continue;
      }
      if (fam === 'single' && !hasCloser(input, i, para.start, para.end)) continue;
      // A single quote cannot open inside a single quote: the one left open ends where this one starts.
      const top = stack[stack.length - 1];
      if (fam === 'single' && top?.family === 'single') {
        stack.pop();
        emit(top, i, i);
      }
      const continued = carried && isFirst && fam === 'double' && i === para.start;
      stack.push({ at: i, family: fam, continued });
    }
    // An outer double quote still open at the paragraph's end runs on into the next paragraph.
    const outer = stack.find((o) => o.family === 'double');
    carried = outer !== undefined;
    if (outer) {
      stack.length = stack.indexOf(outer);
      emit(outer, null, para.end);
    }
  });
  return spans.sort((a, b) => a.start - b.start || a.depth - b.depth);
}

function findOpen(stack: Open[], fam: Family): number {
  for (let k = stack.length - 1; k >= 0; k--) if ((stack[k] as Open).family === fam) return k;
  return -1;
}

/** A single opening mark counts only if a single closing mark follows in the same paragraph. */
function hasCloser(input: string, i: number, lo: number, hi: number): boolean {
  for (let k = i + 1; k < hi; k++) {
    if (family(input[k] as string) !== 'single') continue;
    const role = roleOf(input, k, lo, hi);
    if (role === 'close') return true;
  }
  return false;
}
