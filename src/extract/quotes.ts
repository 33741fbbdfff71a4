import {
  buildView,
  lastTokenBefore,
  paragraphEnd,
  paragraphStart,
  sentenceCeiling,
  sentenceFloor,
  tokenAt,
} from './attribution-view.ts';
import type { ExtractContext } from './context.ts';
import type { Sentence, Token } from './nlp.ts';
import { canonicalName, type NameMention, nameIndex } from './people.ts';
import { type MarkedSpan, pairQuoteMarks } from './quote-marks.ts';
import {
  eventAt,
  headlineSpeaker,
  isKnownPerson,
  resolvePronoun,
  type Speaker,
  type SpeakerEvent,
  speakerFromPhrase,
  subjectsBefore,
} from './speaker-resolution.ts';
import {
  type AttributionView,
  accordingTo,
  attributionAfter,
  attributionBefore,
  isReportingVerb,
  passiveAgent,
  type SpeakerPhrase,
  subjectOf,
} from './speakers.ts';
import type { Quote } from './types.ts';

/** Words right before a quote that make it a name or a term rather than speech ("a segment called"). */
const NAMING_CUES = new Set([
  'called',
  'dubbed',
  'nicknamed',
  'named',
  'titled',
  'entitled',
  'labelled',
  'labeled',
  'branded',
  'phrase',
  'term',
  'word',
  'words',
  'hashtag',
  'slogan',
  'so-called',
]);
const SMALL_WORDS = new Set(['of', 'the', 'and', 'a', 'an', 'on', 'in', 'for', 'to', 'at', 'or', '&']);

/** Finds quoted speech and attributes each quote to its speaker. */
export function extractQuotes(ctx: ExtractContext): Quote[] {
  const { article, analysis } = ctx;
  const { input, tokens } = analysis;
  const paragraphs = [...(article.titleSpan ? [article.titleSpan] : []), ...article.paragraphs];
  const titleOffset = article.titleSpan ? 0 : 1;
  const spans = pairQuoteMarks(input, paragraphs);
  const outer = spans.filter((s) => s.depth === 0);
  const view = buildView(ctx, outer);
  const names = nameIndex(ctx).mentions;
  const events: SpeakerEvent[] = [];
  const quotes: Quote[] = [];
  const resolved = new Map<MarkedSpan, Speaker | null>();
  const standsAlone = new Set<MarkedSpan>();
  let verbCursor = 0;

  const resolve = (phrase: SpeakerPhrase): Speaker | null => {
    const first = tokens[phrase.first] as Token;
    const last = tokens[phrase.last] as Token;
    const mention = input.slice(first.start, last.end);
    if (phrase.pronoun) {
      const local = subjectsBefore(ctx, view, names, first.start);
      return resolvePronoun(
        first.lower,
        first.start,
        [...events, ...local].sort((a, b) => a.at - b.at),
      );
    }
    return speakerFromPhrase(ctx, mention, first.start, last.end, names, events);
  };

  // Subjects of reporting verbs outside quotes are speakers too: a later "he" or quote-only paragraph
  // continues them.
  const recordVerbsBefore = (limit: number) => {
    for (; verbCursor < limit; verbCursor++) {
      const t = tokens[verbCursor] as Token;
      if (view.quoted[verbCursor] || !isReportingVerb(t) || NOT_SPEAKING.has(t.lemma)) continue;
      const floor = sentenceFloor(view, verbCursor, paragraphStart(view, verbCursor));
      const phrase = subjectOf(view, verbCursor, floor);
      const who = phrase ? resolve(phrase) : null;
      if (who) events.push(eventAt(who, t.start));
    }
  };

  for (const span of outer) {
    const openTok = tokenAt(tokens, span.open);
    const closeTok = lastTokenBefore(tokens, span.close === null ? span.end : span.close + 1);
    recordVerbsBefore(openTok);
    const pStart = paragraphStart(view, openTok);
    const pEnd = paragraphEnd(view, closeTok);
    const floor = sentenceFloor(view, openTok, pStart);
    const ceiling = sentenceCeiling(view, closeTok, pEnd);
    const raw = input.slice(span.start, span.end);
    if (isNotSpeech(raw, view, openTok, floor)) continue;
    const text = cleanText(raw, span);
    // A whole utterance ends at its closing mark; a title or term runs on into the sentence.
    const rest = span.close === null ? '' : input.slice(span.close + 1, paragraphs[span.paragraph]?.end);
    if (/[.?!,]$/.test(raw) || /^\s*(?:[.?!]|$)/.test(rest)) standsAlone.add(span);
    const inTitle = span.paragraph < 1 - titleOffset;
    let who: Speaker | null = null;
    let fromClaimOwner = false;
    const after = closeTok + 1;
    const afterFirst = attributionAfter(view, after, ceiling);
    const before = attributionBefore(view, openTok, floor);
    const endsClause = /[,?!]$/.test(raw) || /^[,—–]/.test(input.slice(span.end + 1, span.end + 3).trim());
    const byVerb = before && !before.owner ? before.phrase : null;
    const ordered: (SpeakerPhrase | null | undefined)[] = endsClause
      ? [afterFirst, byVerb]
      : [byVerb, afterFirst];
    const owner = before?.owner ? before.phrase : null;
    const according = accordingTo(view, floor, ceiling + 1);
    // "According to S, ..." opening the sentence frames everything the sentence quotes.
    const framing = according && according.first === floor + 2 ? according : null;
    const candidates = [framing, ...ordered, passiveAgent(view, after, ceiling), according, owner];
    for (const phrase of candidates) {
      if (!phrase) continue;
      who = resolve(phrase);
      if (who) {
        fromClaimOwner = phrase === owner;
        break;
      }
    }
    // An explicit tag that names nobody we know ("it said" after only people) is not carried over.
    if (!who && candidates.some(Boolean)) standsAlone.delete(span);
    if (!who && inTitle) who = headlineSpeaker(ctx, span, names);
    if (!who && span.continued) who = lastResolvedBefore(resolved, span) ?? null;
    resolved.set(span, who);
    const fragment = isFragment(text, openTok, floor);
    quotes.push({
      text: fragment && /[^.]\.$/.test(text) ? text.slice(0, -1) : text,
      start: span.start,
      end: span.start + (fragment && /[^.]\.$/.test(text) ? text.length - 1 : text.length),
      speaker: who?.speaker ?? null,
      speakerMention: who?.mention ?? null,
      sentence: sentenceText(ctx, span),
      ...(fragment ? { fragment: true } : {}),
    });
    if (who && !fromClaimOwner) events.push(eventAt(who, span.start));
  }
  recordVerbsBefore(tokens.length);
  carryUnattributed(ctx, quotes, outer, resolved, events, view, tokens, standsAlone);
  quotes.push(...nestedQuotes(ctx, spans, view, resolved, (phrase) => resolve(phrase)));
  quotes.sort((a, b) => a.start - b.start);
  return quotes;
}

/** Reporting verbs whose subject is not someone speaking ("the restructuring began", "data show"). */
const NOT_SPEAKING = new Set([
  'begin',
  'continue',
  'find',
  'show',
  'call',
  'describe',
  'think',
  'hope',
  'fear',
  'expect',
  'worry',
  'project',
  'point',
  'indicate',
  'forecast',
  'estimate',
]);

/** How many paragraphs back an attribution may carry over to an unattributed quote. */
const MAX_CARRY = 2;

/** Index (title = 0) of the paragraph holding `offset`, as numbered by pairQuoteMarks. */
function paragraphIndexAt(ctx: ExtractContext, offset: number): number {
  const { article } = ctx;
  const base = article.titleSpan ? 1 : 0;
  if (article.titleSpan && offset < (article.paragraphs[0]?.start ?? Number.POSITIVE_INFINITY)) return 0;
  let i = article.paragraphs.length - 1;
  while (i > 0 && (article.paragraphs[i] as { start: number }).start > offset) i--;
  return i + base;
}

/** Quote-only paragraphs and whole-sentence quotes with no attribution continue the last speaker. */
function carryUnattributed(
  ctx: ExtractContext,
  quotes: Quote[],
  outer: MarkedSpan[],
  resolved: Map<MarkedSpan, Speaker | null>,
  events: SpeakerEvent[],
  view: AttributionView,
  tokens: Token[],
  standsAlone: Set<MarkedSpan>,
): void {
  const kept = outer.filter((s) => resolved.has(s));
  kept.forEach((span, i) => {
    const quote = quotes[i] as Quote;
    if (quote.speaker !== null || quote.fragment) return;
    // A paragraph that carries on an open quote keeps its speaker.
    const runOn = span.continued
      ? kept.findIndex((s) => s.paragraph === span.paragraph - 1 && s.close === null)
      : -1;
    if (runOn >= 0 && quotes[runOn]?.speaker) {
      quote.speaker = (quotes[runOn] as Quote).speaker;
      quote.speakerMention = (quotes[runOn] as Quote).speakerMention;
      return;
    }
    // A speaker named for another quote of the same paragraph.
    const siblings = kept
      .map((s, j) => ({ s, j }))
      .filter(({ s, j }) => j !== i && s.paragraph === span.paragraph && quotes[j]?.speaker);
    const sibling = (siblings.filter(({ j }) => j < i).at(-1) ?? siblings[0])?.j ?? -1;
    if (sibling >= 0) {
      quote.speaker = (quotes[sibling] as Quote).speaker;
      quote.speakerMention = (quotes[sibling] as Quote).speakerMention;
      return;
    }
    if (!quoteOnly(view, tokens, span) && !(/^\p{Lu}/u.test(quote.text) && standsAlone.has(span))) return;
    const previous = events.findLast((e) => e.at < span.start);
    const introduced = personIntroducedBefore(ctx, view, span, events, previous?.at ?? -1);
    // A speaker carries over a paragraph or two, not across the article.
    const near =
      previous && span.paragraph - paragraphIndexAt(ctx, previous.at) <= MAX_CARRY ? previous : null;
    const carried = introduced ?? near;
    if (carried) {
      quote.speaker = carried.speaker;
      quote.speakerMention = carried.mention;
    }
  });
}

/**
 * A person the paragraph just before the quote names, after the last attributed speaker: a quote-only
 * paragraph that follows "But for Parata and his family ..." is Parata's.
 */
function personIntroducedBefore(
  ctx: ExtractContext,
  view: AttributionView,
  span: MarkedSpan,
  events: SpeakerEvent[],
  after: number,
): Speaker | null {
  const { tokens } = ctx.analysis;
  const openTok = tokenAt(tokens, span.open);
  const paragraph = view.paragraphOf[openTok] as number;
  const people = nameIndex(ctx).mentions.filter((m) => {
    if (m.start <= after || m.start >= span.open) return false;
    if (view.paragraphOf[m.firstToken] !== paragraph - 1 || view.quoted[m.firstToken]) return false;
    return m.kind === 'person' || isKnownPerson(ctx, m);
  });
  // A paragraph that attributes words itself hands over to that speaker, not to someone it mentions.
  const prevFirst = paragraphStart(view, Math.max(0, paragraphStart(view, openTok) - 1));
  const prevStart = (tokens[prevFirst] as Token).start;
  if (events.some((e) => e.at >= prevStart && e.at < span.open)) return null;
  // Only a returning speaker: someone the article already quoted or reported.
  for (let i = people.length - 1; i >= 0; i--) {
    const m = people[i] as NameMention;
    const speaker = canonicalName(m.name || m.text, ctx, m.start);
    if (events.some((e) => e.person && e.speaker === speaker && e.at < m.start))
      return { speaker, mention: m.text, person: true };
  }
  return null;
}

function quoteOnly(view: AttributionView, tokens: Token[], span: MarkedSpan): boolean {
  const open = tokenAt(tokens, span.open);
  for (let k = paragraphStart(view, open); k <= paragraphEnd(view, open); k++) {
    if (!view.quoted[k] && (tokens[k] as Token).pos !== 'PUNCT') return false;
  }
  return true;
}

function lastResolvedBefore(resolved: Map<MarkedSpan, Speaker | null>, span: MarkedSpan): Speaker | null {
  let best: Speaker | null = null;
  for (const [s, who] of resolved) if (s.paragraph === span.paragraph - 1 && s.close === null) best = who;
  return best;
}

/** Titles of works, nicknames and terms: Title Case words inside a sentence, or a naming word before them. */
function isNotSpeech(raw: string, view: AttributionView, openTok: number, floor: number): boolean {
  const prev = view.tokens[openTok - 1];
  const prev2 = view.tokens[openTok - 2];
  if (prev && openTok - 1 >= floor && !view.quoted[openTok - 1]) {
    if (NAMING_CUES.has(prev.lower)) return true;
    if (prev.lower === 'as' && prev2 && /^(known|referred)$/.test(prev2.lower)) return true;
    if (prev.lower === 'called' || (prev.text === '-' && prev2?.lower === 'so')) return true;
  }
  const words = raw.replace(/[.,]$/, '').split(/\s+/);
  if (words.length > 6 || /[?!]$/.test(raw)) return false;
  const titleCase = words.every((w) => /^[\p{Lu}\d]/u.test(w) || SMALL_WORDS.has(w));
  const midSentence = openTok > floor;
  return titleCase && midSentence && /^\p{Lu}/u.test(raw);
}

function cleanText(raw: string, span: MarkedSpan): string {
  let text = raw;
  if (span.close !== null) text = text.replace(/\s*,$/, '');
  return text.trimEnd();
}

/** A few quoted words inside a sentence: lower-case start, or a short phrase with no final punctuation. */
function isFragment(text: string, openTok: number, floor: number): boolean {
  if (/^\p{Ll}/u.test(text)) return true;
  const words = text.split(/\s+/).length;
  if (/[.?!]$/.test(text)) return false;
  return words <= 3 && openTok > floor;
}

function sentenceText(ctx: ExtractContext, span: MarkedSpan): string {
  const { sentences, input } = ctx.analysis;
  let from = span.open;
  let to = span.close === null ? span.end : span.close + 1;
  let lo = 0;
  let hi = sentences.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((sentences[mid] as Sentence).end <= span.open) lo = mid + 1;
    else hi = mid;
  }
  for (let i = lo; i < sentences.length && (sentences[i] as Sentence).start < to; i++) {
    const s = sentences[i] as Sentence;
    from = Math.min(from, s.start);
    to = Math.max(to, s.end);
  }
  return input.slice(from, to);
}

/**
 * Quotes inside quotes ("The paper wrote: " 'It is over,' [Bruck] said."): kept when the outer quote
 * attributes them, or when they continue an attributed inner quote of the previous paragraph. Other inner
 * quotes (titles, terms) are dropped.
 */
function nestedQuotes(
  ctx: ExtractContext,
  spans: MarkedSpan[],
  view: AttributionView,
  resolved: Map<MarkedSpan, Speaker | null>,
  resolve: (phrase: SpeakerPhrase) => Speaker | null,
): Quote[] {
  const { tokens, input } = ctx.analysis;
  const out: Quote[] = [];
  let previous: { paragraph: number; who: Speaker } | undefined;
  for (const span of spans) {
    if (span.depth === 0) continue;
    const outer = [...resolved.keys()].find(
      (o) => o.paragraph === span.paragraph && o.open < span.open && (o.close ?? o.end) >= span.end,
    );
    if (!outer) continue;
    const inner = spans.filter((s) => s.depth > 0 && s.paragraph === span.paragraph);
    const quoted = tokens.map(
      (t) =>
        t.start <= outer.open ||
        t.start >= (outer.close ?? outer.end) ||
        inner.some((s) => t.start >= s.open && t.start <= (s.close ?? s.end)),
    );
    const nestedView: AttributionView = { ...view, quoted };
    const openTok = tokenAt(tokens, span.open);
    const closeTok = lastTokenBefore(tokens, (span.close ?? span.end) + 1);
    const last = lastTokenBefore(tokens, outer.close ?? outer.end);
    const raw = input.slice(span.start, span.end);
    if (isNotSpeech(raw, nestedView, openTok, openTok)) continue;
    const phrase = attributionAfter(nestedView, closeTok + 1, last);
    let who = phrase ? resolve(phrase) : null;
    const words = raw.split(/\s+/).length;
    const carried = previous && span.paragraph - previous.paragraph <= 1 ? previous.who : null;
    if (!who && outer.continued && words >= 4) who = carried;
    if (!who) continue;
    previous = { paragraph: span.paragraph, who };
    const text = cleanText(raw, span);
    out.push({
      text,
      start: span.start,
      end: span.start + text.length,
      speaker: who.speaker,
      speakerMention: who.mention,
      sentence: sentenceText(ctx, span),
    });
  }
  return out;
}
