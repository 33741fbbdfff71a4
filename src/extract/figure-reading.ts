import {
  CHANGE_BEFORE,
  CLOCK_AFTER,
  COMPOUND_UNITS,
  DEGREES_AFTER,
  endsInDigitSpace,
  endsInOperator,
  FRACTION_FOLLOWER,
  GLUED_SCALE,
  GLUED_UNIT,
  HALF_NOT_FRACTION,
  MONTH_AFTER,
  MONTH_BEFORE,
  ONE_IDIOMS,
  PERCENT_AFTER,
  PHONE_AFTER,
  PHONE_BEFORE,
  QUALIFIER_BEFORE,
  RANGE_CONNECTOR,
  RANK_BEFORE,
  SCALE_AFTER,
  VIDEO_MODES,
  wordBeforeSpaces,
} from './figure-patterns.ts';
import {
  CURRENCY_SYMBOL_PATTERN,
  CURRENCY_WORD_PATTERN,
  currencyFromSymbol,
  currencyFromWord,
  fractionOf,
  NUMBER_WORD_PATTERN,
  normaliseUnit,
  parseDigits,
  parseNumberWords,
  scaleOf,
} from './numbers.ts';

/** A number expression read from the text: value, scale, currency or percent, range and qualifier. */
export interface NumberReading {
  /** Offsets of the expression within the scanned text (qualifier excluded). */
  start: number;
  end: number;
  value: number | null;
  valueMax?: number;
  qualifier?: string;
  qualifierStart?: number;
  /** A unit fixed by the expression itself (ISO currency, percent, km, "years" from "two-year"). */
  unit?: string;
  /** The expression may be a calendar year; the caller decides with the noun that follows. */
  maybeYear?: boolean;
  /** Counts with "a"/"an" before the number ("a 50 slip marina"): the first noun is the unit. */
  afterArticle?: boolean;
  kind: 'digits' | 'words' | 'vague' | 'fraction' | 'article';
  /** A capitalised word precedes the number ("Flight 370"): an identifier unless a counted noun follows. */
  afterName?: boolean;
  /** A scale word or suffix multiplied the value ("billion", "bn"). */
  scaled?: boolean;
}

const CURRENCY_WORD_AFTER = new RegExp(`^\\s+(${CURRENCY_WORD_PATTERN})\\b`);
const SECOND_NUMBER = new RegExp(
  `^(${CURRENCY_SYMBOL_PATTERN})?((?:\\d{1,3}(?:,\\d{3})+|\\d+)(?:\\.\\d+)?|${NUMBER_WORD_PATTERN}(?:[\\s-]+${NUMBER_WORD_PATTERN})*)(?![\\p{L}\\d])`,
  'iu',
);
const TIME_UNIT_AFTER =
  /^[\s-]+(?:an?\s+)?(second|minute|hour|day|week|fortnight|month|year|decade|century)s?\b/i;
const SENTENCE_OPENER = /(?:^|[.!?:;"“‘'(—–-]\s*|\n\s*)$/;

/** True when the text before `at` ends a sentence or a clause opener, so a capital letter there is expected. */
function opensSentence(text: string, at: number): boolean {
  return SENTENCE_OPENER.test(text.slice(Math.max(0, at - 4), at));
}

/** Capitalised words that open a sentence before a count and never name anything ("All 120 economists"). */
const FUNCTION_WORDS = new Set(
  'a an the all some any only just about around nearly almost over under more fewer less at in on by for with of to from than as and but or nor so yet those these its their his her our my your every each another roughly approximately both further up exactly precisely barely still when while after before since until during per including'.split(
    ' ',
  ),
);

/**
 * A capitalised content word right before `at` ("Flight 370", "Borderlands 3"): the number may be part
 * of a name. Function words ("All 120 economists") and month names ("March 8") are not names.
 */
function properNameBefore(text: string, at: number): boolean {
  const m = wordBeforeSpaces(text, at, 30);
  if (!m || !/\p{Lu}/u.test(m.word)) return false;
  if (FUNCTION_WORDS.has(m.word.toLowerCase())) return false;
  return !MONTH_BEFORE.test(text.slice(m.from, at));
}

const pluralise = (unit: string) =>
  unit === 'foot' || unit === 'feet'
    ? 'feet'
    : unit === 'century'
      ? 'centuries'
      : unit === 'man'
        ? 'men'
        : unit === 'person'
          ? 'people'
          : /s$/.test(unit)
            ? unit
            : `${unit}s`;

/** Reads the qualifier before `start` ("more than"), returning it and where it begins. */
function qualifierBefore(text: string, start: number): { qualifier: string; at: number } | undefined {
  const left = text.slice(Math.max(0, start - 24), start);
  const m = QUALIFIER_BEFORE.exec(left);
  if (!m) return undefined;
  return { qualifier: (m[1] as string).toLowerCase(), at: start - (left.length - m.index) };
}

/** Percent, currency word or scale written after the number at `end`; moves `end` past what it reads. */
function readSuffixes(
  text: string,
  end: number,
  reading: { value: number | null; unit?: string; end: number; scaled?: boolean },
): void {
  let rest = text.slice(end);
  const scale = reading.scaled ? null : SCALE_AFTER.exec(rest);
  if (scale) {
    reading.value = reading.value === null ? null : reading.value * (scaleOf(scale[1] as string) ?? 1);
    reading.scaled = true;
    end += scale[0].length;
    rest = text.slice(end);
  }
  const percent = reading.unit ? null : PERCENT_AFTER.exec(rest);
  if (percent) {
    reading.unit = percent.groups?.points ? 'percentage points' : 'percent';
    end += percent[0].length;
  } else if (!reading.unit && DEGREES_AFTER.test(rest)) {
    const degrees = DEGREES_AFTER.exec(rest) as RegExpExecArray;
    reading.unit = degrees[1] ? normaliseUnit(degrees[1]) : 'degrees';
    end += degrees[0].length;
  } else if (!reading.unit) {
    const money = CURRENCY_WORD_AFTER.exec(rest);
    const iso = money ? currencyFromWord(money[1] as string) : undefined;
    // "154 pounds" is a weight; "3 million pounds" or "£" context is money. "3 won prizes" is the verb:
    // amounts in won run to thousands.
    const word = (money?.[1] as string | undefined)?.toLowerCase();
    const weight = iso === 'GBP' && (word === 'pound' || word === 'pounds') && !reading.scaled;
    const verb = word === 'won' && !reading.scaled && (reading.value ?? 0) < 1000;
    if (money && iso && !weight && !verb) {
      reading.unit = iso;
      end += money[0].length;
    }
  }
  reading.end = end;
}

/** Classifies a digit chunk ("7,000", "£3bn", "50km", "52-year-old", "1.8.3", "0x08") and reads its value. */
function readDigits(
  chunk: string,
  symbol: string | undefined,
  code: string | undefined,
): Omit<NumberReading, 'start' | 'end'> | null {
  const body = chunk.slice(symbol?.length ?? 0);
  if (/^\d+(?:st|nd|rd|th)$/i.test(body)) return null;
  if (/^\d+['’]?s$/.test(body)) return null;
  if (/[:/^×*=+]/.test(body) || /\d\.\d+\.\d/.test(body) || /\d\p{L}+\d/u.test(body)) return null;
  const m = /^(\d[\d,]*(?:\.\d+)?)(.*)$/u.exec(body);
  if (!m) return null;
  const base = parseDigits(m[1] as string);
  if (base === null) return null;
  // "£15,000-a-year", "$5bn-a-year": the rate suffix does not change the amount.
  const rest = (m[2] as string).replace(/-(?:a|an|per)-\p{L}+$/u, '');
  const currency = symbol ? currencyFromSymbol(symbol) : code;
  if (symbol && !currency) return null;
  // A leading zero marks a code or a telephone number ("0800", "020"), not a quantity.
  if (/^0\d/.test(m[1] as string)) return null;
  const out: Omit<NumberReading, 'start' | 'end'> = { value: base, kind: 'digits' };
  if (currency) out.unit = currency;
  if (rest === '') {
    out.maybeYear = !symbol && /^\d{4}$/.test(m[1] as string);
    return out;
  }
  if (rest === '%') return { ...out, unit: 'percent' };
  // Without money, "4K" and "5b" are names and "m" may be metres; "bn" stays a billion ("7.8bn people").
  if (GLUED_SCALE.test(rest) && (currency || /^(?:bn|mn|trn?|tn)$/i.test(rest))) {
    return { ...out, value: base * (scaleOf(rest) ?? 1), scaled: true };
  }
  if (/^p$/i.test(rest) && VIDEO_MODES.has(base)) return null;
  // A capital letter alone names a generation or a format ("5G", "3D"), except degrees ("40C").
  if (/^[A-BD-EG-Z]$/.test(rest)) return null;
  if (GLUED_UNIT.test(rest)) return { ...out, unit: normaliseUnit(rest) };
  const range = /^-(\d[\d,]*(?:\.\d+)?)$/.exec(rest);
  if (range) {
    const max = parseDigits(range[1] as string);
    if (max === null || max <= base || /^\d{3}-\d{4}$/.test(body)) return null;
    if (/^\d{4}-\d{2,4}$/.test(body) && base >= 1000 && base <= 2100) return null;
    return { ...out, valueMax: max };
  }
  const compound = /^-(\p{L}+)(?:-olds?|-long)?$/u.exec(rest);
  if (compound && COMPOUND_UNITS.has((compound[1] as string).toLowerCase())) {
    return { ...out, unit: normaliseUnit(pluralise((compound[1] as string).toLowerCase())) };
  }
  return null;
}

/**
 * Reads the number expression behind one NUMBER_MENTION match in `text` (a paragraph or the title), or
 * returns null when it is not a quantity: a date, a time, a rank, an identifier, a phone number, an idiom.
 */
export function readNumber(match: RegExpExecArray, text: string, isTitle: boolean): NumberReading | null {
  const groups = match.groups ?? {};
  const start = match.index;
  let raw = match[0];
  const q = qualifierBefore(text, start);
  const left = text.slice(Math.max(0, start - 30), start);
  if (RANK_BEFORE.test(left) || PHONE_BEFORE.test(left)) return null;
  let reading: NumberReading;

  if (groups.vague) {
    reading = { start, end: start + raw.length, value: null, kind: 'vague' };
  } else if (groups.fraction) {
    const words = raw.toLowerCase().split(/[\s-]+/);
    const fraction = fractionOf(words.at(-1) as string) ?? 0;
    const count = words.length > 1 ? (parseNumberWords(words[0] as string) ?? 1) : 1;
    const after = text.slice(start + raw.length);
    const time = TIME_UNIT_AFTER.exec(after);
    if (words.length === 1 && (HALF_NOT_FRACTION.test(left) || words[0] !== 'half')) return null;
    if (!time && !FRACTION_FOLLOWER.test(after) && !(q && words.length > 1)) return null;
    reading = { start, end: start + raw.length, value: count * fraction, kind: 'fraction', unit: 'fraction' };
    const ofOne = /^\s+an?(?=\s)/i.exec(after);
    if (!time && ofOne) {
      // "half a cent": the noun after the article is what the fraction measures.
      reading.unit = undefined;
      reading.end += ofOne[0].length;
    }
    if (time) {
      reading.unit = pluralise((time[1] as string).toLowerCase());
      reading.end += time[0].length;
    }
  } else if (groups.article) {
    const before = text.slice(Math.max(0, start - 6), start);
    if (!q && !/\bfor\s+$/i.test(before)) return null;
    const time = TIME_UNIT_AFTER.exec(text.slice(start + raw.length));
    if (!time) return null;
    reading = {
      start,
      end: start + raw.length + time[0].length,
      value: 1,
      unit: pluralise((time[1] as string).toLowerCase()),
      kind: 'article',
    };
  } else if (groups.digits) {
    raw = raw.replace(/[.,:;'’"”)\]]+$/u, '');
    const code = CODE_BEFORE.exec(left);
    const parsed = readDigits(
      raw,
      groups.symbol,
      code ? currencyFromWord((code[1] as string).replace('.', '')) : undefined,
    );
    if (!parsed) return null;
    // Groups of digits separated by spaces are one telephone or reference number ("0800 123 4567").
    if (!groups.symbol && (endsInDigitSpace(left) || /^\s\d/.test(text.slice(start + raw.length))))
      return null;
    if ((left.endsWith("'") || left.endsWith('’')) && /^\d{2}$/.test(raw)) return null;
    if (endsInOperator(left) || /^\s*[*×^=+]/.test(text.slice(start + raw.length))) return null;
    // readDigits returns a fresh object: complete it in place rather than copying it.
    reading = parsed as NumberReading;
    reading.start = start;
    reading.end = start + raw.length;
    reading.afterName = properNameBefore(text, start);
    if (code && !groups.symbol && parsed.unit) {
      reading.start -= code[0].length;
      reading.afterName = false;
    }
    if (
      reading.valueMax !== undefined &&
      SCORE_CONTEXT.test(`${left} ${text.slice(reading.end, reading.end + 30)}`)
    )
      return null;
    if (/^\d+[.)]$/.test(text.slice(start, start + raw.length + 1)) && opensSentence(text, start)) {
      // "1. Finland": an enumerator at the start of a line is a rank.
      if (/^\s*\n?\s*$/.test(text.slice(Math.max(0, start - 2), start))) return null;
    }
  } else if (groups.words) {
    const value = parseNumberWords(raw);
    if (value === null) return null;
    if (!isTitle && /^\p{Lu}/u.test(raw) && !opensSentence(text, start)) return null;
    reading = { start, end: start + raw.length, value, kind: 'words' };
    const after = text.slice(reading.end);
    const compound = /^-(\p{L}+)(?:-olds?|-long)?\b/u.exec(after);
    if (compound) {
      const word = (compound[1] as string).toLowerCase();
      if (!COMPOUND_UNITS.has(word)) return null;
      reading.unit = normaliseUnit(pluralise(word));
      reading.end += compound[0].length;
    } else if (value === 1 && !q && !AND_A_HALF.test(after)) {
      const next = /^\s+(\p{L}+)(?:\s+(\p{L}+))?/u.exec(after);
      const word = next?.[1]?.toLowerCase();
      const distributive = next?.[2]?.toLowerCase() === 'each';
      // "one person died" is a count; "said one person" quotes somebody.
      const human =
        /^(?:person|man|woman|child)$/.test(word ?? '') && !SPEECH_NEAR.test(`${left} ${after.slice(0, 30)}`);
      const counted = TIME_UNIT_AFTER.test(after) || distributive || human;
      if (!word || !counted || (ONE_IDIOMS.has(word) && !distributive && !human)) return null;
    }
  } else {
    return null;
  }

  const half =
    (reading.kind === 'digits' || reading.kind === 'words') && !reading.unit && reading.value !== null
      ? AND_A_HALF.exec(text.slice(reading.end))
      : null;
  if (half && reading.value !== null) {
    reading.value += 0.5;
    reading.end += half[0].length;
  }
  if (!reading.unit) {
    const age = AGE_AFTER.exec(text.slice(reading.end));
    if (age) {
      reading.unit = 'years';
      reading.end += age[0].length;
    }
  }
  const after = text.slice(reading.end);
  if (CLOCK_AFTER.test(after) || PHONE_AFTER.test(after)) return null;
  const dayNumber = reading.value !== null && reading.value <= 31 && Number.isInteger(reading.value);
  if (dayNumber && reading.kind === 'digits' && (MONTH_BEFORE.test(left) || MONTH_AFTER.test(after)))
    return null;
  if (reading.kind === 'digits' || reading.kind === 'words' || reading.kind === 'vague')
    readSuffixes(text, reading.end, reading);
  if (reading.scaled || reading.unit?.startsWith('percent') || (reading.unit && reading.unit !== 'years'))
    reading.maybeYear = false;

  const between = q?.qualifier === 'between' || /\bbetween\b[^,;.]*$/i.test(left);
  if (reading.kind === 'digits' || reading.kind === 'words') readRange(text, reading, between);
  if (q && q.qualifier !== 'between') {
    reading.qualifier = q.qualifier;
    reading.qualifierStart = q.at;
  } else if (q) reading.qualifierStart = q.at;
  return reading;
}

/** Words around a hyphenated pair that make it a score ("a 30-20 loss", "won 2-1"). */
const SCORE_CONTEXT =
  /\b(?:win|wins|won|winning|lose|loses|lost|losing|loss|victory|defeat|defeated|beat|beats|draw|drew|lead|led|score|scored|scoreline|final|vote|votes|voted|ruling|ruled|decision|margin|deficit|series|sweep|tie|tied|comeback|match|game|games|goals?)\b/i;

/** An ISO currency code or "Rs" written before the amount: "USD 5 million", "Rs 500". */
const CODE_BEFORE = /\b([A-Z]{3}|Rs\.?)\s?$/;

/** Speech verbs next to "one person": the phrase names a speaker, not a count. */
const SPEECH_NEAR = /\b(?:said|says|say|told|tells|asked|wrote|added|explained|commented|according)\b/i;

/** "two and a half years": the half belongs to the number. */
const AND_A_HALF = /^\s+and\s+a\s+half\b/i;

/** "93 year-old", "7 years old", "a 40 year old man": an age written with spaces. */
const AGE_AFTER = /^\s+years?[-\s]old\b/i;

/** Extends a reading over a range's upper end ("50 to 100", "between 0.5% and 0.75%", "$5-$10bn"). */
function readRange(text: string, reading: NumberReading, between: boolean): void {
  if (reading.valueMax !== undefined || reading.value === null) return;
  const rest = text.slice(reading.end);
  const connector = RANGE_CONNECTOR.exec(rest);
  if (!connector) return;
  const word = connector[0].trim().toLowerCase();
  if (word === 'and' && !between) return;
  const before = text.slice(Math.max(0, (reading.qualifierStart ?? reading.start) - 14), reading.start);
  if (word === 'to' && CHANGE_BEFORE.test(before) && !/\brang\w*\s+from\s+$/i.test(before)) return;
  const second = SECOND_NUMBER.exec(rest.slice(connector[0].length));
  if (!second) return;
  const digits = /^\d/.test(second[2] as string);
  if (digits !== (reading.kind === 'digits')) return;
  const max = digits ? parseDigits(second[2] as string) : parseNumberWords(second[2] as string);
  if (max === null) return;
  const upper: { value: number | null; unit?: string; end: number; scaled?: boolean } = {
    value: max,
    end: 0,
  };
  const symbol = second[1] ? currencyFromSymbol(second[1]) : undefined;
  if (symbol) upper.unit = symbol;
  readSuffixes(text, reading.end + connector[0].length + second[0].length, upper);
  // "5 to 10%" shares the second unit; "1.2% to 13,000" is no range.
  const clash = reading.unit && upper.unit && reading.unit !== upper.unit;
  if (upper.value === null || clash || (reading.unit?.startsWith('percent') && !upper.unit)) return;
  if (upper.scaled && !reading.scaled) reading.value = reading.value * ((upper.value as number) / max);
  if (upper.value < reading.value) return;
  reading.valueMax = upper.value;
  reading.unit ??= upper.unit;
  reading.end = upper.end;
  reading.maybeYear = reading.maybeYear && reading.value >= 1000 && reading.value <= 2100;
}
