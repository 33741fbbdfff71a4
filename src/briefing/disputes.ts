import type { Claim, Figure } from '../extract/types.ts';
import type { Block, SourceLink } from './blocks.ts';
import { sourceName } from './source.ts';
import { contentWords, trimAtWord, windowAround } from './text.ts';

/** Figures more than this far apart (relative to the larger) disagree. */
export const DISPUTE_TOLERANCE = 0.05;

/** A figure with where it comes from; `sourceKey` tells sources apart (a feed, or an article). */
export interface SourcedFigure {
  figure: Figure;
  source: SourceLink;
  sourceKey: string;
}

/** A claim with where it comes from. */
export interface SourcedClaim {
  claim: Claim;
  source: SourceLink;
  sourceKey: string;
}

type Bound = 'lower' | 'upper' | 'exact';

function bound(qualifier: string | undefined): Bound {
  const q = (qualifier ?? '').toLowerCase();
  if (/\b(more than|over|at least|above|upwards of|in excess of|exceeding)\b/.test(q)) return 'lower';
  if (/\b(up to|less than|fewer than|under|at most|below|no more than)\b/.test(q)) return 'upper';
  return 'exact';
}

/** Whether two reported values contradict each other, allowing for "more than" and "up to". */
export function valuesDisagree(a: Figure, b: Figure): boolean {
  if (a.value === null || b.value === null) return false;
  const x = a.value;
  const y = b.value;
  const ba = bound(a.qualifier);
  const bb = bound(b.qualifier);
  // "more than 100,000" is consistent with any larger number, and with another lower bound.
  if (ba === 'lower' && (bb === 'lower' || y >= x)) return false;
  if (bb === 'lower' && (ba === 'lower' || x >= y)) return false;
  if (ba === 'upper' && (bb === 'upper' || y <= x)) return false;
  if (bb === 'upper' && (ba === 'upper' || y >= x)) return false;
  const larger = Math.max(Math.abs(x), Math.abs(y));
  return larger > 0 && Math.abs(x - y) / larger > DISPUTE_TOLERANCE;
}

function aboutWords(figure: Figure): Set<string> {
  const unit = new Set(contentWords(figure.unit ?? ''));
  return new Set(contentWords(figure.about ?? '').filter((w) => !unit.has(w)));
}

/**
 * Units that measure rather than count (money, shares, time, distance, weight): "$9 billion" and "$4.2 billion"
 * in one story are often different sums, so such figures only compare when they say what they measure.
 */
const MEASURE_UNIT =
  /^(?:[A-Z]{3}|percent|percentage points?|fraction|(?:second|minute|hour|day|week|month|year|decade)s?|(?:kilo|centi|milli)?(?:metre|meter|gram)s?|km|kg|miles?|tonnes?|tons?|pounds?|litres?|liters?|gallons?|acres?|hectares?|degrees?|mph)$/i;

/** How many words either side of a figure say what it measures when it names no counted noun. */
const CONTEXT_WORDS = 6;

function contextWords(figure: Figure, unit: Set<string>): Set<string> {
  const at = figure.sentence.indexOf(figure.text);
  if (at < 0) return new Set();
  const before = figure.sentence.slice(0, at).split(/\s+/).slice(-CONTEXT_WORDS).join(' ');
  const after = figure.sentence
    .slice(at + figure.text.length)
    .split(/\s+/)
    .slice(0, CONTEXT_WORDS + 1)
    .join(' ');
  return new Set(contentWords(`${before} ${after}`).filter((w) => !unit.has(w)));
}

function overlaps(a: Set<string>, b: Set<string>): boolean {
  for (const w of a) if (b.has(w)) return true;
  return false;
}

/** Whether two figures count the same thing: same unit, and their counted nouns do not point elsewhere. */
export function sameQuantity(a: Figure, b: Figure): boolean {
  if (!a.unit || a.unit !== b.unit) return false;
  const wa = aboutWords(a);
  const wb = aboutWords(b);
  if (wa.size > 0 && wb.size > 0) return overlaps(wa, wb);
  if (!MEASURE_UNIT.test(a.unit)) return true;
  // A measure with no counted noun on one side: the words around both figures must name the same thing.
  const unit = new Set(contentWords(a.unit));
  return overlaps(wa.size > 0 ? wa : contextWords(a, unit), wb.size > 0 ? wb : contextWords(b, unit));
}

function distance(a: Figure, b: Figure): number {
  return Math.abs(Math.log(Math.abs(a.value ?? 0) + 1) - Math.log(Math.abs(b.value ?? 0) + 1));
}

function figureSide(entry: SourcedFigure): { label: string; text: string; source: SourceLink } {
  const { figure, source } = entry;
  const at = figure.sentence.indexOf(figure.text);
  const text = at >= 0 ? windowAround(figure.sentence, at, at + figure.text.length, 240) : figure.text;
  return { label: sourceName(source), text, source };
}

/**
 * Disagreeing figures across sources: the same unit and counted noun, values more than 5 % apart. One
 * dispute block per quantity, one side per source.
 */
export function figureDisputes(entries: SourcedFigure[]): Block[] {
  const usable = entries.filter((e) => e.figure.value !== null && e.figure.equivalentOf === undefined);
  const groups: SourcedFigure[][] = [];
  const grouped = new Set<SourcedFigure>();
  for (const a of usable) {
    if (grouped.has(a)) continue;
    // One side per source: of a source's figures that contradict `a`, the closest in value is most likely
    // the same count told differently ("41,000 residents" vs "45,000", not an age "under 25").
    const bySource = new Map<string, SourcedFigure>();
    for (const b of usable) {
      if (b === a || grouped.has(b) || b.sourceKey === a.sourceKey) continue;
      if (!sameQuantity(a.figure, b.figure) || !valuesDisagree(a.figure, b.figure)) continue;
      const current = bySource.get(b.sourceKey);
      if (!current || distance(a.figure, b.figure) < distance(a.figure, current.figure))
        bySource.set(b.sourceKey, b);
    }
    const group = [a, ...bySource.values()];
    if (group.length > 1) {
      groups.push(group);
      for (const g of group) grouped.add(g);
    }
  }
  return groups.map((group) => {
    const first = group[0] as SourcedFigure;
    return {
      type: 'dispute' as const,
      topic: first.figure.about ?? first.figure.unit ?? first.figure.text,
      sides: group.map(figureSide),
    };
  });
}

const DENIAL =
  /\b(false|untrue|not true|lie|lies|den(?:y|ies|ied)|reject(?:s|ed)?|dismiss(?:es|ed)?|no evidence|not seen|never|wrong|incorrect|disput(?:e|es|ed)|baseless|fabricat\w*|hysteria|question(?:s|ed)|doubt(?:s|ed)?)\b/i;

/** Most sides one dispute shows: the assertion and up to three contradictions. */
const MAX_SIDES = 4;

/** Whether the claim, in its own words, contradicts or denies something. */
export function isDenial(claim: Pick<Claim, 'claim'>): boolean {
  return DENIAL.test(claim.claim);
}

/** A denial is about an assertion when it repeats enough of the assertion's content words. */
function about(assertion: Set<string>, denial: Set<string>): boolean {
  let shared = 0;
  for (const w of assertion) if (denial.has(w)) shared++;
  return shared >= 3 || (shared >= 2 && shared / assertion.size >= 0.4);
}

/**
 * Who claims what when claimants contradict each other: an assertion and the denials that repeat it
 * ("false", "no evidence", "questioned") from other claimants, side by side, each in the source's words.
 */
export function claimDisputes(entries: SourcedClaim[], limit = 1): Block[] {
  const words = entries.map((e) => new Set(contentWords(e.claim.claim)));
  const candidates = entries
    .map((entry, i) => {
      if (isDenial(entry.claim)) return null;
      const denials = entries
        .map((other, j) => ({ other, j }))
        .filter(
          ({ other, j }) =>
            j !== i &&
            other.claim.claimant !== entry.claim.claimant &&
            isDenial(other.claim) &&
            about(words[i] as Set<string>, words[j] as Set<string>),
        );
      return denials.length > 0 ? { entry, i, denials } : null;
    })
    .filter((c): c is NonNullable<typeof c> => c !== null)
    .sort((a, b) => b.denials.length - a.denials.length || a.i - b.i);
  const used = new Set<number>();
  const blocks: Block[] = [];
  for (const { entry, i, denials } of candidates) {
    if (blocks.length >= limit || used.has(i)) continue;
    const fresh = denials.filter(({ j }) => !used.has(j)).slice(0, MAX_SIDES - 1);
    if (fresh.length === 0) continue;
    const sides = [entry, ...fresh.map(({ other }) => other)];
    for (const j of [i, ...fresh.map(({ j }) => j)]) used.add(j);
    const multipleSources = new Set(sides.map((s) => s.sourceKey)).size > 1;
    blocks.push({
      type: 'dispute',
      topic: trimAtWord(entry.claim.claim, 120),
      sides: sides.map((s) => ({
        label: multipleSources ? `${s.claim.claimant} (${sourceName(s.source)})` : s.claim.claimant,
        text: trimAtWord(s.claim.claim, 280),
        source: s.source,
      })),
    });
  }
  return blocks;
}
