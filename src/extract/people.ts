import type { ExtractContext } from './context.ts';
import {
  FEMALE_TITLES,
  isRoleWord,
  MALE_TITLES,
  NAME_PARTICLES,
  NOT_NAMES,
  ORG_CUES,
  ORG_LINKS,
  PLACE_CUES,
  PLACES,
  ROLE_WORDS,
} from './name-lexicon.ts';
import type { Analysis, Token } from './nlp.ts';
import type { Span } from './types.ts';

export { isRoleWord, ROLE_WORDS };

/** What a capitalised name refers to, as far as the article's own words tell. */
export type NameKind = 'person' | 'org' | 'place' | 'other';

/** One run of capitalised words naming someone or something, with its offsets in the whole input. */
export interface NameMention extends Span {
  /** The words as written, role included ("Nato Secretary-General Jens Stoltenberg"). */
  text: string;
  /** The name without titles and roles ("Jens Stoltenberg"). */
  name: string;
  kind: NameKind;
  /** The title or role written before the name ("Nato Secretary-General", "Mr"), lower-cased. */
  role: string;
  /** Grammatical gender when a title gives it away (Mr, Mrs ...). */
  gender?: 'm' | 'f';
  firstToken: number;
  lastToken: number;
}

/** Upper-case first letter, checked without a Unicode regex (this runs on every token). */
function startsUpper(text: string): boolean {
  const c = text.charCodeAt(0);
  if (c >= 65 && c <= 90) return true;
  if (c < 128) return false;
  const ch = text[0] as string;
  return ch !== ch.toLowerCase() && ch === ch.toUpperCase();
}

function startsLower(text: string): boolean {
  const c = text.charCodeAt(0);
  if (c >= 97 && c <= 122) return true;
  if (c < 128) return false;
  const ch = text[0] as string;
  return ch !== ch.toUpperCase() && ch === ch.toLowerCase();
}

const isCapitalised = (t: Token) => startsUpper(t.text);
const isAcronym = (text: string) => /^(?:\p{Lu}\.?){2,6}$/u.test(text) || /^\p{Lu}{2,}s?$/u.test(text);

const GLUE_START = /^[\p{L}\u00ad]/u;
const GLUE_END = /[\p{L}\u00ad]$/u;

/** Of the capitalised words that open a sentence, those the article also writes in lower case. */
function ordinaryOpeners(analysis: Analysis): Set<string> {
  const openers = new Set<string>();
  for (const s of analysis.sentences) {
    const t = analysis.tokens[s.firstToken] as Token;
    if (startsUpper(t.text)) openers.add(t.lower);
  }
  const seen = new Set<string>();
  for (const t of analysis.tokens) if (startsLower(t.text) && openers.has(t.lower)) seen.add(t.lower);
  return seen;
}

/** Finds the runs of capitalised words (names of people, organisations, places) in an analysis. */
export function findNameMentions(analysis: Analysis): NameMention[] {
  const { tokens, input } = analysis;
  const lowerSeen = ordinaryOpeners(analysis);
  const mentions: NameMention[] = [];
  const startsSentence = (i: number) =>
    i === 0 || (tokens[i - 1] as Token).sentence !== (tokens[i] as Token).sentence;
  const canStart = (i: number): boolean => {
    const t = tokens[i] as Token;
    if (!isCapitalised(t) || NOT_NAMES.has(t.lower)) return false;
    if (!startsSentence(i) && t.pos !== 'DET' && t.pos !== 'PRON') return true;
    // A sentence opener is a name only when the word is not an ordinary word of the article.
    if (isRoleWord(t.lower)) return true;
    return t.pos === 'PROPN' && !lowerSeen.has(t.lower);
  };
  const joined = (a: Token, b: Token) => a.end === b.start;
  let i = 0;
  while (i < tokens.length) {
    if (!canStart(i)) {
      i++;
      continue;
    }
    let last = i;
    let j = i + 1;
    while (j < tokens.length) {
      const t = tokens[j] as Token;
      const prev = tokens[j - 1] as Token;
      if (t.sentence !== prev.sentence) break;
      // Words split by the tokenizer at a soft hyphen or a non-ASCII letter ("Netan\u00adyahu", "Māori").
      const glued = joined(prev, t) && GLUE_START.test(t.text) && GLUE_END.test(prev.text);
      if (glued || (isCapitalised(t) && !NOT_NAMES.has(t.lower))) {
        last = j;
        j++;
        continue;
      }
      // "Secretary-General", "Zanu-PF": hyphen glued to capitalised words on both sides.
      const next = tokens[j + 1];
      if (
        (t.text === '-' || t.text === '.') &&
        next &&
        joined(prev, t) &&
        joined(t, next) &&
        isCapitalised(next)
      ) {
        j += 2;
        last = j - 1;
        continue;
      }
      const linksOrg = ORG_LINKS.has(t.lower) && orgSoFar(tokens, i, j - 1);
      if ((NAME_PARTICLES.has(t.lower) || linksOrg) && next && isCapitalised(next)) {
        j += 2;
        last = j - 1;
        continue;
      }
      break;
    }
    mentions.push(makeMention(input, tokens, i, last));
    i = last + 1;
  }
  return mentions.filter((m) => m.name.length > 0);
}

/** True when the run [from, to] already names an organisation, so "of"/"and" may continue it. */
function orgSoFar(tokens: Token[], from: number, to: number): boolean {
  for (let k = from; k <= to; k++) {
    const w = (tokens[k] as Token).lower;
    if (isRoleWord(w)) return false;
    if (ORG_CUES.has(w)) return true;
  }
  return false;
}

function makeMention(input: string, tokens: Token[], first: number, last: number): NameMention {
  // Trailing links ("of", "and") never end a name.
  let end = last;
  while (end > first && ORG_LINKS.has((tokens[end] as Token).lower)) end--;
  const words = tokens.slice(first, end + 1);
  const start = words[0] as Token;
  const stop = words[words.length - 1] as Token;
  const text = input.slice(start.start, stop.end);
  const lowers = words.map((w) => w.lower);
  let roleEnd = -1;
  for (let k = 0; k < lowers.length - 1; k++) {
    if (!isRoleWord(lowers[k] as string)) continue;
    if (!ORG_LINKS.has(lowers[k + 1] as string)) roleEnd = k;
    // "Secretary of State Condoleezza Rice": the role runs over "of" and one more word.
    else if (lowers[k + 1] === 'of' && k + 3 < lowers.length && !ORG_CUES.has(lowers[k + 2] as string))
      roleEnd = k + 2;
  }
  const hasOrgCue = lowers.some((w) => ORG_CUES.has(w));
  let kind: NameKind = 'other';
  let nameFrom = 0;
  if (roleEnd >= 0 && !ORG_CUES.has(lowers[lowers.length - 1] as string)) {
    kind = 'person';
    nameFrom = roleEnd + 1;
    while (nameFrom < words.length && /^[-.]$/.test((words[nameFrom] as Token).text)) nameFrom++;
  } else if (hasOrgCue || (words.length === 1 && isAcronym(start.text))) {
    kind = 'org';
  } else if (PLACE_CUES.has(lowers[lowers.length - 1] as string) || PLACES.has(lowers.join(' '))) {
    kind = 'place';
  } else if (
    /\s/.test(text) &&
    !isRoleWord(lowers[lowers.length - 1] as string) &&
    words.every((w) => !/\d/.test(w.text) && (!isAcronym(w.text) || /^\p{Lu}\.$/u.test(w.text)))
  ) {
    kind = 'person';
  }
  const nameStart = (words[nameFrom] ?? start).start;
  const written = nameFrom < words.length ? input.slice(nameStart, stop.end) : '';
  const name = written.includes('\u00ad') ? written.replace(/\u00ad/g, '') : written;
  const role = nameFrom > 0 ? input.slice(start.start, (words[nameFrom - 1] as Token).end).toLowerCase() : '';
  const mention: NameMention = {
    text,
    name,
    kind,
    role,
    start: start.start,
    end: stop.end,
    firstToken: first,
    lastToken: end,
  };
  const roleWords = lowers.slice(0, nameFrom);
  if (roleWords.some((w) => MALE_TITLES.has(w))) mention.gender = 'm';
  if (roleWords.some((w) => FEMALE_TITLES.has(w))) mention.gender = 'f';
  return mention;
}

/** The people and organisations of one article with the fullest form the article gives each. */
export interface NameIndex {
  mentions: NameMention[];
  /** Full person names (two words or more), in order of first appearance. */
  people: string[];
  /** Where each name is first mentioned. */
  firstSeen: Map<string, number>;
  /** Memo of canonicalName's candidate full names per mention. */
  candidates: Map<string, { core: string; pool: string[] }>;
  /** The words of each full name in `people`, split once. */
  peopleWords: Map<string, string[]>;
}

const indexes = new WeakMap<ExtractContext, NameIndex>();

/** Person and organisation mentions of the article, in text order, computed once per context. */
export function nameIndex(ctx: ExtractContext): NameIndex {
  let index = indexes.get(ctx);
  if (!index) {
    const mentions = findNameMentions(ctx.analysis);
    const bodyStart = ctx.article.paragraphs[0]?.start ?? Number.POSITIVE_INFINITY;
    const people: string[] = [];
    for (const m of mentions) {
      if (m.start < bodyStart) continue;
      if (m.kind === 'person' && m.name.includes(' ') && !people.includes(m.name)) people.push(m.name);
    }
    // In a Title Case headline capitals say nothing: a run there is a person only if the body agrees.
    const title = ctx.article.title;
    if (isTitleCase(title)) {
      for (const m of mentions) {
        if (m.start < bodyStart && m.kind === 'person' && !people.some((p) => p.includes(m.name)))
          m.kind = 'other';
      }
    } else {
      for (const m of mentions) {
        if (m.start < bodyStart && m.kind === 'person' && m.name.includes(' ') && !people.includes(m.name))
          people.push(m.name);
      }
    }
    const firstSeen = new Map<string, number>();
    for (const m of mentions) if (!firstSeen.has(m.name)) firstSeen.set(m.name, m.start);
    const peopleWords = new Map(people.map((p) => [p, nameTokens(p)]));
    index = { mentions, people, firstSeen, candidates: new Map(), peopleWords };
    indexes.set(ctx, index);
  }
  return index;
}

/** Person and organisation mentions (with offsets) the article makes, in text order. */
export function personOrgMentions(ctx: ExtractContext): NameMention[] {
  return nameIndex(ctx).mentions.filter((m) => m.kind === 'person' || m.kind === 'org');
}

/** Strips titles and roles written before a name: "Nato Secretary-General Jens Stoltenberg" → "Jens Stoltenberg". */
export function stripRoles(mention: string): string {
  let words = mention
    .trim()
    .replace(/\u00ad/g, '')
    .replace(/(?:'s|’s|'|’)$/u, '')
    .split(/\s+/);
  // An organisation keeps its whole name ("U.N. General Assembly").
  if (ORG_CUES.has((words[words.length - 1] as string).toLowerCase())) return words.join(' ');
  let cut = -1;
  for (let k = 0; k < words.length - 1; k++) {
    const w = (words[k] as string).toLowerCase();
    if (isRoleWord(w) || w.split('-').some((p) => ROLE_WORDS.has(p))) cut = k;
  }
  words = words.slice(cut + 1);
  return words.join(' ');
}

/** True when most words of a headline start with a capital letter. */
function isTitleCase(title: string): boolean {
  const words = title.split(/\s+/).filter((w) => /^\p{L}/u.test(w) && w.length > 3);
  if (words.length < 3) return false;
  return words.filter((w) => /^\p{Lu}/u.test(w)).length / words.length >= 0.7;
}

const nameTokens = (s: string) => s.split(/\s+/).filter(Boolean);

/**
 * The canonical form of a person's name in this article: titles and roles stripped, then the fullest form
 * the article gives ("Mr Stoltenberg" → "Jens Stoltenberg"). When several full names fit ("Finney"), the
 * one mentioned last before `at` wins. Anything that is not a known name comes back as written.
 */
export function canonicalName(mention: string, ctx: ExtractContext, at?: number): string {
  const index = nameIndex(ctx);
  let found = index.candidates.get(mention);
  if (!found) {
    found = candidatesFor(index, mention);
    index.candidates.set(mention, found);
  }
  const { core, pool } = found;
  if (pool.length === 0) return core;
  if (pool.length === 1 || at === undefined) return pool[0] as string;
  const before = pool.filter((full) => (index.firstSeen.get(full) ?? Number.POSITIVE_INFINITY) < at);
  return (before[0] ?? pool[0]) as string;
}

/** The full names a mention may stand for, best first. */
function candidatesFor(index: NameIndex, mention: string): { core: string; pool: string[] } {
  const core = stripRoles(mention);
  if (!core) return { core: mention.trim(), pool: [] };
  const words = nameTokens(core);
  const wordsOf = (full: string) => index.peopleWords.get(full) ?? nameTokens(full);
  const fits = index.people.filter((full) => full !== core && containsRun(wordsOf(full), words));
  // A bare surname shared by relatives names the one the article introduced first; first names go to the
  // one they belong to. Prefer names introduced before `at`.
  const surname = words[words.length - 1] as string;
  const bySurname = fits.filter((full) => wordsOf(full).at(-1) === surname);
  return { core, pool: bySurname.length > 0 ? bySurname : fits };
}

function containsRun(full: string[], part: string[]): boolean {
  if (part.length === 0 || part.length > full.length) return false;
  for (let s = 0; s + part.length <= full.length; s++) {
    if (part.every((w, k) => w === full[s + k])) return true;
  }
  return false;
}
