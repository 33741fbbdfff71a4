import { findComplement } from './claim-complement.ts';
import {
  CLAUSE_LINKS,
  CLAUSE_VERBS,
  PASSIVE_VIEW_VERBS,
  STANCE_VERBS,
  TEMPORAL_WORDS,
} from './claim-lexicon.ts';
import { nounClaims } from './claim-nouns.ts';
import { isPassive, passiveTrigger } from './claim-passive.ts';
import { isQuoteMark, nounPhraseAfter, nounPhraseBefore, type TokenRange } from './claim-phrases.ts';
import { findSubject } from './claim-subject.ts';
import type { Sentence, Token } from './nlp.ts';

/** Who holds a claim, before pronouns and relatives are resolved. */
export type Holder =
  | { kind: 'np'; range: TokenRange }
  | { kind: 'pronoun'; token: number }
  | { kind: 'relative'; range: TokenRange | null }
  | { kind: 'inherit'; antecedent?: Holder | null };

/** One attribution found in a sentence, with the token range of the claim it governs. */
export interface Trigger {
  rule: 'verb' | 'according' | 'noun' | 'passive';
  /** The reporting verb, "according", or the assertion noun. */
  anchor: number;
  /** First token of the attribution (its subject, or the anchor when there is none). */
  attrFirst: number;
  /** Where the claim lies relative to the attribution. */
  dir: 'after' | 'before' | 'span';
  claimFirst: number;
  claimLast: number;
  holder: Holder;
  /** Opens a new clause (", and he said", ", adding that"), so it ends the claim before it. */
  coordinated: boolean;
  /** The claim may be nothing but a direct quotation, which is a quote and not a claim. */
  quoteOnlyCheck: boolean;
  /** The claim ends at the next comma (relative clauses: "X, who said …, told Reuters"). */
  commaBounded: boolean;
}

const RAISING = new Set(['continue', 'appear', 'seem', 'go', 'try']);
const PASSIVE_RAISING = new Set([
  'say',
  'believe',
  'think',
  'report',
  'understand',
  'know',
  'rumour',
  'rumor',
]);
const TITLE_FORMS: Record<string, string> = { says: 'say', said: 'say', claims: 'claim', warns: 'warn' };

const CLAUSE_OPENERS = new Set(['that', 'it', 'he', 'she', 'they', 'we', 'the', 'this', 'there']);

/** The verb lemma of `v`, also for a third-person form the tagger took for a plural noun ("Moscow claims it …"). */
function verbLemma(tokens: Token[], v: number, title: boolean): string | null {
  const token = tokens[v] as Token;
  if (token.pos === 'VERB') return token.lemma;
  if (title && TITLE_FORMS[token.lower]) return TITLE_FORMS[token.lower] as string;
  const prev = tokens[v - 1];
  const next = tokens[v + 1];
  if (token.pos !== 'NOUN' || !prev || !next) return null;
  if (!(prev.pos === 'PROPN' || prev.pos === 'NOUN')) return null;
  const thirdPerson = token.lower.endsWith('s') && CLAUSE_OPENERS.has(next.lower);
  const plural = prev.pos === 'NOUN' && prev.lower.endsWith('s') && /^(DET|PROPN|PRON)$/.test(next.pos);
  if (!thirdPerson && !plural && !(next.lower === 'that' && next.pos === 'SCONJ')) return null;
  return CLAUSE_VERBS.has(token.lemma) || STANCE_VERBS.has(token.lemma) ? token.lemma : null;
}

/** After a postposed tag's verb only adverbials may follow: "…, X said on Monday", "…, X told Reuters". */
function onlyAdverbials(tokens: Token[], v: number, lemma: string, last: number): boolean {
  let k = v + 1;
  const first = tokens[k];
  if (first && (lemma === 'tell' || lemma === 'assure') && (first.pos === 'PROPN' || first.pos === 'NOUN')) {
    while (k <= last && /^(PROPN|NOUN|ADJ)$/.test((tokens[k] as Token).pos)) k++;
  } else if (
    first &&
    (lemma === 'tell' || lemma === 'assure') &&
    (first.pos === 'DET' || first.pos === 'ADJ')
  ) {
    while (k <= last && /^(PROPN|NOUN|ADJ|DET)$/.test((tokens[k] as Token).pos)) k++;
  }
  const next = tokens[k];
  if (!next || k > last) return true;
  if (next.text === ',' || next.text === ';' || FINAL_PUNCT.has(next.text)) return true;
  return next.pos === 'ADP' || next.pos === 'ADV' || next.pos === 'SCONJ' || TEMPORAL_WORDS.has(next.lower);
}

const FINAL_PUNCT = new Set(['.', '!', '?', '”', '"']);

function isPostposedBoundary(token: Token | undefined): boolean {
  return token !== undefined && (token.text === ',' || token.text === '”' || token.text === '"');
}

const INVERTING = new Set([
  'say',
  'add',
  'write',
  'explain',
  'note',
  'insist',
  'argue',
  'warn',
  'claim',
  'state',
  'recall',
  'reply',
  'respond',
  'declare',
  'conclude',
  'concede',
  'admit',
  'report',
  'tweet',
  'counter',
  'think',
  'believe',
]);

/** "…, said X" or "“Q,” said X": the speaker follows the verb and the claim comes before. */
function invertedTrigger(tokens: Token[], v: number, s: Sentence, lemma: string): Trigger | null {
  const prev = tokens[v - 1];
  if (!isPostposedBoundary(prev) || !INVERTING.has(lemma)) return null;
  const lead = tokens[v + 1];
  if (!lead || lead.lower.endsWith('ing')) return null;
  const np = nounPhraseAfter(tokens, v + 1, s.lastToken);
  if (!np) return null;
  const after = tokens[np.last + 1];
  if (after && np.last + 1 < s.lastToken && after.text !== ',' && after.pos !== 'ADP') return null;
  return {
    rule: 'verb',
    anchor: v,
    attrFirst: v - 1,
    dir: 'before',
    claimFirst: s.firstToken,
    claimLast: v - 1,
    holder: { kind: 'np', range: np },
    coordinated: false,
    quoteOnlyCheck: true,
    commaBounded: false,
  };
}

/**
 * Who speaks through a participle ("…, adding that", "going so far as to call"): the antecedent of the
 * nearest "who"/"which" before it, else the subject of the sentence's first verb.
 */
function participleHolder(tokens: Token[], v: number, s: Sentence): Holder | null {
  for (let k = v - 1; k > s.firstToken; k--) {
    const t = tokens[k] as Token;
    if (t.lower === 'who' || t.lower === 'which') {
      let end = k - 1;
      if ((tokens[end] as Token).text === ',') end--;
      const range = nounPhraseBefore(tokens, end, s.firstToken);
      return range ? { kind: 'np', range } : null;
    }
  }
  for (let k = s.firstToken + 1; k < v; k++) {
    const t = tokens[k] as Token;
    if (t.pos !== 'VERB' && t.pos !== 'AUX') continue;
    const subject = findSubject(tokens, k, s);
    return subject && subject.holder.kind !== 'inherit' ? subject.holder : null;
  }
  return null;
}

/** Where the subject search starts for "X is said to believe", "X continued to describe". */
function raisingSubjectEnd(tokens: Token[], v: number): number | null {
  const to = tokens[v - 1];
  if (to?.lower !== 'to') return v;
  const raiser = tokens[v - 2];
  if (!raiser) return null;
  if (RAISING.has(raiser.lemma) && raiser.pos === 'VERB') return v - 2;
  const aux = tokens[v - 3];
  if (PASSIVE_RAISING.has(raiser.lemma) && aux?.pos === 'AUX') return v - 3;
  return null;
}

/** Every lemma a verb trigger can start from (passive views, clause and stance verbs): most verbs are none. */
const TRIGGER_LEMMAS = new Set([...PASSIVE_VIEW_VERBS, ...CLAUSE_VERBS, ...STANCE_VERBS]);

function verbTrigger(tokens: Token[], v: number, s: Sentence, title: boolean): Trigger | null {
  const token = tokens[v] as Token;
  const lemma = verbLemma(tokens, v, title);
  if (!lemma || !TRIGGER_LEMMAS.has(lemma)) return null;
  const passive = passiveTrigger(tokens, v, s, lemma);
  if (passive) return passive;
  if (!(CLAUSE_VERBS.has(lemma) || STANCE_VERBS.has(lemma))) return null;
  if (isPassive(tokens, v, s)) return null;
  const prev = tokens[v - 1];
  const gerund = token.lower.endsWith('ing');
  const afterQuote = prev !== undefined && isQuoteMark(prev) && tokens[v - 2]?.text === ',';
  const asTo = prev?.lower === 'to' && tokens[v - 2]?.lower === 'as';
  if (
    asTo ||
    (gerund &&
      prev &&
      (prev.text === ',' || afterQuote || prev.lower === 'by' || CLAUSE_LINKS.has(prev.lower)))
  ) {
    const complement = findComplement(tokens, v, lemma, s);
    if (!complement) return null;
    return {
      rule: 'verb',
      anchor: v,
      attrFirst: v,
      dir: 'after',
      claimFirst: complement.first,
      claimLast: s.lastToken,
      holder: { kind: 'inherit', antecedent: participleHolder(tokens, v, s) },
      coordinated: true,
      quoteOnlyCheck: complement.quoteOnlyCheck,
      commaBounded: false,
    };
  }
  if (gerund && prev?.pos !== 'AUX') return null;
  const inverted = invertedTrigger(tokens, v, s, lemma);
  const complement = findComplement(tokens, v, lemma, s);
  if (inverted && !complement) return inverted;
  const subjectEnd = raisingSubjectEnd(tokens, v);
  if (subjectEnd === null) return null;
  const subject = findSubject(tokens, subjectEnd, s);
  if (!subject) return null;
  const linked =
    subject.before !== undefined &&
    (subject.before.pos === 'CCONJ' || CLAUSE_LINKS.has(subject.before.lower));
  const coordinated = subject.holder.kind === 'inherit' || linked;
  const afterQuotation = isQuoteMark(subject.before) || isQuoteMark(tokens[subject.first - 2]);
  const tagged = complement?.quoteOnlyCheck && isPostposedBoundary(subject.before) && afterQuotation;
  if (complement && !tagged) {
    return {
      rule: 'verb',
      anchor: v,
      attrFirst: subject.first,
      dir: 'after',
      claimFirst: complement.first,
      claimLast: s.lastToken,
      holder: subject.holder,
      coordinated,
      quoteOnlyCheck: complement.quoteOnlyCheck,
      commaBounded: subject.holder.kind === 'relative',
    };
  }
  if (!isPostposedBoundary(subject.before) || subject.holder.kind === 'inherit') return null;
  if (!onlyAdverbials(tokens, v, lemma, s.lastToken)) return null;
  const named = nameBeforeDescription(tokens, subject.first, s.firstToken);
  return {
    rule: 'verb',
    anchor: v,
    attrFirst: named ? named.first : subject.first,
    dir: 'before',
    claimFirst: s.firstToken,
    claimLast: (named ? named.first : subject.first) - 1,
    holder: named ? { kind: 'np', range: named } : subject.holder,
    coordinated: false,
    quoteOnlyCheck: true,
    commaBounded: false,
  };
}

/** "…,” Erik van Sebille, an oceanographer at …, told Reuters": the name before the description speaks. */
function nameBeforeDescription(tokens: Token[], first: number, floor: number): TokenRange | null {
  if ((tokens[first - 1] as Token | undefined)?.text !== ',') return null;
  let k = first - 2;
  while (
    k >= floor &&
    ((tokens[k] as Token).pos === 'PROPN' ||
      /^(van|von|de|der|da|di|la|le|bin|al)$/.test((tokens[k] as Token).lower))
  )
    k--;
  const run = first - 2 - k;
  if (run < 1 || run > 4 || k < floor || !isPostposedBoundary(tokens[k])) return null;
  return { first: k + 1, last: first - 2 };
}

/** "the chief engineer, Marta Lindqvist, …": the name in apposition names the source best. */
function withAppositiveName(tokens: Token[], np: TokenRange, last: number): TokenRange {
  if ((tokens[np.last + 1] as Token | undefined)?.text !== ',') return np;
  let k = np.last + 2;
  while (k <= last && (tokens[k] as Token).pos === 'PROPN') k++;
  const run = k - (np.last + 2);
  if (run < 1 || run > 4 || (tokens[k] as Token | undefined)?.text !== ',') return np;
  return { first: np.last + 2, last: k - 1 };
}

function accordingTrigger(tokens: Token[], a: number, s: Sentence): Trigger | null {
  if (tokens[a + 1]?.lower !== 'to') return null;
  const found = nounPhraseAfter(tokens, a + 2, s.lastToken);
  if (!found) return null;
  const source = withAppositiveName(tokens, found, s.lastToken);
  let lead = s.firstToken;
  while (lead < a && ((tokens[lead] as Token).pos === 'CCONJ' || (tokens[lead] as Token).pos === 'ADV'))
    lead++;
  const linked = tokens[a - 1]?.pos === 'CCONJ';
  if (lead === a || linked) {
    let claimFirst = source.last + 1;
    if ((tokens[claimFirst] as Token | undefined)?.text === ',') claimFirst++;
    if (claimFirst > s.lastToken) return null;
    return {
      rule: 'according',
      anchor: a,
      attrFirst: a,
      dir: 'after',
      claimFirst,
      claimLast: s.lastToken,
      holder: { kind: 'np', range: source },
      coordinated: true,
      quoteOnlyCheck: false,
      commaBounded: false,
    };
  }
  return {
    rule: 'according',
    anchor: a,
    attrFirst: a,
    dir: 'before',
    claimFirst: s.firstToken,
    claimLast: a - 1,
    holder: { kind: 'np', range: source },
    coordinated: true,
    quoteOnlyCheck: false,
    commaBounded: false,
  };
}

/**
 * Every attribution in one sentence: reporting verbs (front, postposed and inverted), "according to",
 * agentive passives and assertion nouns. Verbs inside quotation marks belong to the quote, not to a claim.
 */
export function findTriggers(tokens: Token[], s: Sentence, quoted: Uint8Array): Trigger[] {
  const found: Trigger[] = [];
  const title = s.paragraph === 0;
  for (let t = s.firstToken; t <= s.lastToken; t++) {
    if (quoted[t]) continue;
    const token = tokens[t] as Token;
    if (token.pos !== 'VERB' && token.pos !== 'NOUN' && !title) continue;
    const trigger =
      token.lower === 'according' ? accordingTrigger(tokens, t, s) : verbTrigger(tokens, t, s, title);
    if (trigger) found.push(trigger);
  }
  for (const noun of nounClaims(tokens, s, quoted)) found.push(noun);
  return found.sort((a, b) => a.anchor - b.anchor);
}
