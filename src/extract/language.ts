/** Function words by language: enough to tell English from the languages a news feed commonly carries. */
const STOPWORDS: Record<string, string[]> = {
  en: [
    'the',
    'and',
    'of',
    'to',
    'in',
    'is',
    'that',
    'for',
    'it',
    'was',
    'on',
    'with',
    'he',
    'as',
    'said',
    'by',
  ],
  de: [
    'der',
    'die',
    'und',
    'das',
    'ist',
    'nicht',
    'mit',
    'sich',
    'auf',
    'für',
    'ein',
    'eine',
    'dem',
    'den',
    'von',
  ],
  fr: ['le', 'la', 'les', 'et', 'des', 'est', 'une', 'pour', 'dans', 'que', 'qui', 'pas', 'sur', 'du', 'au'],
  es: ['el', 'la', 'los', 'las', 'y', 'que', 'del', 'en', 'por', 'con', 'una', 'para', 'es', 'se', 'al'],
  pt: ['o', 'os', 'as', 'e', 'que', 'do', 'da', 'em', 'para', 'com', 'uma', 'não', 'dos', 'das', 'ao'],
  it: [
    'il',
    'la',
    'che',
    'di',
    'e',
    'per',
    'non',
    'una',
    'sono',
    'della',
    'del',
    'con',
    'gli',
    'anche',
    'alla',
  ],
  nl: [
    'de',
    'het',
    'een',
    'en',
    'van',
    'niet',
    'dat',
    'op',
    'voor',
    'met',
    'zijn',
    'ook',
    'aan',
    'wordt',
    'maar',
  ],
};

const SETS = Object.fromEntries(Object.entries(STOPWORDS).map(([lang, words]) => [lang, new Set(words)]));

/**
 * The article's language as a two-letter code: the declared one (feed `<language>`, HTML `lang`) when given,
 * else the language whose function words dominate the text. Defaults to English on too little text.
 */
export function detectLanguage(text: string, declared?: string): string {
  const tag = declared?.trim().toLowerCase().split(/[-_]/)[0];
  if (tag && /^[a-z]{2,3}$/.test(tag)) return tag;
  if (/[\u0400-\u04FF]{3}/.test(text) && !/[a-z]{3}/i.test(text.replace(/[\u0400-\u04FF]/g, ''))) return 'ru';
  const words = text.toLowerCase().match(/\p{L}+/gu) ?? [];
  if (words.length < 8) return 'en';
  let best = 'en';
  let bestScore = 0;
  for (const [lang, set] of Object.entries(SETS)) {
    let score = 0;
    for (const word of words) if (set.has(word)) score++;
    if (score > bestScore) {
      best = lang;
      bestScore = score;
    }
  }
  return best;
}
