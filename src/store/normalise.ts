/**
 * Text folding for matching. People type "zelensky" for "President Volodymyr Zelenský": no case, no accents,
 * no title, often the surname only. Names and topics are compared on a folded form stored beside the original.
 */

const TITLES = new Set([
  'mr',
  'mrs',
  'ms',
  'miss',
  'mx',
  'dr',
  'prof',
  'professor',
  'sir',
  'dame',
  'lord',
  'lady',
  'president',
  'vice',
  'prime',
  'minister',
  'chancellor',
  'secretary',
  'general',
  'gen',
  'gov',
  'governor',
  'senator',
  'sen',
  'rep',
  'representative',
  'mayor',
  'king',
  'queen',
  'prince',
  'princess',
  'pope',
  'rev',
  'judge',
  'justice',
  'chief',
  'ambassador',
  'commissioner',
  'premier',
  'colonel',
  'col',
  'captain',
  'capt',
  'lt',
  'sgt',
  'st',
]);

const NON_ASCII = /[^\x00-\x7f]/;

/** Lower case, diacritics and compatibility forms folded (NFKD, marks removed), punctuation → single spaces. */
export function foldText(text: string): string {
  // Every stored quote, claim and figure is folded: plain ASCII, the usual case, skips NFKD and the Unicode
  // classes, which fold it no differently.
  if (!NON_ASCII.test(text)) {
    return text
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, ' ')
      .trim();
  }
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/**
 * The key a speaker is matched on: folded, with honorifics and office titles dropped ("President Volodymyr
 * Zelenskýy" → "volodymyr zelenskyy"). A name made only of title words keeps them, so it still matches itself.
 */
export function speakerKey(name: string): string {
  const words = foldText(name).split(' ').filter(Boolean);
  const kept = words.filter((word) => !TITLES.has(word));
  return (kept.length > 0 ? kept : words).join(' ');
}

/** The words of a free-text topic, folded; empty when it has none. */
export function topicWords(topic: string): string[] {
  return foldText(topic).split(' ').filter(Boolean).slice(0, 16);
}
