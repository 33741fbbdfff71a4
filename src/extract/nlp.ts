import model from 'wink-eng-lite-web-model';
import winkNLP from 'wink-nlp';

/** The wink-nlp pipeline the engine uses: sentence boundaries, part of speech and entities, nothing else. */
export const NLP_PIPELINE = ['sbd', 'pos', 'ner'] as const;

let instance: ReturnType<typeof winkNLP> | undefined;

/** The wink-nlp instance, loaded once per process. */
export function nlp(): ReturnType<typeof winkNLP> {
  instance ??= winkNLP(model, [...NLP_PIPELINE]);
  return instance;
}

/** One token with its offsets in the whole input. */
export interface Token {
  /** The characters exactly as in the input. */
  text: string;
  /** Lower-cased form. */
  lower: string;
  lemma: string;
  pos: string;
  start: number;
  end: number;
  /** Index of the sentence this token belongs to. */
  sentence: number;
}

/** A sentence with its token range [firstToken, lastToken] and offsets. */
export interface Sentence {
  text: string;
  start: number;
  end: number;
  firstToken: number;
  lastToken: number;
  /** Index of the paragraph (0 = title) that holds this sentence. */
  paragraph: number;
}

/** A wink entity (DATE, CARDINAL, MONEY, PERCENT, ...) with its offsets. */
export interface NlpEntity {
  type: string;
  text: string;
  start: number;
  end: number;
  firstToken: number;
  lastToken: number;
}

/** The NLP view of an article: tokens, sentences and entities, all with offsets into the whole input. */
export interface Analysis {
  input: string;
  tokens: Token[];
  sentences: Sentence[];
  entities: NlpEntity[];
}

/** Whitespace wink-nlp counts as a token's preceding spaces (its tokenizer's own space class). */
function isWinkSpace(c: number): boolean {
  return (
    c === 32 ||
    c === 0xa0 ||
    (c >= 0x2002 && c <= 0x2005) ||
    c === 0x2009 ||
    c === 0x200a ||
    c === 0x202f ||
    c === 0x205f
  );
}

/**
 * Lemmas by part of speech and token text. Outside contractions wink's lemma depends on nothing else, so a
 * token asks wink only the first time a word/tag pair is seen; bounded so a long-running process stays small.
 */
const lemmaMemo = new Map<string, Map<string, string>>();
let lemmaMemoSize = 0;
const LEMMA_MEMO_MAX = 100_000;

/** Where a token's lemma comes from: its wink document, read only when some rule asks for the lemma. */
class LemmaSource {
  private column: ReturnType<WinkDoc['tokens']> | undefined;
  constructor(
    private readonly doc: WinkDoc,
    readonly contraction: boolean[],
  ) {}
  /** The lower-cased wink lemma of wink token `index`. */
  lemma(index: number, value: string, pos: string): string {
    const contraction = this.contraction[index] === true;
    let byValue = lemmaMemo.get(pos);
    const known = contraction ? undefined : byValue?.get(value);
    if (known !== undefined) return known;
    this.column ??= this.doc.tokens();
    // wink leaves some contraction parts without a lemma ("Cannot" alone): the word stands for itself.
    const raw = this.column.itemAt(index).out(nlp().its.lemma as never) as string | undefined;
    const lemma = (raw ?? value).toLowerCase();
    if (contraction) return lemma;
    if (lemmaMemoSize >= LEMMA_MEMO_MAX) {
      lemmaMemo.clear();
      lemmaMemoSize = 0;
    }
    if (!byValue) {
      byValue = new Map();
      lemmaMemo.set(pos, byValue);
    }
    byValue.set(value, lemma);
    lemmaMemoSize++;
    return lemma;
  }
}

type WinkDoc = ReturnType<ReturnType<typeof winkNLP>['readDoc']>;

/** A token of an analysis; its lemma is looked up on first use (most rules never read it). */
class AnalysedToken implements Token {
  lower: string;
  sentence = -1;
  private cachedLemma: string | undefined = undefined;
  constructor(
    readonly text: string,
    readonly pos: string,
    readonly start: number,
    readonly end: number,
    private readonly source: LemmaSource,
    private readonly winkIndex: number,
  ) {
    this.lower = text.toLowerCase();
  }
  get lemma(): string {
    this.cachedLemma ??= this.source.lemma(this.winkIndex, this.text, this.pos);
    return this.cachedLemma;
  }
}

/**
 * Runs wink-nlp once over `input.slice(from, to)` and maps every token back to offsets in the whole input.
 * `paragraphStarts` (sorted offsets) numbers the paragraphs so sentences never cross one.
 */
export function analyse(input: string, from: number, to: number, paragraphStarts: number[]): Analysis {
  const text = input.slice(from, to);
  const winkDoc = nlp().readDoc(text);
  const its = nlp().its;
  const column = (fn: unknown) => winkDoc.tokens().out(fn as never) as unknown as string[];
  const values = column(its.value);
  const pos = column(its.pos);
  const source = new LemmaSource(winkDoc, column(its.contractionFlag) as unknown as boolean[]);
  const tokens: Token[] = [];
  const tokenIndex = new Int32Array(values.length);
  let spaces: string[] | undefined;
  let cursor = from;
  for (let i = 0; i < values.length; i++) {
    const value = values[i] as string;
    // Skip the spaces wink counted before the token; if the text disagrees, ask wink for the count.
    let at = cursor;
    while (at < to && isWinkSpace(input.charCodeAt(at))) at++;
    if (!input.startsWith(value, at)) {
      spaces ??= column(its.precedingSpaces);
      at = cursor + (spaces[i] as string).length;
    }
    const start = at;
    cursor = at + value.length;
    if (pos[i] === 'SPACE') {
      tokenIndex[i] = -1;
      continue;
    }
    tokenIndex[i] = tokens.length;
    tokens.push(new AnalysedToken(value, pos[i] as string, start, cursor, source, i));
  }
  const firstReal = (i: number, step: 1 | -1, limit: number): number => {
    for (let k = i; step === 1 ? k <= limit : k >= limit; k += step) {
      const mapped = tokenIndex[k] as number;
      if (mapped >= 0) return mapped;
    }
    return -1;
  };
  const sentences: Sentence[] = [];
  const spans = winkDoc.sentences().out(its.span) as unknown as [number, number][];
  let paragraph = 0;
  for (const [a, b] of spans) {
    const first = firstReal(a, 1, b);
    const last = firstReal(b, -1, a);
    if (first < 0 || last < 0) continue;
    // wink occasionally joins across a blank line; split there so a sentence never spans paragraphs.
    let segStart = first;
    for (let t = first; t <= last; t++) {
      const next = t + 1;
      const breakHere =
        next <= last && crossesParagraph((tokens[t] as Token).end, (tokens[next] as Token).start);
      if (breakHere || t === last) {
        const s = (tokens[segStart] as Token).start;
        const e = (tokens[t] as Token).end;
        while (paragraph + 1 < paragraphStarts.length && (paragraphStarts[paragraph + 1] as number) <= s)
          paragraph++;
        for (let k = segStart; k <= t; k++) (tokens[k] as Token).sentence = sentences.length;
        sentences.push({
          text: input.slice(s, e),
          start: s,
          end: e,
          firstToken: segStart,
          lastToken: t,
          paragraph,
        });
        segStart = next;
      }
    }
  }
  // Same as /\n[ \t\r]*\n/ on the gap between two tokens, without slicing: this runs for every token.
  function crossesParagraph(end: number, start: number): boolean {
    let newline = false;
    for (let k = end; k < start; k++) {
      const c = input.charCodeAt(k);
      if (c === 10) {
        if (newline) return true;
        newline = true;
      } else if (c !== 32 && c !== 9 && c !== 13) newline = false;
    }
    return false;
  }
  const entities: NlpEntity[] = [];
  const entitySpans = winkDoc.entities().out(its.span) as unknown as [number, number][];
  const entityTypes = winkDoc.entities().out(its.type) as string[];
  entitySpans.forEach(([a, b], i) => {
    const first = firstReal(a, 1, b);
    const last = firstReal(b, -1, a);
    if (first < 0 || last < 0) return;
    const start = (tokens[first] as Token).start;
    const end = (tokens[last] as Token).end;
    entities.push({
      type: entityTypes[i] as string,
      text: input.slice(start, end),
      start,
      end,
      firstToken: first,
      lastToken: last,
    });
  });
  return { input, tokens, sentences, entities };
}

/** The sentence that contains offset `at`, or undefined. */
export function sentenceAt(analysis: Analysis, at: number): Sentence | undefined {
  let lo = 0;
  let hi = analysis.sentences.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = analysis.sentences[mid] as Sentence;
    if (at < s.start) hi = mid - 1;
    else if (at >= s.end) lo = mid + 1;
    else return s;
  }
  return undefined;
}
