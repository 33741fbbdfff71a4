import { CURRENCY_SYMBOL_PATTERN, NUMBER_WORD_PATTERN } from './numbers.ts';

/** Context patterns the figure scanner reads around a number: qualifiers, calendar words, identifiers. */

const NW = NUMBER_WORD_PATTERN;
const TIME_UNIT = '(?:second|minute|hour|day|week|fortnight|month|year|decade|century)';

/**
 * One number mention: a vague amount, a fraction, a digit chunk (with its glued characters, classified
 * later), a run of number words, or "a"/"an" before a unit of time. Never starts inside a word or an
 * identifier such as "G7", "MH17" or "A320-200".
 */
export const NUMBER_MENTION = new RegExp(
  '(?<![\\p{L}\\p{N}_]|[\\p{L}\\p{N}][-./]|\\d,)(?:' +
    '(?<vague>(?:tens|hundreds|thousands|millions|billions|dozens|scores)\\s+of\\s+(?:thousands|millions|billions)' +
    '|(?:several|many|a\\s+few)\\s+(?:hundred|thousand|million|billion)' +
    '|scores(?=\\s+of\\b)|dozens|hundreds|thousands|millions|billions)' +
    `|(?<fraction>(?:an?\\s+|one\\s+)?(?:half|third|quarter|fifth|tenth)|(?:one|two|three|four)[-\\s](?:thirds?|quarters?|fifths?))` +
    `|(?<digits>(?<symbol>${CURRENCY_SYMBOL_PATTERN})?\\d[^\\s()\\[\\]"“”;!?—–…]*)` +
    `|(?<words>(?:an?\\s+(?=(?:dozen|hundred|thousand|million|billion)\\b))?${NW}(?:[\\s-]+${NW})*)` +
    `|(?<article>an?)(?=\\s+(?:half[\\s-]+)?${TIME_UNIT}\\b)` +
    ')(?![\\p{L}])',
  'giu',
);

/** Qualifiers written before a number, longest first; matched against the text that ends at the number. */
export const QUALIFIER_BEFORE =
  /\b(just over|just under|well over|well under|more than|fewer than|less than|no more than|as many as|as much as|as few as|close to|upwards of|in excess of|an estimated|up to|at least|at most|about|around|nearly|almost|roughly|approximately|some|over|under|below|above|between)\s+$/i;

/** A month name (or its abbreviation) right before a day number: "March 8", "Jan. 3". */
export const MONTH_BEFORE =
  /\b(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?\s+$/;

/** A month name right after a day number: "8 March". */
export const MONTH_AFTER =
  /^\s+(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\b/;

/** A time of day after a number: "9 a.m.", "10pm", "6 o'clock", "14:00 GMT". */
export const CLOCK_AFTER =
  /^\s*(?:a\.m\.|p\.m\.|am\b|pm\b|o['’]clock\b|GMT\b|BST\b|UTC\b|ET\b|EST\b|PST\b|CET\b|hrs\b)/;

/** A rank or list marker right before a number: "No. 4", "No 10", "#1", "Number 10". */
export const RANK_BEFORE = /(?:\b(?:No|no|Nos|Number)\.?|#)\s*$/;

/**
 * True when the noun "number" ends `text` before `at` (spaces between): "story number 3", "the number 42
 * bus", "ranked number one" name or rank something; "his home number nine times" still counts the times.
 */
export function numberNounBefore(text: string, at: number): boolean {
  let q = at;
  while (q > 0 && isSpaceCode(text.charCodeAt(q - 1))) q--;
  if (q === at) return false;
  // Checked by hand, as this runs for every number: "number" or "numbers", any case, as a whole word.
  const s = (text.charCodeAt(q - 1) | 32) === 115 ? 1 : 0;
  const from = q - 6 - s;
  if (from < 0 || text.slice(from, from + 6).toLowerCase() !== 'number') return false;
  if (from === 0) return true;
  const c = text.charCodeAt(from - 1);
  // An astral letter before it ("𝐀number") is a surrogate pair: left to the regex.
  return c >= 0xdc00 && c <= 0xdfff
    ? !LETTER.test(text.slice(Math.max(0, from - 2), from))
    : !isLetterCode(c);
}

/** A verb of calling right before a number: the number is a telephone number ("phoned 911"). */
export const PHONE_BEFORE =
  /\b(?:call(?:ed|ing|s)?|phon(?:e|ed|es|ing)|dial(?:l?ed|l?ing|s)?|text(?:ed|ing)?)\s+$/i;

/** A noun right after a number that marks it as a telephone or emergency number ("a 911 emergency call"). */
export const PHONE_AFTER = /^\s+(?:emergency|hotline|dispatch(?:er)?|operator)\b/i;

/** Scale words written as separate words after a number: "270 billion", "3 bn". */
export const SCALE_AFTER = /^\s+(thousand|million|billion|trillion|bn|mn|mln|tn)\b/i;

/** Percent signs and words after a number. */
export const PERCENT_AFTER = /^\s*(?:(?<points>percentage\s+points?\b)|%|per\s*cent\b|pct\b)/i;

/** Words before a pair "X to Y" that make it a change, not a range: "rose by 5 to 45", "from £10 to £12". */
export const CHANGE_BEFORE =
  /\b(?:by|from|rose|rise|rises|risen|rising|fell|fall|falls|fallen|falling|increased?|decreased?|climbed|dropped|grew|jumped|slipped|slid|surged|soared|plunged|cut|raised|lowered|up|down)\s+$/i;

/** Range connectors between two numbers: "50 to 100", "50-100", "between 5 and 10". */
export const RANGE_CONNECTOR = /^\s*(?:to|-|–|—|and|or)\s*/i;

/** Preposition before a four-digit number that makes it a year ("in 2014", "since 1840"). */
export const YEAR_PREPOSITION =
  /\b(?:in|since|by|until|till|from|of|before|after|during|through|to|and|early|late|mid|the|summer|spring|autumn|winter|fall|season|year|’|')[\s-]*$/i;

/** Units of time, singular, as they head a duration. */
export const TIME_UNITS = new Set([
  'second',
  'minute',
  'hour',
  'day',
  'week',
  'fortnight',
  'month',
  'year',
  'decade',
  'century',
]);

/** Units that may follow a number with a hyphen: "two-year", "154-pound", "a 10-mile walk". */
export const COMPOUND_UNITS = new Set([
  ...TIME_UNITS,
  'pound',
  'kilogram',
  'kilo',
  'kg',
  'tonne',
  'ton',
  'ounce',
  'gram',
  'mile',
  'kilometre',
  'kilometer',
  'km',
  'metre',
  'meter',
  'foot',
  'feet',
  'inch',
  'yard',
  'acre',
  'hectare',
  'gallon',
  'litre',
  'liter',
  'storey',
  'story',
  'floor',
  'bedroom',
  'room',
  'bed',
  'seat',
  'game',
  'match',
  'member',
  'man',
  'person',
  'page',
  'lane',
  'hole',
  'degree',
  'megawatt',
  'megapixel',
  'nation',
  'country',
  'team',
  'player',
  'judge',
  'part',
  'episode',
  'track',
  'song',
  'course',
  'lap',
  'set',
  'mph',
  'percent',
]);

/** Letter suffixes glued to digits that name a unit ("50km", "26.6MB", "10m"); the value is the digits. */
export const GLUED_UNIT =
  /^(km|kg|kgs|mph|kph|cm|mm|nm|ft|lb|lbs|mg|mcg|g|mb|gb|kb|tb|gbps|mbps|kbps|hz|khz|mhz|ghz|fps|mah|ppm|mp|wh|ml|kw|mw|gw|kwh|sq|hrs?|mins?|secs?|m|ha|p|pc|°?c|°?f|°)$/i;

/** Video modes written like pence ("1080p"): a resolution, never money. */
export const VIDEO_MODES = new Set([240, 360, 480, 576, 720, 1080, 1440, 2160, 4320]);

/** Degrees written as words after a number: "2 degrees Celsius", "5 degrees". */
export const DEGREES_AFTER = /^\s*(?:°|degrees?)\s*(Celsius|centigrade|Fahrenheit|C|F)?\b/;

/** Scale suffixes glued to digits ("£3bn", "$5m", "10k"). `m` is a million only for money. */
export const GLUED_SCALE = /^(bn|mn|m|k|tn|trn|b)$/i;

/** Nouns after "one" that make it an idiom or a pronoun rather than a count. */
export const ONE_IDIOMS = new Set([
  'of',
  'another',
  'thing',
  'way',
  'hand',
  'day',
  'step',
  'side',
  'point',
  'time',
  'reason',
  'question',
  'problem',
  'solution',
  'issue',
  'example',
  'man',
  'woman',
  'person',
  'more',
  'last',
  'such',
  'or',
]);

/** Words after which "half" is a part of a game or period, not a fraction ("second half"). */
export const HALF_NOT_FRACTION = /\b(?:first|second|other|latter|former|better|back|top|bottom|the)\s+$/i;

/** What may follow a bare fraction word for it to be a quantity ("half the help", "a third of"). */
export const FRACTION_FOLLOWER =
  /^[\s-]+(?:of|the|a|an|its|his|her|their|our|my|your|all|that|this|those|these|what|as)\b/i;

/** JS `\s` for one UTF-16 code unit. */
export function isSpaceCode(c: number): boolean {
  return (
    (c >= 9 && c <= 13) ||
    c === 32 ||
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

const isDigitCode = (c: number) => c >= 48 && c <= 57;
const NAME_CHAR = /[\p{L}\p{N}'’.-]/u;
const LETTER = /\p{L}/u;
const WORD_BEFORE_SPACE = /(\p{L}[\p{L}\p{N}'’.-]*)\s+$/u;

function isNameCode(c: number): boolean {
  if (c < 128)
    return (
      (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || isDigitCode(c) || c === 39 || c === 46 || c === 45
    );
  return c === 0x2019 || NAME_CHAR.test(String.fromCharCode(c));
}

function isLetterCode(c: number): boolean {
  if (c < 128) return (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
  return LETTER.test(String.fromCharCode(c));
}

/**
 * The word (letter first, then letters, digits, apostrophes, dots, hyphens) that ends right before the
 * spaces ending at `at`, looking back `window` characters: `/(\p{L}[\p{L}\p{N}'’.-]*)\s+$/u` on that
 * window, scanned backwards by hand as this runs for every number. `from` is where the word starts.
 */
export function wordBeforeSpaces(
  text: string,
  at: number,
  window: number,
): { word: string; from: number } | null {
  const lo = Math.max(0, at - window);
  let q = at;
  while (q > lo && isSpaceCode(text.charCodeAt(q - 1))) q--;
  if (q === at) return null;
  let r = q;
  for (; r > lo; r--) {
    const c = text.charCodeAt(r - 1);
    // Astral characters (surrogate pairs) are left to the regex.
    if (c >= 0xd800 && c <= 0xdfff) {
      const m = WORD_BEFORE_SPACE.exec(text.slice(lo, at));
      return m ? { word: m[1] as string, from: at - m[0].length } : null;
    }
    if (!isNameCode(c)) break;
  }
  let p = r;
  while (p < q && !isLetterCode(text.charCodeAt(p))) p++;
  return p < q ? { word: text.slice(p, q), from: p } : null;
}

/** `/(?:[*×^+]|\d\s[-−])\s*$/` by hand: `text` ends in an operator, as in a formula ("2 x 3", "5 - 2"). */
export function endsInOperator(text: string): boolean {
  let q = text.length;
  while (q > 0 && isSpaceCode(text.charCodeAt(q - 1))) q--;
  const c = text.charCodeAt(q - 1);
  if (c === 42 || c === 0xd7 || c === 94 || c === 43) return true;
  return (
    (c === 45 || c === 0x2212) &&
    q >= 3 &&
    isSpaceCode(text.charCodeAt(q - 2)) &&
    isDigitCode(text.charCodeAt(q - 3))
  );
}

/** `/\d\s$/`: a digit and one space end `text` (the number before is part of the same figure). */
export function endsInDigitSpace(text: string): boolean {
  const n = text.length;
  return n >= 2 && isDigitCode(text.charCodeAt(n - 2)) && isSpaceCode(text.charCodeAt(n - 1));
}
