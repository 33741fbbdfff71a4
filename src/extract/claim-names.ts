import type { Token } from './nlp.ts';

/** A run of capitalised name tokens in the article ("Jens Stoltenberg", "Federal Reserve"). */
interface NameRun {
  text: string;
  words: string[];
  starts: number[];
  at: number;
  end: number;
}

/** Honorifics and ranks that precede a name but are not part of it. */
export const NAME_TITLES = new Set([
  'mr',
  'mrs',
  'ms',
  'miss',
  'dr',
  'prof',
  'professor',
  'sir',
  'dame',
  'lord',
  'lady',
  'president',
  'chair',
  'chairman',
  'secretary',
  'general',
  'secretary-general',
  'minister',
  'prime',
  'sen',
  'senator',
  'rep',
  'gov',
  'governor',
  'chancellor',
  'coach',
  'judge',
  'king',
  'queen',
  'ceo',
  'chief',
  'mayor',
  'pope',
  'rev',
  'father',
  'st',
  'former',
  'president-elect',
]);

/** Lower-case particles inside names ("Joost van Hoof"). */
export const NAME_PARTICLES = new Set([
  'van',
  'von',
  'de',
  'der',
  'da',
  'di',
  'la',
  'le',
  'bin',
  'al',
  'el',
  'du',
  'dos',
]);

/** Upper-case first letter; ASCII answered without the Unicode regex (this runs on every proper noun). */
function startsUpper(text: string): boolean {
  const c = text.charCodeAt(0);
  if (c < 128) return c >= 65 && c <= 90;
  return /^\p{Lu}/u.test(text);
}

function isNameWord(token: Token): boolean {
  if (token.pos !== 'PROPN' || !startsUpper(token.text)) return false;
  const lower = token.lower;
  return !NAME_TITLES.has(lower.endsWith('.') ? lower.slice(0, -1) : lower);
}

/**
 * Every multi-word name the article spells out, so a surname, a given name or a short form can be
 * completed: "Stoltenberg" → "Jens Stoltenberg", "Fran" → "Fran Finney", "Fed" → "Federal Reserve".
 */
export class NameIndex {
  private readonly runs: NameRun[] = [];

  constructor(
    private readonly input: string,
    tokens: Token[],
  ) {
    let k = 0;
    while (k < tokens.length) {
      const token = tokens[k] as Token;
      if (!isNameWord(token)) {
        k++;
        continue;
      }
      let end = k;
      while (end + 1 < tokens.length) {
        const next = tokens[end + 1] as Token;
        const joined = (tokens[end] as Token).sentence === next.sentence;
        if (
          joined &&
          (isNameWord(next) || (NAME_PARTICLES.has(next.lower) && isNameWord(tokens[end + 2] as Token)))
        )
          end++;
        else break;
      }
      if (end > k && end - k < 4) {
        const run = tokens.slice(k, end + 1);
        const last = (tokens[end] as Token).end;
        this.runs.push({
          text: input.slice(token.start, last),
          words: run.map((t) => t.lower),
          starts: run.map((t) => t.start),
          at: token.start,
          end: last,
        });
      }
      k = end + 1;
    }
  }

  /** The full name whose last word is `word` ("Netanyahu" → "Benjamin Netanyahu"), or null. */
  surname(word: string): string | null {
    const lower = word.toLowerCase();
    const run = this.runs.find((r) => r.words.length > 1 && r.words[r.words.length - 1] === lower);
    return run ? run.text : null;
  }

  /** The fuller name a one-word name stands for, preferring the nearest one before `at`; null if none. */
  complete(word: string, at: number): string | null {
    const lower = word.toLowerCase();
    const pick = (test: (run: NameRun) => boolean): NameRun | undefined => {
      let best: NameRun | undefined;
      for (const run of this.runs) {
        if (!test(run)) continue;
        if (run.at <= at) best = run;
        else if (!best) return run;
      }
      return best;
    };
    const surname = pick((run) => run.words[run.words.length - 1] === lower);
    if (surname) return surname.text;
    const given = pick((run) => run.words[0] === lower && run.words.length <= 3);
    if (given) return given.text;
    if (lower.length < 2 || word !== word.replace(/^\p{Ll}/u, '')) return null;
    const short = this.runs.find((run) =>
      run.words.some((w) => w.length > lower.length + 2 && w.startsWith(lower)),
    );
    if (!short) return null;
    const from = short.words.findIndex((w) => w.startsWith(lower));
    return this.input.slice(short.starts[from], short.end);
  }
}
