import { PERSON_PRONOUNS, ROLE_WORDS, THING_PRONOUNS } from './claim-lexicon.ts';
import { NAME_PARTICLES, NAME_TITLES, NameIndex } from './claim-names.ts';
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

/** Nouns that stand for an unnamed source ("the insider" after "a senior US source"). */
const SOURCE_NOUNS = new Set(['source', 'insider', 'official', 'spokesman', 'spokeswoman', 'spokesperson']);
const SOURCE_PATTERN = /\b(source|insider|official|spokes(?:man|woman|person))s?\b/i;

/** Tracks who has been named so far and turns a holder into a claimant string. */
export class ClaimantResolver {
  private readonly mentions: Mention[] = [];
  private readonly names: NameIndex;

  constructor(
    private readonly input: string,
    private readonly tokens: Token[],
    private readonly canonical: (name: string, at: number) => string = (name) => name,
  ) {
    this.names = new NameIndex(input, tokens);
  }

  /** Records a source named elsewhere (a quote's speaker) so later pronouns can point to it. */
  note(name: string, at: number): void {
    const person = /^[A-Z]/.test(name) && name.split(/\s+/).length <= 4 && !/^(The|A|An)\s/.test(name);
    this.mentions.push({ name, written: name, person, at });
  }

  /** The claimant a holder stands for; `inherited` is the previous claimant in the same sentence. */
  resolve(holder: Holder, at: number, inherited: string | null): string | null {
    if (holder.kind === 'inherit') {
      if (inherited) return inherited;
      if (holder.antecedent) return this.resolve(holder.antecedent, at, null);
      return this.last(at, () => true)?.name ?? null;
    }
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
    if (token.lower === 'his' || token.lower === 'her') {
      const owner = this.nameInSentence(t);
      if (owner) return owner;
    }
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

  /** A possessive points to the nearest person named earlier in its own sentence ("Netanyahu's … and his vow"). */
  private nameInSentence(t: number): string | null {
    const sentence = (this.tokens[t] as Token).sentence;
    for (let k = t - 1; k >= 0 && (this.tokens[k] as Token).sentence === sentence; k--) {
      const token = this.tokens[k] as Token;
      if (token.pos !== 'PROPN') continue;
      const full = this.names.surname(token.text);
      if (full) return full;
    }
    return null;
  }

  private fromPhrase(range: TokenRange, at: number): string {
    if (range.first === range.last && this.tokens[range.first]?.pos === 'PRON')
      return this.fromPronoun(range.first, at);
    let first = range.first;
    while (first < range.last && (this.tokens[first] as Token).lower === 'the') first++;
    let last = range.last;
    while (last > first && /^['’]s$/.test((this.tokens[last] as Token).text)) last--;
    const written = this.input.slice((this.tokens[first] as Token).start, (this.tokens[last] as Token).end);
    let head = last;
    for (let k = first + 1; k < last; k++) {
      if ((this.tokens[k] as Token).lower === 'of' && (this.tokens[k - 1] as Token).pos === 'PROPN') {
        head = k - 1;
        break;
      }
    }
    const name = this.personName(first, head);
    if (name) {
      const full = this.fullName(name, at);
      this.mentions.push({ name: full, written, person: true, at });
      return full;
    }
    const role = this.roleHolder(first, last, at);
    if (role) return role;
    const single = first === last && /^\p{Lu}/u.test(written) ? this.names.complete(written, at) : null;
    const body = single ?? written;
    this.mentions.push({ name: body, written, person: false, at });
    return body;
  }

  /** The trailing name of a phrase, without titles: "Fed Chair Janet Yellen" → "Janet Yellen". */
  private personName(first: number, last: number): string | null {
    const run: Token[] = [];
    let titled = false;
    for (let k = last; k >= first; k--) {
      const token = this.tokens[k] as Token;
      if (NAME_TITLES.has(token.lower.endsWith('.') ? token.lower.slice(0, -1) : token.lower)) {
        titled = true;
        break;
      }
      if (token.pos === 'PROPN' || (NAME_PARTICLES.has(token.lower) && run.length > 0)) run.unshift(token);
      else break;
    }
    if (run.length === 0 || run.length > 3) return null;
    const lastToken = this.tokens[last] as Token;
    if (lastToken.pos !== 'PROPN') return null;
    const before = this.tokens[last - run.length];
    const opensPhrase =
      last - run.length < first || titled || before?.pos === 'NOUN' || before?.pos === 'ADJ';
    if (!opensPhrase) return null;
    if (run.length === 1 && !titled && this.tokens[first] !== run[0] && before?.pos !== 'NOUN') return null;
    if (run.length === 1 && !titled && this.capitalisedNoun(last)) return null;
    return this.input.slice((run[0] as Token).start, lastToken.end);
  }

  /** A plural common noun capitalised at the start of a sentence ("Prosecutors said …") is no person's name. */
  private capitalisedNoun(index: number): boolean {
    const token = this.tokens[index] as Token;
    const previous = this.tokens[index - 1];
    const sentenceStart = !previous || previous.sentence !== token.sentence;
    return sentenceStart && /[^s]s$/.test(token.lower) && this.names.surname(token.text) === null;
  }

  /** "Stoltenberg" → "Jens Stoltenberg", "Fed" → "Federal Reserve" when the article spells it out. */
  private fullName(name: string, at: number): string {
    const known = this.canonical(name, at);
    if (known !== name || /\s/.test(name)) return known;
    return this.names.complete(name, at) ?? name;
  }

  /** "the president", "the US official" → the source last named with that role word. */
  private roleHolder(first: number, last: number, at: number): string | null {
    const head = (this.tokens[last] as Token).lower;
    const source = SOURCE_NOUNS.has(head);
    if (!ROLE_WORDS.has(head) && !source) return null;
    const definite = first > 0 && (this.tokens[first - 1] as Token).lower === 'the';
    if (!definite) return null;
    const word = new RegExp(`\\b${head}\\b`, 'i');
    const found = this.last(at, (m) => word.test(m.written));
    if (found && ROLE_WORDS.has(head)) return found.name;
    if (found || !source) return null;
    // "the insider", "the source": the unnamed source the article introduced last.
    const unnamed = this.last(
      at,
      (m) => !m.person && /^an?\s/i.test(m.written) && SOURCE_PATTERN.test(m.written),
    );
    return unnamed ? unnamed.name : null;
  }
}
