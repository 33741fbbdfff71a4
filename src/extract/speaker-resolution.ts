import { tokenAt } from './attribution-view.ts';
import type { ExtractContext } from './context.ts';
import { ORG_CUES } from './name-lexicon.ts';
import type { Token } from './nlp.ts';
import { canonicalName, type NameMention, ROLE_WORDS } from './people.ts';
import type { MarkedSpan } from './quote-marks.ts';
import type { AttributionView } from './speakers.ts';

/** Who a phrase resolved to. */
export interface Speaker {
  speaker: string;
  mention: string;
  /** A named person (not a body, not a description). */
  person: boolean;
  gender?: 'm' | 'f';
}

/** Something the article attributed to someone, in text order: the referents pronouns resolve to. */
export interface SpeakerEvent extends Speaker {
  at: number;
}

/** `who` as an event at offset `at`; built field by field, as a spread of differently shaped speakers is slow. */
export function eventAt(who: Speaker, at: number): SpeakerEvent {
  const event: SpeakerEvent = { speaker: who.speaker, mention: who.mention, person: who.person, at };
  if (who.gender !== undefined) event.gender = who.gender;
  return event;
}

const MALE = new Set(['he', 'him', 'his']);
const FEMALE = new Set(['she', 'her']);

/** Resolves a written speaker phrase to a canonical speaker. */
export function speakerFromPhrase(
  ctx: ExtractContext,
  mention: string,
  start: number,
  end: number,
  names: NameMention[],
  events: SpeakerEvent[],
): Speaker | null {
  const inside: NameMention[] = [];
  for (let i = firstAtOrAfter(names, start); i < names.length; i++) {
    const m = names[i] as NameMention;
    if (m.start >= end) break;
    if (m.end <= end) inside.push(m);
  }
  const person = inside.find((m) => m.kind === 'person') ?? inside.find((m) => isKnownPerson(ctx, m));
  const possessive = /['’]s?\s/.test(mention);
  // "NPR's Debbie Elliot" and "Joost van Hoof of the Netherlands' ..." name a person; "Russia's foreign
  // ministry" does not.
  const ownsNext = person && /^['’]/.test(ctx.analysis.input.slice(person.end, person.end + 1));
  if (person && (!possessive || person.end === end || (person.start === start && !ownsNext))) {
    const speaker = canonicalName(person.name || person.text, ctx, start);
    const gender = genderOf(speaker, names);
    return { speaker, mention, person: true, ...(gender ? { gender } : {}) };
  }
  const lower = mention.toLowerCase();
  const role = /^the\s+(\S+(?:\s+\S+)?)$/.exec(lower)?.[1];
  if (role?.split(/\s+/).some((w) => ROLE_WORDS.has(w))) {
    const head = role.split(/\s+/).at(-1) as string;
    const match = events.findLast((e) => e.person && e.at < start && roleMatches(e, head, names));
    if (match) return { ...match, mention };
    const titled = names
      .filter((m) => m.start < start && m.kind === 'person' && m.role.includes(head))
      .at(-1);
    if (titled) return { speaker: canonicalName(titled.name, ctx, titled.start), mention, person: true };
  }
  if (inside.length > 0 && !possessive) {
    const body = inside[inside.length - 1] as NameMention;
    // "the Harbour Agency", "tech giant Orbis Inc": the organisation's own name.
    if (body.kind === 'org' && body.end === end) return { speaker: body.text, mention, person: false };
    // "agency chief Soelistyo", "defense attorney Bruck": lower-case role words before a one-word name.
    const lead = ctx.analysis.input.slice(start, body.start).trim();
    if (
      body.kind === 'other' &&
      body.end === end &&
      lead &&
      /^[\p{Ll}\s-]+$/u.test(lead) &&
      !/^(?:the|a|an)\s/.test(lead)
    )
      return { speaker: canonicalName(body.text, ctx, start), mention, person: true };
  }
  // A name the tagger did not read as one ("Ward told Reuters" opening a sentence).
  if (/^\p{Lu}[\p{L}'’.-]*(?:\s+\p{Lu}[\p{L}'’.-]*)*$/u.test(mention)) {
    const full = canonicalName(mention, ctx, start);
    if (full !== mention) return { speaker: full, mention, person: true };
  }
  return { speaker: mention, mention, person: false };
}

export function isKnownPerson(ctx: ExtractContext, m: NameMention): boolean {
  return m.kind === 'other' && canonicalName(m.text, ctx) !== m.text;
}

function roleMatches(event: SpeakerEvent, head: string, names: NameMention[]): boolean {
  return names.some((m) => m.role.includes(head) && canonicalEnds(event.speaker, m.name));
}

function canonicalEnds(full: string, name: string): boolean {
  return full === name || full.endsWith(` ${name.split(' ').at(-1)}`);
}

/** Per mention list: each surname with the gender of the first mention that gives one. */
const gendersByNames = new WeakMap<NameMention[], Map<string, 'm' | 'f'>>();

export function genderOf(speaker: string, names: NameMention[]): 'm' | 'f' | undefined {
  let genders = gendersByNames.get(names);
  if (!genders) {
    genders = new Map();
    for (const m of names) {
      const surname = m.name.split(' ').at(-1) as string;
      if (m.gender && !genders.has(surname)) genders.set(surname, m.gender);
    }
    gendersByNames.set(names, genders);
  }
  return genders.get(speaker.slice(speaker.lastIndexOf(' ') + 1));
}

/**
 * People named as the subject of a sentence in the same paragraph before `at` ("Moen's deputy, Anna Lie,
 * was more cautious."): a pronoun after them more likely means them than an earlier speaker.
 */
export function subjectsBefore(
  ctx: ExtractContext,
  view: AttributionView,
  names: NameMention[],
  at: number,
): SpeakerEvent[] {
  const { tokens } = ctx.analysis;
  const here = view.paragraphOf[tokenAt(tokens, at)];
  const out: SpeakerEvent[] = [];
  for (const m of names) {
    if (m.start >= at) break;
    if (view.paragraphOf[m.firstToken] !== here || view.quoted[m.firstToken]) continue;
    if (m.kind !== 'person' && !isKnownPerson(ctx, m)) continue;
    const next = tokens[m.lastToken + 1];
    const prev = tokens[m.firstToken - 1];
    const opens = !prev || prev.sentence !== (tokens[m.firstToken] as Token).sentence;
    const verbNext = next && (next.pos === 'VERB' || next.pos === 'AUX');
    const apposition = prev?.text === ',' && next?.text === ',';
    if (!opens && !verbNext && !apposition) continue;
    const speaker = canonicalName(m.name || m.text, ctx, m.start);
    const gender = m.gender ?? genderOf(speaker, names);
    out.push({ speaker, mention: m.text, person: true, at: m.start, ...(gender ? { gender } : {}) });
  }
  return out;
}

/** He / she / they: the last speaker the pronoun can refer to. */
export function resolvePronoun(pronoun: string, at: number, events: SpeakerEvent[]): Speaker | null {
  for (let i = events.length - 1; i >= 0; i--) {
    const e = events[i] as SpeakerEvent;
    if (e.at >= at) continue;
    if (MALE.has(pronoun) && (!e.person || e.gender === 'f')) continue;
    if (FEMALE.has(pronoun) && (!e.person || e.gender === 'm')) continue;
    // "it said": a company, ministry or report, never a person.
    if (pronoun === 'it' && (e.person || !isBody(e.speaker))) continue;
    return {
      speaker: e.speaker,
      mention: pronoun,
      person: e.person,
      ...(e.gender ? { gender: e.gender } : {}),
    };
  }
  return null;
}

/** A headline's "Name on topic: 'Q'" form: the name before the colon speaks. */
export function headlineSpeaker(ctx: ExtractContext, span: MarkedSpan, names: NameMention[]): Speaker | null {
  const title = ctx.article.titleSpan;
  if (!title) return null;
  const lead = ctx.analysis.input.slice(title.start, span.open);
  if (!/:\s*$/.test(lead)) return null;
  const first = names.find((m) => m.start >= title.start && m.end <= span.open);
  if (!first) return null;
  const speaker = canonicalName(first.text, ctx);
  return { speaker, mention: first.text, person: speaker.includes(' ') };
}

/** Index of the first mention starting at or after `offset` (mentions are in text order). */
function firstAtOrAfter(names: NameMention[], offset: number): number {
  let lo = 0;
  let hi = names.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((names[mid] as NameMention).start < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Head nouns of bodies that say things as "it": companies, reports, governments. */
const BODY_NOUNS = new Set([
  'company',
  'firm',
  'report',
  'study',
  'statement',
  'survey',
  'paper',
  'website',
  'group',
]);

/** True when a speaker names an organisation or a document rather than a person. */
function isBody(speaker: string): boolean {
  const head = (speaker.split(/\s+/).at(-1) ?? '').toLowerCase();
  return ORG_CUES.has(head) || BODY_NOUNS.has(head) || /^\p{Lu}{2,}$/u.test(speaker);
}
