import { CLAUSE_LINKS, TEMPORAL_WORDS } from './claim-lexicon.ts';
import { nounPhraseAfter, nounPhraseBefore, skipBackModifiers, type TokenRange } from './claim-phrases.ts';
import type { Holder } from './claim-triggers.ts';
import type { Sentence, Token } from './nlp.ts';

/** The subject of a reporting verb and what stands before it. */
export interface Subject {
  holder: Holder;
  first: number;
  /** The token before the subject, which tells a front attribution from a postposed one. */
  before: Token | undefined;
}

const NEGATIONS = new Set(['not', "n't", 'never', 'nt']);
const CONDITIONAL = new Set(['if', 'whether', 'unless']);

function previousComma(tokens: Token[], from: number, floor: number): number {
  for (let k = from; k >= floor; k--) if ((tokens[k] as Token).text === ',') return k;
  return -1;
}

function relativeAntecedent(tokens: Token[], rel: number, floor: number): TokenRange | null {
  let k = rel - 1;
  if ((tokens[k] as Token | undefined)?.text === ',') k--;
  return k >= floor ? nounPhraseBefore(tokens, k, floor) : null;
}

function isName(tokens: Token[], first: number, last: number): boolean {
  if (last < first || last - first > 3) return false;
  for (let k = first; k <= last; k++) if ((tokens[k] as Token).pos !== 'PROPN') return false;
  return true;
}

function hasFiniteVerb(tokens: Token[], first: number, last: number): boolean {
  for (let k = first + 1; k <= last; k++) {
    const t = tokens[k] as Token;
    if (t.pos === 'AUX' || (t.pos === 'VERB' && !t.lower.endsWith('ing'))) return true;
  }
  return false;
}

/**
 * Extends a subject over a reduced relative clause in front of it: "the agents working the case",
 * "reports seen by Reuters".
 */
function withReducedRelative(tokens: Token[], np: TokenRange, floor: number): TokenRange {
  const verb = tokens[np.first - 1];
  if (!verb || np.first - 1 <= floor) return np;
  let k = np.first - 1;
  if (verb.lower === 'by' && (tokens[k - 1] as Token).pos === 'VERB') k--;
  const participle = tokens[k] as Token;
  if (participle.pos !== 'VERB' || participle.lower === participle.lemma) return np;
  const head = nounPhraseBefore(tokens, k - 1, floor);
  return head && (tokens[head.last] as Token).pos === 'NOUN' ? { first: head.first, last: np.last } : np;
}

/** The subject behind a comma: an appositive ("Soelistyo, head of …, told"), a relative or a verb series. */
function subjectBeforeComma(tokens: Token[], comma: number, s: Sentence): Subject | null {
  const k = previousComma(tokens, comma - 1, s.firstToken);
  if (k < 0) return { holder: { kind: 'inherit' }, first: comma + 1, before: tokens[comma] };
  const lead = tokens[k + 1] as Token;
  const relative = lead.lower === 'who' || lead.lower === 'which';
  const participle = lead.pos === 'VERB' || lead.pos === 'ADV';
  if (!relative && !participle && hasFiniteVerb(tokens, k + 1, comma - 1)) {
    const np = nounPhraseAfter(tokens, k + 1, comma - 1);
    if (!np) return null;
    return { holder: { kind: 'np', range: np }, first: np.first, before: tokens[np.first - 1] };
  }
  if (isName(tokens, k + 1, comma - 1)) {
    const range = { first: k + 1, last: comma - 1 };
    const np = nounPhraseBefore(tokens, k - 1, s.firstToken);
    const first = np ? np.first : k + 1;
    return { holder: { kind: 'np', range }, first, before: tokens[first - 1] };
  }
  const np = nounPhraseBefore(tokens, k - 1, s.firstToken);
  if (!np) return null;
  return { holder: { kind: 'np', range: np }, first: np.first, before: tokens[np.first - 1] };
}

/** Finds the subject of the verb at `v` by walking back over adverbs, auxiliaries and appositives. */
export function findSubject(tokens: Token[], v: number, s: Sentence): Subject | null {
  let i = v - 1;
  for (;;) {
    const j = skipBackModifiers(tokens, i, s.firstToken);
    for (let k = j + 1; k <= i; k++) if (NEGATIONS.has((tokens[k] as Token).lower)) return null;
    i = j;
    const t = tokens[i];
    if (t && TEMPORAL_WORDS.has(t.lower)) {
      i -= tokens[i - 1]?.lower === 'on' ? 2 : 1;
      continue;
    }
    break;
  }
  if (i < s.firstToken) return null;
  const t = tokens[i] as Token;
  if (t.pos === 'CCONJ' || CLAUSE_LINKS.has(t.lower))
    return { holder: { kind: 'inherit' }, first: v, before: t };
  if (t.text === ',') return subjectBeforeComma(tokens, i, s);
  let subject: Subject;
  if (t.pos === 'PRON') {
    if (t.lower === 'there' || t.lower === 'what' || t.lower === 'this') return null;
    subject =
      t.lower === 'who' || t.lower === 'which' || t.lower === 'that'
        ? {
            holder: { kind: 'relative', range: relativeAntecedent(tokens, i, s.firstToken) },
            first: i,
            before: tokens[i - 1],
          }
        : { holder: { kind: 'pronoun', token: i }, first: i, before: tokens[i - 1] };
  } else {
    const found = nounPhraseBefore(tokens, i, s.firstToken);
    if (!found) return null;
    let np = withReducedRelative(tokens, found, s.firstToken);
    const and = tokens[np.first - 1];
    if (and?.lower === 'and' && np.first - 2 >= s.firstToken) {
      const left = nounPhraseBefore(tokens, np.first - 2, s.firstToken);
      if (left) np = { first: left.first, last: np.last };
    }
    subject = { holder: { kind: 'np', range: np }, first: np.first, before: tokens[np.first - 1] };
  }
  const before = subject.before;
  if (before && ((before.pos === 'ADP' && before.lower !== 'by') || CONDITIONAL.has(before.lower)))
    return null;
  return subject;
}
