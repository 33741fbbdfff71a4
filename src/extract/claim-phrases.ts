import { NAME_PARTICLES } from './claim-names.ts';
import type { Analysis, Token } from './nlp.ts';

/** A token range [first, last], inclusive, in `Analysis.tokens`. */
export interface TokenRange {
  first: number;
  last: number;
}

const OPENING = new Set(['“', '‘', '«']);
const CLOSING = new Set(['”', '’', '»']);
const POSSESSIVE_PRONOUNS = new Set(['his', 'her', 'their', 'its', 'our', 'my', 'your']);

/** True for a double quotation mark token, straight or curly. */
export function isQuoteMark(token: Token | undefined): boolean {
  return token !== undefined && (token.text === '"' || OPENING.has(token.text) || CLOSING.has(token.text));
}

/**
 * Pairs quotation marks paragraph by paragraph: returns, for each token index inside quoted text, true.
 * Only double marks count (single ones collide with apostrophes); an unclosed mark runs to the paragraph end.
 */
export function quotedTokens(analysis: Analysis): Uint8Array {
  const { tokens, sentences } = analysis;
  const inside = new Uint8Array(tokens.length);
  let open = -1;
  let single = -1;
  let paragraph = -1;
  for (const sentence of sentences) {
    if (sentence.paragraph !== paragraph) {
      paragraph = sentence.paragraph;
      open = -1;
      single = -1;
    }
    for (let t = sentence.firstToken; t <= sentence.lastToken; t++) {
      const mark = (tokens[t] as Token).text;
      // Curly single marks quote too (British style); a lone "’" token is a closing mark, not an apostrophe.
      if (mark === '‘' && single < 0) single = t;
      else if (mark === '’' && single >= 0) single = -1;
      else if (mark !== '"' && mark !== '“' && mark !== '”') {
        if (open >= 0 || single >= 0) inside[t] = 1;
      } else open = mark === '“' || (mark === '"' && open < 0) ? t : -1;
    }
  }
  return inside;
}

function nounish(token: Token): boolean {
  return token.pos === 'PROPN' || token.pos === 'NOUN' || token.pos === 'NUM';
}

function npToken(token: Token): boolean {
  if (nounish(token) || token.pos === 'ADJ' || token.pos === 'DET') return true;
  if (token.pos === 'PART' && /^['’]s$/i.test(token.text)) return true;
  if (token.pos === 'PRON' && POSSESSIVE_PRONOUNS.has(token.lower)) return true;
  if (NAME_PARTICLES.has(token.lower)) return true;
  return token.text === '-' || token.text === '&' || token.text === '.';
}

/**
 * The noun phrase that ends at token `end` (walking back, never before `floor`): determiners, adjectives,
 * names, possessives and "of"-complements ("head of Indonesia's agency"). Null when `end` is no noun head.
 */
export function nounPhraseBefore(tokens: Token[], end: number, floor: number): TokenRange | null {
  const head = tokens[end];
  if (!head) return null;
  const before = tokens[end - 1];
  const adjectiveHead =
    head.pos === 'ADJ' && end > floor && (before?.pos === 'PROPN' || before?.pos === 'DET');
  if (!(nounish(head) || head.pos === 'PRON' || adjectiveHead)) return null;
  if (head.pos === 'PRON') return { first: end, last: end };
  let first = end;
  for (let k = end - 1; k >= floor && end - k < 16; k--) {
    const token = tokens[k] as Token;
    if (token.pos === 'ADP' && token.lower === 'of' && k > floor && nounish(tokens[k - 1] as Token)) {
      first = k;
      continue;
    }
    const next = tokens[k + 1] as Token;
    const glued = token.end === next.start && /\p{L}$/u.test(token.text);
    const hyphenated = next.text === '-' || tokens[k - 1]?.text === '-';
    const possessive = /^['’]$/.test(token.text) && /s$/i.test(tokens[k - 1]?.text ?? '');
    const linking = token.pos === 'ADP' && LINKING.has(token.lower) && npToken(next) && next.pos !== 'PRON';
    if (linking && k > floor && nounish(tokens[k - 1] as Token) && (tokens[k - 1] as Token).pos !== 'NUM') {
      first = k;
      continue;
    }
    const inName =
      /^(and|&|on|for)$/.test(token.lower) && next.pos === 'PROPN' && tokens[k - 1]?.pos === 'PROPN';
    if (inName && k > floor) {
      first = k;
      continue;
    }
    const titleCase =
      k > floor && /^\p{Lu}/u.test(token.text) && (next.pos === 'PROPN' || next.pos === 'NOUN');
    if (!npToken(token) && !glued && !hyphenated && !possessive && !titleCase) break;
    first = k;
    const ofBefore =
      LINKING.has(tokens[k - 1]?.lower ?? '') && k - 1 > floor && nounish(tokens[k - 2] as Token);
    if (token.pos === 'DET' && ofBefore) continue;
    if (token.pos === 'DET' || (token.pos === 'PRON' && POSSESSIVE_PRONOUNS.has(token.lower))) break;
  }
  while (first < end && !/\w/.test((tokens[first] as Token).text)) first++;
  return { first, last: end };
}

const LINKING = new Set(['of', 'from', 'in', 'at', 'for']);
const FORWARD_STOP = new Set(['who', 'which', 'including', 'that', 'whose', 'and', 'but']);

/**
 * The noun phrase that starts at token `start`, with post-modifiers ("a study in Nature Climate Change"),
 * never past `ceiling`. Null when no noun head follows.
 */
export function nounPhraseAfter(tokens: Token[], start: number, ceiling: number): TokenRange | null {
  let last = -1;
  let inQuote = false;
  for (let k = start; k <= ceiling && k - start < 14; k++) {
    const token = tokens[k] as Token;
    if (isQuoteMark(token)) {
      inQuote = !inQuote;
      continue;
    }
    if (inQuote) continue;
    if (
      last >= 0 &&
      k === last + 1 &&
      token.start === (tokens[last] as Token).end &&
      /^\p{L}/u.test(token.text)
    ) {
      last = k;
      continue;
    }
    if (FORWARD_STOP.has(token.lower)) break;
    if (token.pos === 'ADP' && last >= 0 && /^(of|at|in|for|from|on)$/.test(token.lower)) {
      const next = tokens[k + 1];
      if (next && k + 1 <= ceiling && npToken(next)) continue;
      break;
    }
    if (token.pos === 'PRON' && k === start && !POSSESSIVE_PRONOUNS.has(token.lower))
      return { first: k, last: k };
    if (!npToken(token)) break;
    if (nounish(token)) last = k;
  }
  if (inQuote && last >= 0 && isQuoteMark(tokens[last + 1])) last++;
  return last >= start ? { first: start, last } : null;
}

/** True when the tokens from `from` on (up to `to`) look like a clause: a subject followed by a verb. */
export function opensClause(tokens: Token[], from: number, to: number, needAux = false): boolean {
  const lead = tokens[from];
  if (!lead) return false;
  if (!(npToken(lead) || lead.pos === 'PRON' || isQuoteMark(lead))) return false;
  if (SUBORDINATORS.has(lead.lower) || MERE_OBJECTS.has(lead.lower)) return false;
  let sawNominal = false;
  for (let k = from; k <= to && k - from < 30; k++) {
    const token = tokens[k] as Token;
    if (token.text === ';' || (token.text === '.' && k === to)) break;
    // A verb after "who" or "that" belongs to a relative clause, not to a reported one.
    if (sawNominal && SUBORDINATORS.has(token.lower) && !isQuoteMark(tokens[k - 1])) return false;
    if (token.pos === 'AUX' && sawNominal) return true;
    if (sawNominal && taggedAsNoun(tokens, k)) return true;
    if (token.pos === 'VERB' && sawNominal && !needAux && !token.lower.endsWith('ing')) {
      const before = tokens[k - 1] as Token;
      const coordinated = before.lower === 'and' || before.lower === 'or';
      if (before.lower !== 'to' && before.pos !== 'DET' && before.pos !== 'ADP' && !coordinated) return true;
    }
    if (nounish(token) || token.pos === 'PRON') sawNominal = true;
    if (token.text === ',' && !isQuoteMark(tokens[k + 1]) && !isQuoteMark(tokens[k - 1])) {
      const close = sawNominal ? appositiveEnd(tokens, k, to) : -1;
      if (close < 0) return false;
      k = close;
    }
  }
  return false;
}

const SUBORDINATORS = new Set(['who', 'which', 'whom', 'whose', 'that']);
/** Objects of "said" that are no proposition: "said nothing when …", "said goodbye". */
const MERE_OBJECTS = new Set([
  'nothing',
  'little',
  'something',
  'much',
  'anything',
  'everything',
  'goodbye',
  'hello',
]);

/** A present-tense verb the tagger read as a plural noun: "the scheme costs about …", "the queue now starts". */
function taggedAsNoun(tokens: Token[], k: number): boolean {
  const token = tokens[k] as Token;
  const prev = tokens[k - 1];
  const next = tokens[k + 1];
  if (token.pos !== 'NOUN' || !/[^s]s$/.test(token.lower) || !prev || !next) return false;
  const singular = prev.pos === 'NOUN' && !prev.lower.endsWith('s');
  if (!(singular || prev.pos === 'ADV')) return false;
  if (next.pos === 'ADP') return prev.pos === 'ADV';
  return next.pos === 'DET' || next.pos === 'NUM' || next.pos === 'ADV' || /^[$£€]/.test(next.text);
}

/** The closing comma of an appositive or aside that opens at the comma `k` ("the USS Sampson, a destroyer, …"). */
function appositiveEnd(tokens: Token[], k: number, to: number): number {
  for (let j = k + 1; j <= to && j - k < 12; j++) {
    const t = tokens[j] as Token;
    if (t.text === ',') return j > k + 1 ? j : -1;
    const infinitive = tokens[j - 1]?.lower === 'to';
    if (t.pos === 'AUX' || (t.pos === 'VERB' && !infinitive && !t.lower.endsWith('ing'))) return -1;
  }
  return -1;
}

/** The index of the previous token at or before `k` that is not an adverb, auxiliary or negation. */
export function skipBackModifiers(tokens: Token[], k: number, floor: number): number {
  let i = k;
  while (i >= floor) {
    const token = tokens[i] as Token;
    if (token.pos === 'ADV' || token.pos === 'AUX' || (token.pos === 'PART' && token.lower !== "'s")) i--;
    else break;
  }
  return i;
}
