import { CLAUSE_VERBS, PASSIVE_VIEW_VERBS } from './claim-lexicon.ts';
import { nounPhraseAfter, nounPhraseBefore, skipBackModifiers } from './claim-phrases.ts';
import type { Trigger } from './claim-triggers.ts';
import type { Sentence, Token } from './nlp.ts';

const CALL_PARTICLES = new Set(['on', 'off', 'up', 'for', 'out', 'in', 'upon', 'back']);

/** True when a form of "be" or "get" stands among the tokens [from, to]. */
function passiveAuxiliary(tokens: Token[], from: number, to: number): boolean {
  for (let k = from; k <= to; k++) {
    const t = tokens[k] as Token;
    if (t.pos === 'AUX' && (t.lemma === 'be' || t.lemma === 'get')) return true;
  }
  return false;
}

/** A passive participle ("was described", "is expected", "called on by"): without an agent it has no holder. */
export function isPassive(tokens: Token[], v: number, s: Sentence): boolean {
  const token = tokens[v] as Token;
  if (token.lower.endsWith('ing') || token.lower === token.lemma) return false;
  const aux = skipBackModifiers(tokens, v - 1, s.firstToken);
  if (passiveAuxiliary(tokens, aux + 1, v - 1)) return true;
  return CALL_PARTICLES.has(tokens[v + 1]?.lower ?? '') && tokens[v + 2]?.lower === 'by';
}

/** "X is described as … by Y", "X, seen by many as …": a view held by the agent of a passive. */
export function passiveTrigger(tokens: Token[], v: number, s: Sentence, lemma: string): Trigger | null {
  const token = tokens[v] as Token;
  if (token.lower.endsWith('ing') || token.lower === lemma) return null;
  if (!PASSIVE_VIEW_VERBS.has(lemma) && !CLAUSE_VERBS.has(lemma)) return null;
  const aux = skipBackModifiers(tokens, v - 1, s.firstToken);
  const hasAux = passiveAuxiliary(tokens, aux + 1, v - 1);
  const directBy = tokens[v + 1]?.lower === 'by';
  if (!hasAux && !directBy) return null;
  if (CALL_PARTICLES.has(tokens[v + 1]?.lower ?? '') && !directBy) return null;
  let by = -1;
  for (let k = v + 1; k <= s.lastToken && k - v <= 10; k++) {
    const t = tokens[k] as Token;
    if (t.lower === 'by') {
      by = k;
      break;
    }
    if (t.text === ',' || t.text === ';') break;
  }
  if (by < 0) return null;
  const agent = nounPhraseAfter(tokens, by + 1, s.lastToken);
  if (!agent) return null;
  let subjectEnd = hasAux ? aux : v - 1;
  while (subjectEnd > s.firstToken && (tokens[subjectEnd] as Token).pos === 'ADV') subjectEnd--;
  if ((tokens[subjectEnd] as Token).text === ',') subjectEnd--;
  const subject = nounPhraseBefore(tokens, subjectEnd, s.firstToken);
  let claimFirst = subject ? subject.first : s.firstToken;
  if (!hasAux) {
    let comma = v - 1;
    while (comma > s.firstToken && (tokens[comma] as Token).text !== ',') comma--;
    claimFirst = comma > s.firstToken && comma < v - 1 ? comma + 1 : claimFirst;
  }
  let claimLast = by - 1;
  if (by === v + 1) {
    claimLast = s.lastToken;
    for (let k = agent.last + 1; k <= s.lastToken; k++) {
      if ((tokens[k] as Token).text === ',') {
        claimLast = k - 1;
        break;
      }
    }
  }
  return {
    rule: 'passive',
    anchor: v,
    attrFirst: by,
    dir: 'span',
    claimFirst,
    claimLast,
    holder: { kind: 'np', range: agent },
    coordinated: false,
    quoteOnlyCheck: false,
    commaBounded: false,
  };
}
