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

/** Builds an article from a title and paragraphs (HTML, feeds): the input is title + blank line + paragraphs. */
export function articleFromParts(
  title: string,
  paragraphs: string[],
  declaredLanguage?: string,
): ArticleText {
  const cleanTitle = title.replace(/\s+/g, ' ').trim();
  const body = paragraphs.map((p) => p.replace(/[ \t]*\r?\n[ \t]*(\r?\n)+/g, ' ').trim()).filter(Boolean);
  const input = [cleanTitle, ...body].join('\n\n');
  const article = parseTextArticle(input);
  return declaredLanguage ? { ...article, declaredLanguage } : article;
}
