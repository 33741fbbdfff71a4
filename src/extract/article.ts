import type { ArticleText, Paragraph } from './types.ts';

const SOURCE_LINE = /^SOURCE:/;

/** Splits text into paragraphs at blank lines, keeping each paragraph's offsets into `input`. */
export function splitParagraphs(input: string, from = 0): Paragraph[] {
  const paragraphs: Paragraph[] = [];
  const blank = /\r?\n[ \t]*\r?\n/g;
  let cursor = from;
  const push = (start: number, end: number) => {
    let s = start;
    let e = end;
    while (s < e && /\s/.test(input[s] as string)) s++;
    while (e > s && /\s/.test(input[e - 1] as string)) e--;
    if (e > s) paragraphs.push({ text: input.slice(s, e), start: s, end: e });
  };
  blank.lastIndex = from;
  for (let match = blank.exec(input); match; match = blank.exec(input)) {
    push(cursor, match.index);
    cursor = match.index + match[0].length;
  }
  push(cursor, input.length);
  return paragraphs;
}

/**
 * Reads the `.txt` article format: an optional `SOURCE:` metadata line, then the title (first non-empty
 * line), then paragraphs separated by blank lines. Offsets stay relative to the whole input.
 */
export function parseTextArticle(input: string): ArticleText {
  let offset = 0;
  if (SOURCE_LINE.test(input)) {
    const newline = input.indexOf('\n');
    offset = newline === -1 ? input.length : newline + 1;
  }
  const titleMatch = /\S[^\r\n]*/.exec(input.slice(offset));
  if (!titleMatch) return { input, title: '', titleSpan: null, paragraphs: [] };
  const titleStart = offset + titleMatch.index;
  const title = titleMatch[0].trimEnd();
  const titleEnd = titleStart + title.length;
  return {
    input,
    title,
    titleSpan: { start: titleStart, end: titleEnd },
    paragraphs: splitParagraphs(input, titleEnd),
  };
}

// A blank line inside a paragraph. The lookbehind starts a match only where a run of spaces begins: from
// every space of a long run, the pattern would scan the rest of it again.
const BLANK_LINES = /(?<![ \t])[ \t]*\r?\n[ \t]*(\r?\n)+/g;
/**
 * Longer runs without a space are not prose (base64 images, minified code, long hashes) and are cut to this
 * length: the NLP model's tokenizer tests each token with a pattern whose time grows with the square of its
 * length (a 300,000-character run took 70 s).
 */
const MAX_RUN = 200;
const LONG_RUN = new RegExp(`(?<!\\S)\\S{${MAX_RUN + 1},}`, 'g');
/** Article text kept at most (the longest news articles are about a tenth of this); the rest is left out. */
export const MAX_ARTICLE_CHARS = 100_000;

/** The paragraphs, cleaned, up to MAX_ARTICLE_CHARS in all (the last one cut to fit). */
function bodyParagraphs(paragraphs: string[], room: number): string[] {
  const body: string[] = [];
  let left = room;
  for (const raw of paragraphs) {
    const text = raw
      .replace(BLANK_LINES, ' ')
      .trim()
      .replace(LONG_RUN, (run) => `${run.slice(0, MAX_RUN)}…`);
    if (!text) continue;
    // Each paragraph comes after a blank line.
    left -= 2;
    if (left <= 0) break;
    body.push(text.length > left ? text.slice(0, left) : text);
    left -= text.length;
  }
  return body;
}

/**
 * Builds an article from a title and paragraphs (HTML, feeds): the input is title + blank line + paragraphs,
 * bounded as described above (and the title cut to 1,000 characters) so that no feed item can keep the
 * extractor busy for long.
 */
export function articleFromParts(
  title: string,
  paragraphs: string[],
  declaredLanguage?: string,
): ArticleText {
  const cleanTitle = title.replace(/\s+/g, ' ').trim().slice(0, 1_000);
  const body = bodyParagraphs(paragraphs, MAX_ARTICLE_CHARS - cleanTitle.length);
  const input = [cleanTitle, ...body].join('\n\n');
  const article = parseTextArticle(input);
  return declaredLanguage ? { ...article, declaredLanguage } : article;
}
