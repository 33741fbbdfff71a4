import {
  ADDRESSEE_VERBS,
  CLAUSE_VERBS,
  STANCE_VERBS,
  TEMPORAL_WORDS,
  VERB_PREPOSITIONS,
  WEAK_VERBS,
  WH_COMPLEMENTS,
} from './claim-lexicon.ts';
import { isQuoteMark, opensClause } from './claim-phrases.ts';
import type { Sentence, Token } from './nlp.ts';

/** Where the reported proposition of a verb starts. */
export interface Complement {
  first: number;
  /** The complement may be only a direct quotation ("said: “…”"), which makes it a quote, not a claim. */
  quoteOnlyCheck: boolean;
}

/** Verbs that take "NP to VERB" as a proposition: "analysts expect prices to rise". */
const FORECASTS = new Set(['expect', 'forecast', 'predict', 'project', 'believe']);

/** True when a short noun phrase followed by "to" + verb starts at `j` ("oil prices to stay high"). */
function infinitiveSubject(tokens: Token[], j: number, last: number): boolean {
  for (let k = j; k <= last && k < j + 6; k++) {
    const token = tokens[k] as Token;
    if (token.lower === 'to')
      return k > j && nounish(tokens[k - 1] as Token) && tokens[k + 1]?.pos === 'VERB';
    if (!NP_START.has(token.pos) || token.pos === 'PRON') return false;
  }
  return false;
}

/** Verbs whose infinitive complement is itself the claim: "pledged to punish …", "vowed to fight …". */
const COMMITMENTS = new Set(['pledge', 'vow', 'promise', 'threaten', 'claim', 'deny']);
const OBJECT_PRONOUNS = new Set(['him', 'her', 'them', 'us', 'me', 'you', 'it']);
const CALL_PARTICLES = new Set(['for', 'on', 'off', 'up', 'in', 'out', 'back', 'upon', 'at']);
const NP_START = new Set(['DET', 'PROPN', 'NOUN', 'ADJ', 'NUM', 'PRON']);

function nounish(token: Token): boolean {
  return token.pos === 'NOUN' || token.pos === 'PROPN' || token.pos === 'NUM';
}

function within(
  tokens: Token[],
  from: number,
  span: number,
  last: number,
  test: (t: Token) => boolean,
): boolean {
  for (let k = from; k <= last && k < from + span; k++) if (test(tokens[k] as Token)) return true;
  return false;
}

/** Stance verbs keep the verb in the claim; each needs its own kind of object to be an assertion. */
function stanceComplement(tokens: Token[], v: number, lemma: string, s: Sentence): Complement | null {
  const next = tokens[v + 1];
  if (!next || v + 1 > s.lastToken || next.text === '.' || next.text === ',') return null;
  if (lemma === 'call') {
    if (CALL_PARTICLES.has(next.lower) || next.lower === 'to') {
      if (!(next.lower === 'into' || within(tokens, v + 1, 4, s.lastToken, (t) => t.lower === 'into')))
        return null;
    }
    const intoQuestion = within(tokens, v + 1, 5, s.lastToken, (t) => t.lower === 'question');
    if (!intoQuestion && !within(tokens, v + 1, 8, s.lastToken, isQuoteMark)) return null;
  } else if (lemma === 'describe' || lemma === 'regard' || lemma === 'view' || lemma === 'see') {
    const witnessed = lemma === 'describe' && next.lower.endsWith('ing') && next.pos !== 'PROPN';
    if (!witnessed && !within(tokens, v + 1, 8, s.lastToken, (t) => t.lower === 'as')) return null;
  } else if (lemma === 'vouch') {
    if (next.lower !== 'for') return null;
  } else if (!(NP_START.has(next.pos) || isQuoteMark(next) || next.lower === 'that')) {
    return null;
  } else if (!disputesProposition(tokens, v, lemma, s.lastToken)) {
    return null;
  }
  return { first: v, quoteOnlyCheck: false };
}

/** What a stance verb's object needs before it is an assertion, not an act ("rejected the appeal"). */
const STANCE_CUES: Record<string, Set<string>> = {
  accuse: new Set(['of']),
  blame: new Set(['for', 'on']),
  criticize: new Set(['for', 'as', 'over']),
  criticise: new Set(['for', 'as', 'over']),
  condemn: new Set(['as', 'for']),
  dismiss: new Set(['as']),
  defend: new Set(['over', 'against', 'as']),
  brand: new Set(['as']),
  label: new Set(['as']),
};

/** Objects that are themselves propositions: denying "plans", questioning "claims", defending a "decision". */
const PROPOSITION_NOUNS = new Set([
  'claim',
  'allegation',
  'accusation',
  'charge',
  'report',
  'suggestion',
  'assertion',
  'idea',
  'notion',
  'fear',
  'concern',
  'criticism',
  'plan',
  'decision',
  'wrongdoing',
  'involvement',
  'responsibility',
  'role',
  'knowledge',
  'finding',
  'account',
  'version',
  'characterization',
  'characterisation',
  'speculation',
  'rumour',
  'rumor',
  'story',
  'view',
  'assessment',
  'conclusion',
  'theory',
  'record',
  'policy',
  'stance',
  'position',
  'handling',
  'comment',
  'remark',
  'statement',
  'pick',
  'choice',
  'action',
  'existence',
  'intention',
  'threat',
  'warning',
  'sign',
]);

function disputesProposition(tokens: Token[], v: number, lemma: string, last: number): boolean {
  if (
    lemma === 'hail' ||
    lemma === 'disavow' ||
    lemma === 'deride' ||
    lemma === 'refute' ||
    lemma === 'rebut'
  )
    return true;
  const cues = STANCE_CUES[lemma];
  for (let k = v + 1; k <= last && k <= v + 10; k++) {
    const t = tokens[k] as Token;
    if (t.text === '.' || t.text === ';' || (t.text === ',' && k > v + 2)) break;
    if (cues?.has(t.lower) || t.lower === 'that' || isQuoteMark(t)) return true;
    if (PROPOSITION_NOUNS.has(t.lemma) || PROPOSITION_NOUNS.has(t.lower)) return true;
    if (k === v + 1 && lemma === 'defend' && t.pos === 'PRON') return true;
    if (k === v + 1 && WH_COMPLEMENTS.has(t.lower)) return true;
  }
  return false;
}

/** Skips the addressee of "told reporters", "assured him": a pronoun or a short noun phrase. */
function skipAddressee(tokens: Token[], j: number, last: number): number {
  const first = tokens[j];
  if (!first) return j;
  if (OBJECT_PRONOUNS.has(first.lower) && first.lower !== 'it') return j + 1;
  if (first.lower === 'that' || first.pos === 'ADP') return j;
  for (let k = j; k <= last && k < j + 5; k++) {
    const token = tokens[k] as Token;
    if (token.pos === 'PUNCT' && !/^[.-]$/.test(token.text)) return j;
    if (nounish(token)) {
      let end = k;
      while (end + 1 <= last && (tokens[end + 1] as Token).pos === 'PROPN' && token.pos === 'PROPN') end++;
      return end + 1;
    }
  }
  return j;
}

/** Finds "that" after a short run of prepositional or noun material ("said on Monday in a statement that"). */
function thatAfterModifiers(tokens: Token[], j: number, last: number): number {
  for (let k = j; k <= last && k < j + 12; k++) {
    const token = tokens[k] as Token;
    if (token.lower === 'that' && k + 1 <= last) return k;
    if (token.pos === 'VERB' || token.pos === 'AUX' || token.pos === 'SCONJ') return -1;
    if (token.pos === 'PUNCT' && !/^[.-]$/.test(token.text)) return -1;
  }
  return -1;
}

/** A clause after a short prepositional phrase: "said in a statement it expected …". */
function clauseAfterPhrase(tokens: Token[], j: number, last: number, needAux: boolean): number {
  const adp = tokens[j];
  if (adp?.pos !== 'ADP' || adp.lower === 'that') return -1;
  for (let k = j + 1; k <= last && k <= j + 5; k++) {
    const token = tokens[k] as Token;
    if (!/^(DET|ADJ|NOUN|PROPN|NUM)$/.test(token.pos)) return -1;
    if (nounish(token) && opensClause(tokens, k + 1, last, needAux)) {
      const lead = tokens[k + 1] as Token;
      if (lead.pos === 'PRON' || lead.pos === 'DET' || lead.pos === 'PROPN') return k + 1;
    }
  }
  return -1;
}

/**
 * The start of the proposition governed by the reporting verb at `v`, or null when the verb has none
 * (an object only: "announced the holiday"; a directive: "told them to leave").
 */
export function findComplement(tokens: Token[], v: number, lemma: string, s: Sentence): Complement | null {
  if (STANCE_VERBS.has(lemma)) return stanceComplement(tokens, v, lemma, s);
  if (!CLAUSE_VERBS.has(lemma)) return null;
  const last = s.lastToken;
  let j = v + 1;
  while (j <= last && (tokens[j] as Token).pos === 'ADV' && (tokens[j] as Token).lower !== 'how') j++;
  if (j > last) return null;
  const prepositions = VERB_PREPOSITIONS[lemma];
  if (prepositions?.has((tokens[j] as Token).lower)) return { first: v, quoteOnlyCheck: false };
  if (ADDRESSEE_VERBS.has(lemma)) {
    const after = skipAddressee(tokens, j, last);
    if (after !== j) {
      if ((tokens[after] as Token | undefined)?.lower === 'to') return null;
      j = after;
    } else if (lemma === 'tell') {
      return null;
    }
    if (j > last) return null;
  }
  if (
    COMMITMENTS.has(lemma) &&
    (tokens[j] as Token).lower === 'to' &&
    (tokens[j + 1] as Token | undefined)?.pos === 'VERB'
  )
    return { first: v, quoteOnlyCheck: false };
  if (FORECASTS.has(lemma)) {
    const subject = infinitiveSubject(tokens, j, last);
    if (subject) return { first: j, quoteOnlyCheck: false };
  }
  const that = thatAfterModifiers(tokens, j, last);
  if (that >= 0) return { first: that + 1, quoteOnlyCheck: false };
  if (TEMPORAL_WORDS.has((tokens[j] as Token).lower) && j < last) j++;
  const afterPhrase = clauseAfterPhrase(tokens, j, last, WEAK_VERBS.has(lemma));
  if (afterPhrase >= 0) return { first: afterPhrase, quoteOnlyCheck: false };
  const next = tokens[j] as Token;
  if (next.text === ':') return j + 1 <= last ? { first: j + 1, quoteOnlyCheck: true } : null;
  if (next.text === ',') return isQuoteMark(tokens[j + 1]) ? { first: j + 1, quoteOnlyCheck: true } : null;
  if (isQuoteMark(next)) return { first: j, quoteOnlyCheck: false };
  const weak = WEAK_VERBS.has(lemma);
  if (WH_COMPLEMENTS.has(next.lower) && next.lower !== 'who' && !weak)
    return { first: j, quoteOnlyCheck: false };
  if (opensClause(tokens, j, last, WEAK_VERBS.has(lemma))) return { first: j, quoteOnlyCheck: false };
  return null;
}
