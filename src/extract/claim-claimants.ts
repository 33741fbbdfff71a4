import { PERSON_PRONOUNS, ROLE_WORDS, THING_PRONOUNS } from './claim-lexicon.ts';
import type { TokenRange } from './claim-phrases.ts';
import type { Holder } from './claim-triggers.ts';
import type { Token } from './nlp.ts';

/** Someone the article has named as a source so far, in reading order. */
export interface Mention {
  /** The claimant as output: a person's name, or a body's or unnamed source's description. */
  name: string;
  /** The words as written where it was named ("Nato Secretary-General Jens Stoltenberg"). */
  written: string;
  person: boolean;
  at: number;
}

const TITLES = new Set([
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
]);
const PARTICLES = new Set([
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

/** Tracks who has been named so far and turns a holder into a claimant string. */
export class ClaimantResolver {
  private readonly mentions: Mention[] = [];

  constructor(
    private readonly input: string,
    private readonly tokens: Token[],
  ) {}

  /** Records a source named elsewhere (a quote's speaker) so later pronouns can point to it. */
  note(name: string, at: number): void {
    const person = /^[A-Z]/.test(name) && name.split(/\s+/).length <= 4 && !/^(The|A|An)\s/.test(name);
    this.mentions.push({ name, written: name, person, at });
  }

  /** The claimant a holder stands for; `inherited` is the previous claimant in the same sentence. */
  resolve(holder: Holder, at: number, inherited: string | null): string | null {
    if (holder.kind === 'inherit') return inherited ?? this.last(at, () => true)?.name ?? null;
    if (holder.kind === 'relative') {
      if (!holder.range) return inherited ?? this.last(at, () => true)?.name ?? null;
      return this.fromPhrase(holder.range, at);
    }
    if (holder.kind === 'pronoun') return this.fromPronoun(holder.token, at);
    return this.fromPhrase(holder.range, at);
  }

  private last(at: number, test: (m: Mention) => boolean): Mention | undefined {
    for (let i = this.mentions.length - 1; i >= 0; i--) {
      const m = this.mentions[i] as Mention;
      if (m.at <= at && test(m)) return m;
    }
    return undefined;
  }

  private fromPronoun(t: number, at: number): string {
    const token = this.tokens[t] as Token;
    if (PERSON_PRONOUNS.has(token.lower)) {
      const person = this.last(at, (m) => m.person);
      if (person) return person.name;
    } else if (THING_PRONOUNS.has(token.lower)) {
      const plural = token.lower === 'they' || token.lower === 'their' || token.lower === 'them';
      const body = this.last(at, (m) => !m.person && /s$/i.test(m.name) === plural);
      if (body) return body.name;
    }
    return token.text;
  }

  private fromPhrase(range: TokenRange, at: number): string {
    const words = this.tokens.slice(range.first, range.last + 1);
    if (words.length === 1 && (words[0] as Token).pos === 'PRON') return this.fromPronoun(range.first, at);
    let first = range.first;
    while (first < range.last && (this.tokens[first] as Token).lower === 'the') first++;
    let last = range.last;
    while (last > first && /^['’]s$/.test((this.tokens[last] as Token).text)) last--;
    const written = this.input.slice((this.tokens[first] as Token).start, (this.tokens[last] as Token).end);
    const name = this.personName(first, last);
    if (name) {
      const full = this.fullName(name, at);
      this.mentions.push({ name: full, written, person: true, at });
      return full;
    }
    const role = this.roleHolder(first, last, at);
    if (role) return role;
    this.mentions.push({ name: written, written, person: false, at });
    return written;
  }

  /** The trailing name of a phrase, without titles: "Fed Chair Janet Yellen" → "Janet Yellen". */
  private personName(first: number, last: number): string | null {
    const run: Token[] = [];
    let titled = false;
    for (let k = last; k >= first; k--) {
      const token = this.tokens[k] as Token;
      if (TITLES.has(token.lower.replace(/\.$/, ''))) {
        titled = true;
        break;
      }
      if (token.pos === 'PROPN' || (PARTICLES.has(token.lower) && run.length > 0)) run.unshift(token);
      else break;
    }
    if (run.length === 0 || run.length > 3) return null;
    const lastToken = this.tokens[last] as Token;
    if (lastToken.pos !== 'PROPN') return null;
    const before = this.tokens[last - run.length];
    const opensPhrase =
      last - run.length < first || titled || before?.pos === 'NOUN' || before?.pos === 'ADJ';
    if (!opensPhrase) return null;
    if (run.length === 1 && !titled && this.tokens[first] !== run[0]) return null;
    return this.input.slice((run[0] as Token).start, lastToken.end);
  }

  /** "Stoltenberg" → "Jens Stoltenberg" once the article has given the full name. */
  private fullName(name: string, at: number): string {
    if (/\s/.test(name)) return name;
    const match = this.last(at, (m) => m.person && m.name !== name && m.name.endsWith(` ${name}`));
    return match ? match.name : name;
  }

  /** "the president", "the US official" → the source last named with that role word. */
  private roleHolder(first: number, last: number, at: number): string | null {
    const head = (this.tokens[last] as Token).lower;
    if (!ROLE_WORDS.has(head)) return null;
    const definite = first > 0 && (this.tokens[first - 1] as Token).lower === 'the';
    if (!definite) return null;
    const found = this.last(at, (m) => new RegExp(`\\b${head}\\b`, 'i').test(m.written));
    return found ? found.name : null;
  }
}
