import type { Claim, Figure, Quote } from '../extract/types.ts';
import type { StoredArticle } from '../store/port.ts';
import type { Block, SourceLink } from './blocks.ts';
import { sourceLink } from './source.ts';
import { trimAtWord, windowAround } from './text.ts';

/** Longest claim, quote or figure context kept in a block before it is trimmed at a word boundary. */
export const ITEM_MAX = 280;
/** Longest sentence kept in a block. */
export const SENTENCE_MAX = 400;

/** How many items of each kind a briefing shows per article or story. */
export interface ItemLimits {
  claims: number;
  figures: number;
  quotes: number;
}

/** The default: top three claims and figures, two quotes. */
export const DEFAULT_LIMITS: ItemLimits = { claims: 3, figures: 3, quotes: 2 };

const NAMED = /\p{Lu}/u;

function claimScore(claim: Claim): number {
  // A named claimant is checkable; a mid-length claim is usually the substantive one.
  const named = NAMED.test(claim.claimant) ? 2 : 0;
  const length = claim.claim.length >= 30 && claim.claim.length <= 300 ? 1 : 0;
  return named + length;
}

function figureScore(figure: Figure): number {
  return (figure.value !== null ? 2 : 0) + (figure.unit ? 1 : 0) + (figure.about ? 1 : 0);
}

function quoteScore(quote: Quote): number {
  const named = quote.speaker ? 3 : 0;
  const whole = quote.fragment ? 0 : 2;
  const length = quote.text.length >= 20 && quote.text.length <= 300 ? 1 : 0;
  return named + whole + length;
}

/** The `limit` best items by score (one per key, the best-scoring), shown in the order the article gives them. */
function pick<T>(items: T[], limit: number, score: (item: T) => number, key: (item: T) => string): T[] {
  const best = new Map<string, { item: T; index: number; score: number }>();
  items.forEach((item, index) => {
    const k = key(item);
    const candidate = { item, index, score: score(item) };
    const held = best.get(k);
    if (!held || candidate.score > held.score) best.set(k, candidate);
  });
  const ranked = [...best.values()].sort((a, b) => b.score - a.score || a.index - b.index).slice(0, limit);
  return ranked.sort((a, b) => a.index - b.index).map((r) => r.item);
}

/** A claim as a block: verbatim, trimmed only. */
export function claimBlock(claim: Claim, source: SourceLink): Block {
  return {
    type: 'claim',
    claimant: claim.claimant,
    claim: trimAtWord(claim.claim, ITEM_MAX),
    sentence: trimAtWord(claim.sentence, SENTENCE_MAX),
    source,
  };
}

/** A figure as a block; its sentence is cut around the figure so the number stays visible. */
export function figureBlock(figure: Figure, source: SourceLink, equivalent?: Figure): Block {
  const at = figure.sentence.indexOf(figure.text);
  const sentence =
    at >= 0
      ? windowAround(figure.sentence, at, at + figure.text.length, SENTENCE_MAX)
      : trimAtWord(figure.sentence, SENTENCE_MAX);
  return {
    type: 'figure',
    text: figure.text,
    unit: figure.unit,
    about: figure.about ?? null,
    ...(equivalent ? { equivalent: equivalent.text } : {}),
    sentence,
    source,
  };
}

/** A quote as a block. */
export function quoteBlock(quote: Quote, source: SourceLink): Block {
  return {
    type: 'quote',
    text: trimAtWord(quote.text, ITEM_MAX),
    speaker: quote.speaker,
    sentence: trimAtWord(quote.sentence, SENTENCE_MAX),
    source,
  };
}

/** The top claims of an article. */
export function topClaims(article: StoredArticle, limit: number, skip?: (claim: Claim) => boolean): Claim[] {
  const title = article.title.trim();
  // A claim read off the headline repeats the story's title line; `skip` drops claims shown elsewhere.
  const candidates = article.extraction.claims.filter((c) => !title.includes(c.claim.trim()) && !skip?.(c));
  return pick(candidates, limit, claimScore, (c) => `${c.claimant}\u0000${c.claim}`);
}

/** The key figures of an article: conversions are folded into the figure they convert. */
export function topFigures(
  article: StoredArticle,
  limit: number,
  skip?: (figure: Figure) => boolean,
): { figure: Figure; equivalent?: Figure }[] {
  const figures = article.extraction.figures;
  const primary = figures.filter((f) => f.equivalentOf === undefined && !skip?.(f));
  // The same amount twice (headline and lede, "$4.2bn" and "$4.2 billion") is one key figure.
  const key = (f: Figure) =>
    f.value !== null ? `${f.unit}\u0000${f.value}` : `${f.text}\u0000${f.sentence}`;
  const converted = new Set(figures.flatMap((f) => (f.equivalentOf === undefined ? [] : [f.equivalentOf])));
  const score = (f: Figure) => figureScore(f) + (converted.has(figures.indexOf(f)) ? 1 : 0);
  return pick(primary, limit, score, key).map((figure) => {
    const index = figures.indexOf(figure);
    const equivalent = figures.find((f) => f.equivalentOf === index);
    return equivalent ? { figure, equivalent } : { figure };
  });
}

/** The best one or two quotes of an article. */
export function topQuotes(article: StoredArticle, limit: number): Quote[] {
  return pick(article.extraction.quotes, limit, quoteScore, (q) => q.text);
}

/** Claim, figure and quote blocks for one article, within the limits. */
export function articleItemBlocks(article: StoredArticle, limits: ItemLimits = DEFAULT_LIMITS): Block[] {
  if (!article.analysed) return [];
  const source = sourceLink(article);
  return [
    ...topClaims(article, limits.claims).map((c) => claimBlock(c, source)),
    ...topFigures(article, limits.figures).map(({ figure, equivalent }) =>
      figureBlock(figure, source, equivalent),
    ),
    ...topQuotes(article, limits.quotes).map((q) => quoteBlock(q, source)),
  ];
}
