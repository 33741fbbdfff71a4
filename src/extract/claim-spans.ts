import { STANCE_VERBS } from './claim-lexicon.ts';
import { isQuoteMark, skipBackModifiers } from './claim-phrases.ts';
import type { Trigger } from './claim-triggers.ts';
import type { Sentence, Token } from './nlp.ts';

/** A trigger with its final claim range; `silent` ones are not claims but still name a speaker. */
export interface PlacedClaim {
  trigger: Trigger;
  first: number;
  last: number;
  silent: boolean;
}

const TRAIL = new Set([
  ',',
  ';',
  ':',
  '-',
  '–',
  '—',
  '(',
  'and',
  'but',
  'or',
  'while',
  'although',
  'though',
  'as',
]);
const LEAD = new Set([',', ';', ':', '-', '–', '—', 'and', 'but', 'that']);
const FINAL = new Set(['.', '!', '?']);

function commaAfter(tokens: Token[], from: number, last: number): number {
  let inQuote = false;
  for (let k = from; k <= last; k++) {
    const t = tokens[k] as Token;
    if (t.text === '"' || t.text === '“' || t.text === '”') inQuote = !inQuote;
    if (t.text === ',' && !inQuote && k > from) return k - 1;
  }
  return last;
}

function trim(tokens: Token[], placed: PlacedClaim, s: Sentence): void {
  while (placed.first <= placed.last && LEAD.has((tokens[placed.first] as Token).lower)) placed.first++;
  for (;;) {
    if (placed.first > placed.last) return;
    const t = tokens[placed.last] as Token;
    if (TRAIL.has(t.lower) || (FINAL.has(t.text) && placed.last === s.lastToken)) placed.last--;
    else return;
  }
}

/** A claim whose words all stand inside quotation marks: a quote with a "he said" tag, not a claim. */
function onlyQuotation(tokens: Token[], placed: PlacedClaim, quoted: Uint8Array): boolean {
  for (let k = placed.first; k <= placed.last; k++) {
    if (!quoted[k] && !isQuoteMark(tokens[k]) && /\w/.test((tokens[k] as Token).text)) return false;
  }
  return true;
}

/** A clause needs a verb; a postposed tag after a mere phrase ("In it, Roof said …") is no claim. */
function hasVerb(tokens: Token[], first: number, last: number): boolean {
  for (let k = first; k <= last; k++) {
    const pos = (tokens[k] as Token).pos;
    if (pos === 'VERB' || pos === 'AUX') return true;
  }
  return false;
}

/** Same as /\w/.test(text), without a regex call per token. */
function hasWordChar(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95) return true;
  }
  return false;
}

function wordCount(tokens: Token[], first: number, last: number): number {
  let n = 0;
  for (let k = first; k <= last; k++) if (hasWordChar((tokens[k] as Token).text)) n++;
  return n;
}

/**
 * An assertion noun inside another claim is its own claim only when the other claim does not dispute or
 * judge it: "questioned Russia's claims that …" and "Russia's allegation that … is false" are one claim.
 */
function independentNoun(tokens: Token[], container: PlacedClaim, noun: PlacedClaim): boolean {
  if (STANCE_VERBS.has((tokens[container.trigger.anchor] as Token).lemma)) return false;
  return noun.trigger.attrFirst > container.first + 1;
}

function contains(a: { first: number; last: number }, at: number): boolean {
  return a.first <= at && at <= a.last;
}

/**
 * Decides which triggers of a sentence become claims and where each claim ends. A verb nested in another
 * claim ("X said Y had told Z …") belongs to that claim; a coordinated one ("…, and he added that …",
 * "…, adding that …") ends it; a postposed tag ("…, officials said") takes the clause before it.
 */
export function placeClaims(
  tokens: Token[],
  s: Sentence,
  triggers: Trigger[],
  quoted: Uint8Array,
): PlacedClaim[] {
  const placed: PlacedClaim[] = [];
  const nouns: PlacedClaim[] = [];
  for (const trigger of triggers) {
    const item: PlacedClaim = { trigger, first: trigger.claimFirst, last: trigger.claimLast, silent: false };
    if (trigger.commaBounded) item.last = commaAfter(tokens, item.first, item.last);
    if (trigger.rule === 'noun') {
      nouns.push(item);
      continue;
    }
    if (trigger.rule === 'passive') {
      const inside = placed.some((p) => !p.silent && contains(p, trigger.anchor));
      const lead = tokens[skipBackModifiers(tokens, trigger.anchor - 1, s.firstToken)];
      if (!inside || lead?.pos === 'CCONJ' || lead?.text === ',') placed.push(item);
      continue;
    }
    const container = placed.find(
      (p) => !p.silent && p.trigger.dir === 'after' && contains(p, trigger.anchor),
    );
    if (!container) {
      placed.push(item);
      continue;
    }
    if (trigger.dir === 'before') {
      if (container.trigger.rule === 'according' || container.trigger.coordinated) continue;
      container.silent = true;
      placed.push(item);
    } else if (trigger.coordinated || trigger.rule === 'according') {
      container.last = Math.min(container.last, trigger.attrFirst - 1);
      placed.push(item);
    }
  }
  for (const noun of nouns) {
    const container = placed.find(
      (p) => !p.silent && p.trigger.rule !== 'passive' && contains(p, noun.trigger.anchor),
    );
    if (!container || independentNoun(tokens, container, noun)) placed.push(noun);
  }
  for (const item of placed) {
    trim(tokens, item, s);
    if (item.silent) continue;
    const words = item.first <= item.last ? wordCount(tokens, item.first, item.last) : 0;
    const whole = item.first <= s.firstToken && item.last >= s.lastToken;
    const quoteOnly = item.trigger.quoteOnlyCheck && onlyQuotation(tokens, item, quoted);
    const verbless = item.trigger.dir === 'before' && !hasVerb(tokens, item.first, item.last);
    if (words < 2 || whole || quoteOnly || verbless) item.silent = true;
  }
  return placed.sort((a, b) => a.trigger.anchor - b.trigger.anchor);
}
