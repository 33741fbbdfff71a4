import type { ExtractContext } from './context.ts';
import type { Token } from './nlp.ts';
import type { MarkedSpan } from './quote-marks.ts';
import { type AttributionView, endsSentence } from './speakers.ts';

/** The attribution view of an article: which tokens lie inside outer quotes, and paragraph bounds. */
export function buildView(ctx: ExtractContext, outer: MarkedSpan[]): AttributionView {
  const { tokens, sentences } = ctx.analysis;
  const quoted = new Array<boolean>(tokens.length).fill(false);
  for (const span of outer) {
    const stop = span.close ?? span.end;
    for (let k = tokenAt(tokens, span.open); k < tokens.length && (tokens[k] as Token).start <= stop; k++) {
      if ((tokens[k] as Token).start >= span.open) quoted[k] = true;
    }
  }
  const paragraphOf = new Array<number>(tokens.length).fill(-1);
  for (const s of sentences) for (let k = s.firstToken; k <= s.lastToken; k++) paragraphOf[k] = s.paragraph;
  const paragraphFirst = new Array<number>(tokens.length);
  const paragraphLast = new Array<number>(tokens.length);
  for (let k = 0; k < tokens.length; k++) {
    paragraphFirst[k] =
      k > 0 && paragraphOf[k - 1] === paragraphOf[k] ? (paragraphFirst[k - 1] as number) : k;
  }
  for (let k = tokens.length - 1; k >= 0; k--) {
    const same = k + 1 < tokens.length && paragraphOf[k + 1] === paragraphOf[k];
    paragraphLast[k] = same ? (paragraphLast[k + 1] as number) : k;
  }
  return { tokens, quoted, paragraphOf, paragraphFirst, paragraphLast };
}

/** Index of the first token that starts at or after `offset`. */
export function tokenAt(tokens: Token[], offset: number): number {
  let lo = 0;
  let hi = tokens.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((tokens[mid] as Token).start < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Index of the last token that starts before `offset`. */
export function lastTokenBefore(tokens: Token[], offset: number): number {
  const k = tokenAt(tokens, offset);
  return (tokens[k] as Token).start >= offset ? k - 1 : k;
}

/** The first token of the paragraph that holds token `k`. */
export function paragraphStart(view: AttributionView, k: number): number {
  return view.paragraphFirst[k] ?? k;
}

/** The last token of the paragraph that holds token `k`. */
export function paragraphEnd(view: AttributionView, k: number): number {
  return view.paragraphLast[k] ?? k;
}

/** The first token of the sentence (outside quotes) that holds token `k`, within its paragraph. */
export function sentenceFloor(view: AttributionView, k: number, pStart: number): number {
  for (let i = k - 1; i >= pStart; i--) if (endsSentence(view, i)) return i + 1;
  return pStart;
}

/** The token that ends the sentence (outside quotes) holding token `k`, within its paragraph. */
export function sentenceCeiling(view: AttributionView, k: number, pEnd: number): number {
  for (let i = k + 1; i <= pEnd; i++) if (endsSentence(view, i)) return i;
  return pEnd;
}
