import type { ExtractContext } from './context.ts';
import type { Token } from './nlp.ts';
import type { MarkedSpan } from './quote-marks.ts';
import { type AttributionView, endsSentence } from './speakers.ts';

export function buildView(ctx: ExtractContext, outer: MarkedSpan[]): AttributionView {
  const { tokens, sentences } = ctx.analysis;
  const quoted = new Array<boolean>(tokens.length).fill(false);
  let s = 0;
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k] as Token;
    while (s < outer.length && (outer[s] as MarkedSpan).end < t.start) s++;
    for (let j = s; j < outer.length && (outer[j] as MarkedSpan).open <= t.start; j++) {
      const span = outer[j] as MarkedSpan;
      const stop = span.close ?? span.end;
      if (t.start >= span.open && t.start <= stop) quoted[k] = true;
    }
  }
  const paragraphOf = tokens.map((t) => (sentences[t.sentence]?.paragraph ?? -1) as number);
  return { tokens, quoted, paragraphOf };
}

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

export function lastTokenBefore(tokens: Token[], offset: number): number {
  const k = tokenAt(tokens, offset);
  return (tokens[k] as Token).start >= offset ? k - 1 : k;
}

export function paragraphStart(view: AttributionView, k: number): number {
  let i = k;
  while (i > 0 && view.paragraphOf[i - 1] === view.paragraphOf[k]) i--;
  return i;
}

export function paragraphEnd(view: AttributionView, k: number): number {
  let i = k;
  while (i + 1 < view.tokens.length && view.paragraphOf[i + 1] === view.paragraphOf[k]) i++;
  return i;
}

export function sentenceFloor(view: AttributionView, k: number, pStart: number): number {
  for (let i = k - 1; i >= pStart; i--) if (endsSentence(view, i)) return i + 1;
  return pStart;
}

export function sentenceCeiling(view: AttributionView, k: number, pEnd: number): number {
  for (let i = k + 1; i <= pEnd; i++) if (endsSentence(view, i)) return i;
  return pEnd;
}
