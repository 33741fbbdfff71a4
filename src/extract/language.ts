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

const SAMPLE_CHARS = 2000;

const LANGUAGES = Object.keys(STOPWORDS);
/** Each function word with the indexes (into LANGUAGES) of the languages that use it: one lookup per word. */
const WORD_LANGUAGES = new Map<string, number[]>();
LANGUAGES.forEach((lang, i) => {
  for (const word of STOPWORDS[lang] as string[]) {
    const langs = WORD_LANGUAGES.get(word) ?? [];
    if (!langs.includes(i)) langs.push(i);
    WORD_LANGUAGES.set(word, langs);
  }
});

/** Languages told apart by their script alone, when most letters are not Latin. */
const SCRIPTS: [RegExp, string][] = [
  [/\p{Script=Cyrillic}/gu, 'ru'],
  [/\p{Script=Arabic}/gu, 'ar'],
  [/\p{Script=Han}/gu, 'zh'],
  [/[\p{Script=Hiragana}\p{Script=Katakana}]/gu, 'ja'],
  [/\p{Script=Hangul}/gu, 'ko'],
  [/\p{Script=Greek}/gu, 'el'],
  [/\p{Script=Hebrew}/gu, 'he'],
  [/\p{Script=Devanagari}/gu, 'hi'],
];

function dominantScript(sample: string): string | null {
  // Most articles hold no letter outside Latin at all: one early-exit scan settles that.
  if (!/[^\p{Script=Latin}\P{L}]/u.test(sample)) return null;
  const letters = sample.match(/\p{L}/gu)?.length ?? 0;
  const latin = sample.match(/\p{Script=Latin}/gu)?.length ?? 0;
  if (letters === 0 || latin / letters > 0.5) return null;
  let best: string | null = null;
  let bestCount = 0;
  for (const [pattern, code] of SCRIPTS) {
    const count = sample.match(pattern)?.length ?? 0;
    if (count > bestCount) {
      best = code;
      bestCount = count;
    }
  }
  return best ?? 'und';
}

/**
 * The article's language as a two-letter code: the declared one (feed `<language>`, HTML `lang`) when given,
 * else the language whose function words dominate the text. Defaults to English on too little text.
 */
export function detectLanguage(text: string, declared?: string): string {
  const tag = declared?.trim().toLowerCase().split(/[-_]/)[0];
  if (tag && /^[a-z]{2,3}$/.test(tag)) return tag;
  // The opening few thousand characters decide as well as the whole text, at a fraction of the cost.
  const sample = text.length > SAMPLE_CHARS ? text.slice(0, SAMPLE_CHARS) : text;
  const script = dominantScript(sample);
  if (script) return script;
  const words = sample.toLowerCase().match(/\p{L}+/gu) ?? [];
  if (words.length < 8) return 'en';
  const scores = new Array<number>(LANGUAGES.length).fill(0);
  for (const word of words) {
    const langs = WORD_LANGUAGES.get(word);
    if (langs) for (const i of langs) scores[i] = (scores[i] as number) + 1;
  }
  let best = 'en';
  let bestScore = 0;
  LANGUAGES.forEach((lang, i) => {
    if ((scores[i] as number) > bestScore) {
      best = lang;
      bestScore = scores[i] as number;
    }
  });
  return best;
}
