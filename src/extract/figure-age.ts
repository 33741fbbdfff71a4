import { tokenIndexAt } from './figure-noun.ts';
import type { Analysis } from './nlp.ts';

/**
 * Age limits: "residents under 25", "children under five", "people over 65", "anyone aged over 18",
 * "kids 12 and under". The number bounds an age, it does not count the people named before it.
 */

/** Words that name people (singular and plural) or stand for them ("everyone", "those"). */
const PEOPLE = new Set([
  ...'people persons everyone everybody anyone anybody someone somebody nobody those whoever men women children kids youth youths'.split(
    ' ',
  ),
  ...'person kid baby infant toddler adult teen teenager youngster student pupil boy girl son daughter grandchild resident citizen voter driver worker employee patient user passenger customer player athlete applicant individual pensioner retiree senior traveller traveler rider commuter fan viewer consumer smoker victim survivor migrant refugee immigrant candidate recruit volunteer participant visitor tourist motorist cyclist gamer reader listener member'
    .split(' ')
    .flatMap((w) => [w, `${w}s`]),
]);

/** A people word, then an optional "aged", then a bound right before the number. */
const BOUND_AFTER_PERSON =
  /(?:^|[^\p{L}])(\p{L}+)\s+(?:aged\s+)?(?:under|over|below|above|between|younger\s+than|older\s+than|as\s+young\s+as|as\s+old\s+as)\s+$/iu;

/** "aged under 25", "ages over 65": the bound follows an age word, whatever comes before it. */
const BOUND_AFTER_AGE = /\b(?:aged|ages?)\s+(?:under|over|below|above|between|up\s+to)\s+$/i;

/** "children 5 and under", "kids 12 or younger": an open bound written after the number. */
const BOUND_AFTER_NUMBER = /^\s+(?:and|or)\s+(?:under|over|younger|older|below|above|up)\b/i;
const PERSON_BEFORE = /(?:^|[^\p{L}])(\p{L}+)\s+$/u;

/** A plural demonym ("Americans", "Israelis"); not "-ers", which a sentence-initial "Numbers" would match. */
const DEMONYM = /^\p{Lu}\p{L}*(?:ans|ese|is)$/u;

/** True when `word` names people: a people word or a plural demonym. */
function namesPeople(word: string): boolean {
  return PEOPLE.has(word.toLowerCase()) || DEMONYM.test(word);
}

/**
 * Where the age bound before a number starts: `before` is the text that ends where the number (its
 * qualifier included) starts, `after` the text right after the number. Returns the index in `before` of
 * the people word ("residents under 25"), -1 when an age word needs none ("aged over 18"), or null when
 * the number bounds no age. Only plausible ages count.
 */
export function ageBoundBefore(
  before: string,
  after: string,
  value: number | null,
  valueMax?: number,
): number | null {
  if (value === null || value <= 0 || value >= 120 || (valueMax !== undefined && valueMax >= 120))
    return null;
  if (BOUND_AFTER_AGE.test(before)) return -1;
  const bound = BOUND_AFTER_PERSON.exec(before);
  const person = bound ?? (BOUND_AFTER_NUMBER.test(after) ? PERSON_BEFORE.exec(before) : null);
  if (!person || !namesPeople(person[1] as string)) return null;
  return person.index + person[0].indexOf(person[1] as string);
}

/** Qualifiers the figure reader finds that may bound an age ("under 25"; "between" leaves none set). */
const BOUND_QUALIFIERS = new Set(['under', 'over', 'below', 'above', 'up to']);

/** True when `text` has `word` then spaces right before `at`: a check on characters, run for every number. */
function wordThenSpacesBefore(text: string, at: number, word: string): boolean {
  let q = at;
  while (q > 0 && text.charCodeAt(q - 1) === 32) q--;
  return q < at && q >= word.length && text.startsWith(word, q - word.length);
}

/**
 * The age bound on a number read from `text` (a block starting at `offset` in the input), or null. It
 * says whether a verb comes right before the people word: "sent victims over 40 texts" may then count
 * the texts, while "free for residents under 25 ..." never counts what follows the number.
 */
export function ageBoundAt(
  analysis: Analysis,
  text: string,
  offset: number,
  reading: {
    start: number;
    end: number;
    value: number | null;
    valueMax?: number;
    kind: string;
    unit?: string;
    qualifier?: string;
    qualifierStart?: number;
  },
): { afterVerb: boolean } | null {
  const { value, valueMax } = reading;
  // A number with its own unit ("under $25", "over 65%", "7 years old") bounds no age of people.
  if (reading.unit !== undefined || (reading.kind !== 'digits' && reading.kind !== 'words')) return null;
  if (value === null || value <= 0 || value >= 120 || (valueMax !== undefined && valueMax >= 120))
    return null;
  // A cheap gate first, as this runs for every number: a bound before it or "and under" after it.
  const bounded =
    (reading.qualifier !== undefined && BOUND_QUALIFIERS.has(reading.qualifier)) ||
    (reading.qualifierStart !== undefined && reading.qualifier === undefined) ||
    wordThenSpacesBefore(text, reading.start, 'than') ||
    wordThenSpacesBefore(text, reading.start, 'as') ||
    text.startsWith(' and ', reading.end) ||
    text.startsWith(' or ', reading.end);
  if (!bounded) return null;
  const from = Math.max(0, reading.start - 40);
  const before = text.slice(from, reading.start);
  const person = ageBoundBefore(
    before,
    text.slice(reading.end, reading.end + 16),
    reading.value,
    reading.valueMax,
  );
  if (person === null) return null;
  if (person < 0) return { afterVerb: false };
  const prev = analysis.tokens[tokenIndexAt(analysis.tokens, offset + from + person) - 1];
  return { afterVerb: prev?.pos === 'VERB' };
}
