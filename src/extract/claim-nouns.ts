import { CLAIM_NOUNS } from './claim-lexicon.ts';
import { nounPhraseBefore, type TokenRange } from './claim-phrases.ts';
import type { Trigger } from './claim-triggers.ts';
import type { Sentence, Token } from './nlp.ts';

const POSSESSIVE_PRONOUNS = new Set(['his', 'her', 'their', 'its']);

/** The holder of an assertion noun: "Russia's claim", "his vow", "US intelligence assessments". */
function nounHolder(tokens: Token[], n: number, floor: number): Trigger['holder'] | null {
  let k = n - 1;
  while (k >= floor && (tokens[k] as Token).pos === 'ADJ') k--;
  const before = tokens[k];
  if (!before || k < floor) return null;
  if (/^['’]s$/.test(before.text)) {
    const owner = nounPhraseBefore(tokens, k - 1, floor);
    return owner ? { kind: 'np', range: owner } : null;
  }
  if (before.pos === 'PRON' && POSSESSIVE_PRONOUNS.has(before.lower)) return { kind: 'pronoun', token: k };
  if (k === n - 1 && (before.pos === 'PROPN' || before.pos === 'NOUN')) {
    const owner: TokenRange | null = nounPhraseBefore(tokens, k, floor);
    if (!owner) return null;
    let first = owner.first;
    while (first <= k && (tokens[first] as Token).pos === 'DET') first++;
    return first <= k ? { kind: 'np', range: { first, last: k } } : null;
  }
  return null;
}

/**
 * Assertion nouns with a holder and a "that"-clause: "X's allegation that …", "his vow on Monday that …".
 * The claim runs from after "that" to the next comma outside quotation marks, or the sentence end.
 */
export function nounClaims(tokens: Token[], s: Sentence, quoted: Uint8Array): Trigger[] {
  const found: Trigger[] = [];
  for (let n = s.firstToken; n <= s.lastToken; n++) {
    const token = tokens[n] as Token;
    if (token.pos !== 'NOUN' && token.pos !== 'VERB') continue;
    if (quoted[n] || !CLAIM_NOUNS.has(token.pos === 'NOUN' ? token.lemma : token.lower)) continue;
    const prev = tokens[n - 1];
    const gerundNoun =
      token.pos === 'VERB' && prev !== undefined && (prev.pos === 'PART' || prev.pos === 'DET');
    if (token.pos !== 'NOUN' && !gerundNoun) continue;
    let that = -1;
    for (let k = n + 1; k <= s.lastToken && k <= n + 4; k++) {
      const t = tokens[k] as Token;
      if (t.lower === 'that') {
        that = k;
        break;
      }
      if (t.pos === 'PUNCT' || t.pos === 'VERB' || t.pos === 'AUX') break;
    }
    const opener = tokens[that + 1];
    if (that < 0 || !opener || opener.pos === 'VERB' || opener.pos === 'AUX') continue;
    const holder = nounHolder(tokens, n, s.firstToken);
    if (!holder) continue;
    let claimLast = s.lastToken;
    let inQuote = false;
    for (let k = that + 1; k <= s.lastToken; k++) {
      const t = tokens[k] as Token;
      if (t.text === '"' || t.text === '“' || t.text === '”') inQuote = !inQuote;
      if (t.text === ',' && !inQuote) {
        claimLast = k - 1;
        break;
      }
    }
    const attrFirst =
      holder.kind === 'np' ? holder.range.first : holder.kind === 'pronoun' ? holder.token : n;
    found.push({
      rule: 'noun',
      anchor: n,
      attrFirst,
      dir: 'span',
      claimFirst: that + 1,
      claimLast,
      holder,
      coordinated: false,
      quoteOnlyCheck: false,
      commaBounded: false,
    });
  }
  return found;
}
