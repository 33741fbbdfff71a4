import type { ExtractContext } from './context.ts';
import { ageBoundAt } from './figure-age.ts';
import { countedNounAfter, isMeasure, pluralNounBefore, tokenIndexAt } from './figure-noun.ts';
import { NUMBER_MENTION, numberNounBefore, TIME_UNITS, YEAR_PREPOSITION } from './figure-patterns.ts';
import { type NumberReading, readNumber } from './figure-reading.ts';
import { type Analysis, sentenceAt, type Token } from './nlp.ts';
import { currencyFromWord } from './numbers.ts';
import type { Figure, Span } from './types.ts';

/** This module's own copy of the pattern (it keeps `lastIndex` state), compiled once; scanBlock resets it. */
const MENTION = new RegExp(NUMBER_MENTION.source, NUMBER_MENTION.flags);

/** Finds the quantities an article reports, with value, unit and what they count. */
export function extractFigures(ctx: ExtractContext): Figure[] {
  const { article, analysis } = ctx;
  const blocks: (Span & { title: boolean })[] = [];
  if (article.titleSpan) blocks.push({ ...article.titleSpan, title: true });
  for (const p of article.paragraphs) blocks.push({ start: p.start, end: p.end, title: false });
  const figures: Figure[] = [];
  for (const block of blocks) scanBlock(analysis, block, MENTION, figures);
  linkConversions(analysis.input, figures);
  return figures;
}

/** Finds the figures of one paragraph (or the title) and appends them in text order. */
function scanBlock(
  analysis: Analysis,
  block: Span & { title: boolean },
  mention: RegExp,
  out: Figure[],
): void {
  const { input } = analysis;
  const text = input.slice(block.start, block.end);
  mention.lastIndex = 0;
  for (let match = mention.exec(text); match; match = mention.exec(text)) {
    const reading = readNumber(match, text, block.title);
    if (!reading) continue;
    mention.lastIndex = Math.max(mention.lastIndex, reading.end);
    const sentence = sentenceAt(analysis, block.start + reading.start);
    const sentenceIndex = sentence ? (analysis.tokens[sentence.firstToken]?.sentence ?? -1) : -1;
    const figure = buildFigure(analysis, block, text, reading, sentenceIndex);
    if (!figure) continue;
    // In a list ("aged 19, 23 and 31") a bare number shares the unit of the number before it.
    const prev = out.at(-1);
    if (
      reading.kind === 'digits' &&
      !figure.about &&
      prev?.unit &&
      !reading.unit &&
      figure.unit !== 'years'
    ) {
      if (/^(?:\s*,)?\s*(?:and|or)?\s*$/.test(input.slice(prev.end, figure.start)) && prev.end > block.start)
        figure.unit = prev.unit;
    }
    figure.sentence = sentence
      ? input.slice(Math.min(sentence.start, figure.start), Math.max(sentence.end, figure.end))
      : text;
    out.push(figure);
  }
}

/**
 * Turns a reading into a figure: finds the counted noun, settles what the reading left open (a bare
 * four-digit number may be a year, "10m" may be millions or metres, a number after a name may be an
 * identifier) and sets the text span. Returns null when the number is not a quantity after all.
 */
function buildFigure(
  analysis: Analysis,
  block: Span & { title: boolean },
  text: string,
  reading: NumberReading,
  sentenceIndex: number,
): Figure | null {
  const { input } = analysis;
  const start = block.start + (reading.qualifierStart ?? reading.start);
  let end = block.start + reading.end;
  const { counted, age } = countedNounOf(analysis, block, text, reading, sentenceIndex, end);
  const noun = counted?.noun;
  const adjacent =
    noun !== undefined &&
    (/^\s*$/.test(input.slice(end, noun.start)) ||
      (reading.kind === 'vague' && /^\s+of\s+$/.test(input.slice(end, noun.start))));
  if (reading.unit === 'm') {
    // "10m patients" is ten million; "a 100m sprint" is a hundred metres.
    // With no noun after it, "rose to 1.5m" reads as millions, the usual sense in news copy.
    const millions = adjacent ? !noun.singular && !isTimeUnit(noun.unit) : !noun;
    if (millions && reading.value !== null) {
      reading.value *= 1e6;
      reading.unit = undefined;
      reading.scaled = true;
    } else reading.unit = 'metres';
  }
  // "Flight 370", "Chapter 11 filing": a number right after a capitalised word names something.
  if (reading.afterName && !age && !block.title && !reading.unit && (!adjacent || noun.singular)) return null;
  // "story number 3", "the number 42 bus", "ranked number one": a name or a rank, not a quantity.
  if (!reading.unit && (!adjacent || noun.singular) && numberNounBefore(text, reading.start)) return null;
  // "10 Downing Street", "7 World Trade Center": a bare number before a name is an address or a title.
  const at = tokenIndexAt(analysis.tokens, block.start + reading.start);
  const next = analysis.tokens[tokenIndexAt(analysis.tokens, end)];
  if (!noun && !reading.unit && !block.title && next && /^\p{Lu}/u.test(next.text)) return null;
  const duration = adjacent && isTimeUnit(noun.unit);
  const counts = duration || (reading.kind === 'words' && adjacent);
  if (!block.title && !counts && !age && labelBefore(analysis.tokens[at - 1], reading)) return null;
  if (reading.maybeYear) {
    const value = reading.value as number;
    const yearish = YEAR_PREPOSITION.test(text.slice(Math.max(0, reading.start - 12), reading.start));
    if (!noun || yearish || noun.singular) return null;
    // Edited copy writes counts from 1,000 with a comma: "2012 deliberations" is a year, "2000 years" is not.
    if (value >= 1800 && value <= 2100 && !(adjacent && isTimeUnit(noun.unit))) return null;
  }
  let unit = reading.unit ?? null;
  if (noun && !unit) unit = unitOfNoun(noun.unit, reading.kind === 'vague' || reading.scaled === true);
  if (adjacent && (!reading.unit || reading.kind === 'vague')) end = noun.end;
  if (!unit && reading.kind === 'fraction') unit = 'fraction';
  if (!unit && age) unit = 'years';
  if (!unit && sentenceIndex >= 0) unit = ageOrEllipsis(analysis, text, block.start, reading, sentenceIndex);
  const figure: Figure = {
    text: input.slice(start, end),
    value: reading.value,
    unit,
    sentence: '',
    start,
    end,
  };
  if (reading.valueMax !== undefined) figure.valueMax = reading.valueMax;
  if (reading.qualifier) figure.qualifier = reading.qualifier;
  if (noun) figure.about = input.slice(noun.start, noun.end);
  return figure;
}

/**
 * The counted noun after a reading that ends at `end`, and the age bound before it, if any. After an age
 * bound ("free for pupils under 16 starts in May") only a time or a measure is the unit.
 */
function countedNounOf(
  analysis: Analysis,
  block: Span & { title: boolean },
  text: string,
  reading: NumberReading,
  sentenceIndex: number,
  end: number,
): { counted: ReturnType<typeof countedNounAfter>; age: ReturnType<typeof ageBoundAt> } {
  const articleBefore = /\b(?:a|an)\s+$/i.test(text.slice(Math.max(0, reading.start - 4), reading.start));
  const many =
    !reading.unit &&
    (reading.kind === 'vague' ||
      ((reading.kind === 'digits' || reading.kind === 'words') && reading.value !== 1));
  const counted =
    sentenceIndex >= 0
      ? countedNounAfter(analysis, end, sentenceIndex, articleBefore, block.title, many)
      : null;
  const age = ageBoundAt(analysis, text, block.start, reading);
  if (age && counted && !age.afterVerb && !isTimeUnit(counted.noun.unit) && !isMeasure(counted.noun.unit))
    return { counted: null, age };
  return { counted, age };
}

/**
 * A singular noun right before a bare number makes it a label: "page 3", "Type 2", "Apollo 11". The
 * caller keeps durations ("told Congress 18 months ago").
 */
function labelBefore(prev: Token | undefined, reading: NumberReading): boolean {
  if (!prev || reading.unit || reading.qualifier || (reading.kind !== 'digits' && reading.kind !== 'words'))
    return false;
  if (prev.pos !== 'NOUN' && prev.pos !== 'PROPN') return false;
  return !/(?:[^s]s|people|men)$/i.test(prev.lower) && !/^(?:age|aged)$/.test(prev.lower);
}

/** True for "year", "years", "centuries" and the other units of time. */
function isTimeUnit(noun: string): boolean {
  return TIME_UNITS.has(noun) || TIME_UNITS.has(noun.replace(/s$/, '')) || noun === 'centuries';
}

/** A counted noun as a unit: durations in the plural, money words as ISO codes ("millions of dollars"). */
function unitOfNoun(noun: string, scaled: boolean): string {
  if (TIME_UNITS.has(noun)) return noun === 'century' ? 'centuries' : `${noun}s`;
  const iso = currencyFromWord(noun);
  if (iso && (scaled || !/^pounds?$/.test(noun))) return iso;
  return noun;
}

/** The unit of a number with no noun after it: an age ("Parata, 75,") or the noun it elides. */
function ageOrEllipsis(
  analysis: Analysis,
  text: string,
  offset: number,
  reading: { start: number; end: number; value: number | null; kind: string },
  sentence: number,
): string | null {
  const before = text.slice(Math.max(0, reading.start - 40), reading.start);
  const after = text.slice(reading.end, reading.end + 2);
  const value = reading.value ?? 0;
  if (reading.kind === 'digits' && value > 0 && value < 120) {
    if (
      /\b(?:aged?|ages?(?:\s+of)?|turn(?:ed|s|ing)?|(?:who|she|he)\s+(?:is|was|turns|turned))\s+$/i.test(
        before,
      )
    )
      return 'years';
    // An apposition after a name: "Hori Parata, 75, has ..."
    const prev = analysis.tokens[tokenIndexAt(analysis.tokens, offset + reading.start) - 2] as
      | Token
      | undefined;
    if (/,\s*$/.test(before) && /^,/.test(after) && prev?.pos === 'PROPN') return 'years';
    // The same in brackets: "Mr Hunt (57) told MPs ..."
    if (/\(\s*$/.test(before) && /^\)/.test(after) && prev?.pos === 'PROPN') return 'years';
  }
  if (
    /\b(?:killed|killing|injured|injuring|wounded|wounding|arrested|detained|evacuated|rescued)\s+$/i.test(
      before,
    )
  )
    return 'people';
  return pluralNounBefore(analysis, offset + reading.start, sentence);
}

/** Marks a figure in brackets right after another as its conversion: "$270 billion (£199 billion)". */
function linkConversions(input: string, figures: Figure[]): void {
  for (let i = 1; i < figures.length; i++) {
    const prev = figures[i - 1] as Figure;
    const figure = figures[i] as Figure;
    const between = input.slice(prev.end, figure.start);
    if (!/^\s*\(\s*$/.test(between) || !/^\s*\)/.test(input.slice(figure.end, figure.end + 3))) continue;
    if (prev.value === null || figure.value === null) continue;
    figure.equivalentOf = i - 1;
    if (!figure.about && prev.about) figure.about = prev.about;
  }
}
