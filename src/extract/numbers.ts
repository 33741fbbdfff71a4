/** English number grammar: digit strings, number words, scales, fractions and currencies. */

/** Cardinal number words and their values. */
export const NUMBER_WORDS: Readonly<Record<string, number>> = {
  zero: 0,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
  twenty: 20,
  thirty: 30,
  forty: 40,
  fifty: 50,
  sixty: 60,
  seventy: 70,
  eighty: 80,
  ninety: 90,
  dozen: 12,
};

/** Multipliers written as words or abbreviations after a number ("270 billion", "£3bn", "5k"). */
export const SCALES: Readonly<Record<string, number>> = {
  hundred: 1e2,
  thousand: 1e3,
  million: 1e6,
  billion: 1e9,
  trillion: 1e12,
  k: 1e3,
  m: 1e6,
  mn: 1e6,
  mln: 1e6,
  bn: 1e9,
  b: 1e9,
  tn: 1e12,
  trn: 1e12,
  tr: 1e12,
};

/** Fraction words ("half", "a third", "two-thirds") and their values. */
export const FRACTIONS: Readonly<Record<string, number>> = {
  half: 0.5,
  halves: 0.5,
  third: 1 / 3,
  thirds: 1 / 3,
  quarter: 0.25,
  quarters: 0.25,
  fifth: 0.2,
  fifths: 0.2,
  tenth: 0.1,
  tenths: 0.1,
};

/** Regex source (no groups) matching one number word, scale word included. */
export const NUMBER_WORD_PATTERN = `(?:${[
  ...Object.keys(NUMBER_WORDS),
  'hundred',
  'thousand',
  'million',
  'billion',
  'trillion',
]
  .sort((a, b) => b.length - a.length)
  .join('|')})`;

/**
 * Parses a digit string: "7,000" → 7000, "3.0" → 3, "1,234.5" → 1234.5. Returns null for malformed
 * grouping ("1,00"), versions ("1.8.3") and anything that is not a plain number.
 */
export function parseDigits(text: string): number | null {
  if (/^\d{1,3}(?:,\d{3})+(?:\.\d+)?$/.test(text)) return Number(text.replace(/,/g, ''));
  if (/^\d+(?:\.\d+)?$/.test(text)) return Number(text);
  if (/^\.\d+$/.test(text)) return Number(text);
  return null;
}

/**
 * Parses a run of number words: "two" → 2, "twenty-five" → 25, "two hundred" → 200, "a dozen" → 12,
 * "three million" → 3e6, "two hundred and fifty thousand" → 250000. Returns null if a word is not a number.
 */
export function parseNumberWords(text: string): number | null {
  const words = text
    .toLowerCase()
    .split(/[\s-]+/)
    .filter((w) => w && w !== 'and');
  if (words.length === 0) return null;
  let total = 0;
  let current = 0;
  let seen = false;
  for (const [i, word] of words.entries()) {
    if ((word === 'a' || word === 'an') && i === 0) {
      current = 1;
      continue;
    }
    const unit = NUMBER_WORDS[word];
    if (unit !== undefined) {
      if (word === 'dozen') current = (current || 1) * 12;
      else current += unit;
      seen = true;
      continue;
    }
    const scale = SCALES[word];
    if (scale === undefined || word.length === 1) return null;
    seen = true;
    if (scale === 100) current = (current || 1) * 100;
    else {
      total += (current || 1) * scale;
      current = 0;
    }
  }
  return seen ? total + current : null;
}

/** Scale multiplier of a word or abbreviation ("billion", "bn", "m"), or undefined. */
export function scaleOf(word: string): number | undefined {
  return SCALES[word.toLowerCase()];
}

const SYMBOL_CURRENCIES: Readonly<Record<string, string>> = {
  $: 'USD',
  US$: 'USD',
  A$: 'AUD',
  AU$: 'AUD',
  C$: 'CAD',
  CA$: 'CAD',
  NZ$: 'NZD',
  HK$: 'HKD',
  S$: 'SGD',
  R$: 'BRL',
  '£': 'GBP',
  '€': 'EUR',
  '¥': 'JPY',
  '₹': 'INR',
  '₩': 'KRW',
  '₽': 'RUB',
};

/** Regex source (no groups) matching a currency symbol with its optional country prefix ("US$", "£"). */
export const CURRENCY_SYMBOL_PATTERN = '(?:US|AU|CA|NZ|HK|A|C|S|R)?[$£€¥₹₩₽]';

/** ISO 4217 code for a currency symbol ("$" → USD, "£" → GBP, "A$" → AUD), or undefined. */
export function currencyFromSymbol(symbol: string): string | undefined {
  return SYMBOL_CURRENCIES[symbol.replace(/\s+/g, '')];
}

const ISO_CODES = new Set([
  'USD',
  'GBP',
  'EUR',
  'JPY',
  'CNY',
  'RMB',
  'INR',
  'AUD',
  'CAD',
  'NZD',
  'HKD',
  'SGD',
  'CHF',
  'RUB',
  'BRL',
  'KRW',
  'ZAR',
  'MXN',
  'SEK',
  'NOK',
  'DKK',
]);

const CURRENCY_WORDS: Readonly<Record<string, string>> = {
  dollar: 'USD',
  dollars: 'USD',
  'us dollars': 'USD',
  'u.s. dollars': 'USD',
  'australian dollars': 'AUD',
  'canadian dollars': 'CAD',
  'new zealand dollars': 'NZD',
  'hong kong dollars': 'HKD',
  'singapore dollars': 'SGD',
  sterling: 'GBP',
  'pounds sterling': 'GBP',
  pound: 'GBP',
  pounds: 'GBP',
  euro: 'EUR',
  euros: 'EUR',
  yen: 'JPY',
  yuan: 'CNY',
  renminbi: 'CNY',
  rupee: 'INR',
  rs: 'INR',
  rupees: 'INR',
  rouble: 'RUB',
  roubles: 'RUB',
  ruble: 'RUB',
  rubles: 'RUB',
  'swiss francs': 'CHF',
  francs: 'CHF',
  won: 'KRW',
  rand: 'ZAR',
  pesos: 'MXN',
};

/** Regex source (no groups) for currency words and ISO codes written after an amount. */
export const CURRENCY_WORD_PATTERN = `(?:${[...Object.keys(CURRENCY_WORDS), ...ISO_CODES]
  .sort((a, b) => b.length - a.length)
  .map((w) => w.replace(/\./g, '\\.').replace(/ /g, '\\s+'))
  .join('|')})`;

/** ISO code for a currency word or code written after an amount ("dollars", "euros", "GBP"), or undefined. */
export function currencyFromWord(word: string): string | undefined {
  const upper = word.toUpperCase();
  if (ISO_CODES.has(upper) && word === upper) return upper === 'RMB' ? 'CNY' : upper;
  return CURRENCY_WORDS[word.toLowerCase().replace(/\s+/g, ' ')];
}

const UNIT_ABBREVIATIONS: Readonly<Record<string, string>> = {
  kilometre: 'km',
  kilometres: 'km',
  kilometer: 'km',
  kilometers: 'km',
  kms: 'km',
  metre: 'metres',
  meter: 'metres',
  meters: 'metres',
  kilogram: 'kg',
  kilograms: 'kg',
  kilo: 'kg',
  kilos: 'kg',
  kgs: 'kg',
  megabyte: 'MB',
  megabytes: 'MB',
  meg: 'MB',
  megs: 'MB',
  mb: 'MB',
  kilobyte: 'KB',
  kilobytes: 'KB',
  kb: 'KB',
  gigabyte: 'GB',
  gigabytes: 'GB',
  gb: 'GB',
  terabyte: 'TB',
  terabytes: 'TB',
  tb: 'TB',
  'per cent': 'percent',
  pct: 'percent',
  pc: 'percent',
  p: 'pence',
  c: 'degrees Celsius',
  '°c': 'degrees Celsius',
  f: 'degrees Fahrenheit',
  '°f': 'degrees Fahrenheit',
  celsius: 'degrees Celsius',
  centigrade: 'degrees Celsius',
  fahrenheit: 'degrees Fahrenheit',
  '°': 'degrees',
  '%': 'percent',
  percent: 'percent',
  persons: 'people',
  person: 'people',
  others: 'people',
};

/** Canonical unit name for a counted noun or measure ("kilometres" → "km", "per cent" → "percent"). */
export function normaliseUnit(unit: string): string {
  const key = unit.toLowerCase().replace(/\s+/g, ' ');
  return UNIT_ABBREVIATIONS[key] ?? unit;
}

/** Value of a fraction word ("half" → 0.5, "thirds" → 1/3), or undefined. */
export function fractionOf(word: string): number | undefined {
  return FRACTIONS[word.toLowerCase()];
}
