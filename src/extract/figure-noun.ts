import { TIME_UNITS } from './figure-patterns.ts';
import type { Analysis, Token } from './nlp.ts';
import { normaliseUnit } from './numbers.ts';

/** The counted noun phrase after a number: "7,000 additional troops" → head "troops". */
export interface CountedNoun {
  /** The unit name: the head noun, lower-cased (a demonym becomes "people"). */
  unit: string;
  /** Offsets of the noun phrase in the whole input. */
  start: number;
  end: number;
  /** The head noun is singular (as in "a 50 slip marina"). */
  singular: boolean;
}

const MODIFIERS = new Set([
  'more',
  'fewer',
  'additional',
  'extra',
  'other',
  'further',
  'new',
  'own',
  'square',
  'cubic',
  'nautical',
]);
const DETERMINERS = new Set([
  'the',
  'these',
  'those',
  'their',
  'its',
  'his',
  'her',
  'our',
  'your',
  'my',
  'all',
]);
/** A capitalised plural that names people by origin or group: "Indonesians", "South Koreans". */
const DEMONYM = /^\p{Lu}\p{L}*(?:ans|ese|is|ers|ians)$/u;
const TIME_DEICTICS = new Set([
  'last',
  'next',
  'this',
  'that',
  'every',
  'each',
  'per',
  'ago',
  'later',
  'earlier',
]);
const NOT_NOUNS = new Set(['percent', 'each', 'apiece', 'ago', 'later', 'earlier', 'old']);

/** The head noun with the common nouns compounded before it: "rate hikes", "heating elements". */
function compoundUnit(tokens: readonly Token[], headIndex: number, from: number): string {
  const head = tokens[headIndex] as Token;
  let unit = head.lower;
  for (let k = headIndex - 1; k >= 0; k--) {
    const t = tokens[k] as Token;
    const after = tokens[k + 1] as Token;
    const capitalised = /^\p{Lu}/u.test(t.text);
    if (t.start < from || t.pos !== 'NOUN' || head.pos !== 'NOUN' || capitalised || after.start - t.end !== 1)
      break;
    unit = `${t.lower} ${unit}`;
  }
  return unit;
}

/** True when the run of proper nouns from token `i` ends in a demonym ("South Koreans"). */
function demonymAhead(tokens: readonly Token[], i: number): boolean {
  let k = i;
  while (tokens[k + 1]?.pos === 'PROPN' && (tokens[k + 1] as Token).start - (tokens[k] as Token).end <= 1)
    k++;
  return DEMONYM.test((tokens[k] as Token).text);
}

/** Index of the first token that starts at or after `offset`, or tokens.length. */
export function tokenIndexAt(tokens: readonly Token[], offset: number): number {
  let lo = 0;
  let hi = tokens.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((tokens[mid] as Token).start < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

const isNoun = (t: Token) => t.pos === 'NOUN' || t.pos === 'PROPN';
const isPlural = (word: string) => /[^s]s$|ies$|people$|men$|children$|feet$|aircraft$|police$/i.test(word);

/**
 * The noun phrase that starts at token `from` (adjectives and nouns, hyphenated words kept together),
 * staying inside sentence `sentence`. `headFirst` takes the first noun as the head ("a 50 slip marina").
 */
export function nounPhraseAt(
  analysis: Analysis,
  from: number,
  sentence: number,
  headFirst = false,
  titleCase = false,
): CountedNoun | null {
  const { tokens } = analysis;
  if (TIME_DEICTICS.has(tokens[from]?.lower ?? '')) return null;
  let head: Token | undefined;
  let headIndex = -1;
  let first: Token | undefined;
  let last: Token | undefined;
  for (let i = from; i < tokens.length && i < from + 7; i++) {
    const t = tokens[i] as Token;
    const next = tokens[i + 1];
    if (t.sentence !== sentence) break;
    const glued = last !== undefined && last.end === t.start;
    const hyphen = t.text === '-' && glued && next !== undefined && next.start === t.end;
    const participle =
      head === undefined &&
      t.pos === 'VERB' &&
      next !== undefined &&
      isNoun(next) &&
      /(?:ed|ing)$/.test(t.lower);
    // The tagger reads some plurals right after a number as verbs: "10 rebounds in the game".
    const pluralVerb =
      i === from &&
      t.pos === 'VERB' &&
      /[^s]s$/.test(t.lower) &&
      (!next || /^(?:ADP|PUNCT|CCONJ)$/.test(next.pos));
    const nounLike = (isNoun(t) && !NOT_NOUNS.has(t.lower)) || pluralVerb;
    const accepted = nounLike || t.pos === 'ADJ' || MODIFIERS.has(t.lower) || hyphen || participle;
    if (!accepted) break;
    // A run that opens with a name ("38 Studios", "10 Downing Street") is not a counted noun.
    if (first === undefined && t.pos === 'PROPN' && !titleCase && !demonymAhead(tokens, i)) return null;
    // Past the head noun only a compound continues the phrase ("rate hikes", "African-American").
    if (head !== undefined && !isNoun(t) && !hyphen && !glued) break;
    first ??= t;
    last = t;
    if (nounLike) {
      if (headFirst && head !== undefined) break;
      head = t;
      headIndex = i;
    }
  }
  if (!head || !first) return null;
  const headEnd = head.end;
  const text = analysis.input.slice(first.start, headEnd);
  let unit = compoundUnit(tokens, headIndex, first.start);
  if (head.pos === 'PROPN' && !titleCase) {
    // "155 Indonesians", "three South Koreans": a plural demonym counts people.
    if (!DEMONYM.test(head.text)) return null;
    unit = 'people';
  }
  return {
    unit: normaliseUnit(unit),
    start: first.start,
    end: headEnd,
    singular: !isPlural(text),
  };
}

/** Nouns that count many in the singular form ("30 aircraft", "400 staff") or irregular plurals. */
const MANY_IN_SINGULAR = new Set(
  'aircraft spacecraft craft sheep fish deer cattle livestock staff personnel crew police military youth head offspring mice geese teeth oxen data media criteria alumni bacteria dice'.split(
    ' ',
  ),
);
/** Units of measure and money that follow a number in the singular ("5 pound a day", "1,000 bitcoin"). */
const MEASURES = new Set(
  'pound stone foot inch yard mile ton tonne ounce gram kilo kilogram metre meter kilometre kilometer litre liter gallon acre hectare degree percent dozen score mph kph km kg lb ft psi horsepower calibre caliber proof carat calorie watt volt byte megabyte gigabyte terabyte bitcoin ether satoshi crore lakh'.split(
    ' ',
  ),
);

/**
 * True for a unit of measure written as a counted noun ("5 kg", "6 foot", "1,000 bitcoin"). Currency
 * words need no check: the reader takes them as the figure's own unit before any noun is looked for.
 */
export function isMeasure(unit: string): boolean {
  if (MEASURES.has(unit)) return true;
  return unit === 'feet' || (unit.endsWith('s') && MEASURES.has(unit.slice(0, -1)));
}

/**
 * True when `noun`, found at token `index` right after a number that counts many, is a lone singular
 * common noun: the verb the number is the subject of, which the tagger reads as a noun ("everyone under 25
 * ride its buses", "over 50 left", "some 40 work there"). A count of many is written in the plural.
 */
function verbAfterCount(tokens: readonly Token[], index: number, noun: CountedNoun): boolean {
  const t = tokens[index];
  if (t?.pos !== 'NOUN' || t.start !== noun.start || t.end !== noun.end || !noun.singular) return false;
  const word = t.lower;
  return !MANY_IN_SINGULAR.has(word) && !TIME_UNITS.has(word) && !isMeasure(word);
}

/**
 * The counted noun after a number expression that ends at `offset`: directly, after "of" ("five of 17
 * policymakers"), or after a bracketed conversion ("50 to 100 (150 to 300 feet) metres"). `many` says
 * the number counts more than one with no unit of its own, so a lone singular noun after it is a verb.
 */
export function countedNounAfter(
  analysis: Analysis,
  offset: number,
  sentence: number,
  headFirst: boolean,
  titleCase = false,
  many = false,
): { noun: CountedNoun; adjacent: boolean } | null {
  const { tokens } = analysis;
  let i = tokenIndexAt(tokens, offset);
  // "3 won prizes": the reader left "won" as the verb (no currency at that size); the tagger says noun.
  if (many && tokens[i]?.lower === 'won') return null;
  const direct = nounPhraseAt(analysis, i, sentence, headFirst, titleCase);
  if (direct)
    return many && !headFirst && verbAfterCount(tokens, i, direct) ? null : { noun: direct, adjacent: true };
  const t = tokens[i];
  if (!t || t.sentence !== sentence) return null;
  if (t.lower === 'of') {
    i++;
    if (tokens[i] && DETERMINERS.has((tokens[i] as Token).lower)) i++;
    if (tokens[i] && (tokens[i] as Token).pos === 'NUM') i++;
    const after = nounPhraseAt(analysis, i, sentence);
    return after ? { noun: after, adjacent: false } : null;
  }
  if (t.text === '(') {
    for (let k = i + 1; k < tokens.length && k < i + 12; k++) {
      const c = tokens[k] as Token;
      if (c.sentence !== sentence) return null;
      if (c.text === ')') {
        const after = nounPhraseAt(analysis, k + 1, sentence);
        return after ? { noun: after, adjacent: false } : null;
      }
    }
  }
  return null;
}

/** The nearest plural noun before `offset` in the same sentence: what an elliptical number counts. */
export function pluralNounBefore(analysis: Analysis, offset: number, sentence: number): string | null {
  const { tokens } = analysis;
  for (let i = tokenIndexAt(tokens, offset) - 1, seen = 0; i >= 0 && seen < 10; i--, seen++) {
    const t = tokens[i] as Token;
    if (t.sentence !== sentence || /^[;:—–()]$/.test(t.text)) break;
    // "numbers 4 and 5" lists identifiers: what a bare number after "numbers" counts is not further back.
    if (t.lower === 'numbers') return null;
    if (t.pos === 'NOUN' && isPlural(t.lower) && !NOT_NOUNS.has(t.lower))
      return normaliseUnit(compoundUnit(tokens, i, 0));
  }
  return null;
}
