import type { ExtractContext } from './context.ts';
import { canonicalName, isRoleWord, type NameMention, nameIndex } from './people.ts';
import type { Claim, Entities, Quote } from './types.ts';

/** Acronyms of countries: places, not organisations. */
const COUNTRY_ACRONYMS = new Set(['US', 'U.S.', 'USA', 'U.S.A.', 'UK', 'U.K.', 'UAE', 'DRC']);
/** All-capital words that are not organisations: shouting, units, datelines (one word of six letters or more). */
const NOT_ORGS = /^(?:OK|CEO|CFO|CPU|GPU|RV|TV|GDP|AM|PM|ID|PC|AI|IT|PhD|MP|\p{Lu}{6,})$/u;

const THING_BEFORE = new Set(['the', 'a', 'an', 'in', 'at', 'near', 'across', 'into', 'inside']);

/** A name written as names are: capitalised words, with initials, particles and hyphens. */
const NAME_SHAPE = /^\p{Lu}[\p{L}.'’-]*(?:\s+(?:van|von|de|der|da|di|du|la|le|bin|al|\p{Lu}[\p{L}.'’-]*))*$/u;

/** Collects the people and organisations an article names, by canonical name. */
export function collectEntities(ctx: ExtractContext, quotes: Quote[], claims: Claim[]): Entities {
  const index = nameIndex(ctx);
  const people = new Map<string, string>();
  const orgs = new Map<string, string>();
  const addPerson = (name: string) => {
    const key = name.toLowerCase();
    if (!people.has(key)) people.set(key, name);
  };
  const speakers = [...quotes.map((q) => q.speaker), ...claims.map((c) => c.claimant)];
  const confirmed = confirmedPeople(index.mentions, speakers);
  const skipTitle = isTitleCase(ctx.article.title);
  // A run written after "the", "in" or "at" is a place, team or event ("the Big Ten", "at Lake Tahoe").
  const thingLike = new Set<string>();
  for (const m of index.mentions) {
    const before = ctx.analysis.tokens[m.firstToken - 1];
    if (m.kind === 'person' && before && THING_BEFORE.has(before.lower)) thingLike.add(m.name);
  }
  const bodyStart = ctx.article.paragraphs[0]?.start ?? 0;
  for (const m of index.mentions) {
    if (skipTitle && m.start < bodyStart) continue;
    if (m.kind === 'person' && m.name) {
      const name = canonicalName(m.name, ctx, m.start);
      if (confirmed.has(name) || m.role || !thingLike.has(m.name)) addPerson(name);
    } else if (m.kind === 'org' && !COUNTRY_ACRONYMS.has(m.text) && !NOT_ORGS.test(m.text)) {
      const name = m.text.replace(/(?:'s|’s|'|’)$/u, '');
      const key = name.toLowerCase();
      if (!orgs.has(key)) orgs.set(key, name);
    }
  }
  // People known only by one name ("Soelistyo said"), named as speakers or claimants.
  const roleBefore = new Set(
    quotes
      .filter(
        (q) =>
          q.speaker &&
          q.speakerMention
            ?.split(/\s+/)
            .slice(0, -1)
            .some((w) => isRoleWord(w)),
      )
      .map((q) => q.speaker),
  );
  // Built once: the loop below asks about every speaker, and most speakers come back many times.
  const personNames = new Set<string>();
  const orgOrPlaceTexts = new Set<string>();
  for (const m of index.mentions) {
    if (m.kind === 'person') personNames.add(m.name);
    else if (m.kind === 'org' || m.kind === 'place') orgOrPlaceTexts.add(m.text);
  }
  const seen = new Set<string>();
  for (const speaker of speakers) {
    if (!speaker || seen.has(speaker)) continue;
    seen.add(speaker);
    if (!NAME_SHAPE.test(speaker)) continue;
    const key = speaker.toLowerCase();
    if (orgs.has(key) || COUNTRY_ACRONYMS.has(speaker)) continue;
    const canonical = canonicalName(speaker, ctx);
    // One word alone may be a country speaking ("Russia said"): a person only with a title ("Mr Soelistyo",
    // "agency chief Soelistyo").
    const titled = roleBefore.has(speaker) || personNames.has(canonical);
    if (!/\s/.test(canonical) && !titled) continue;
    if (orgOrPlaceTexts.has(canonical)) continue;
    addPerson(canonical);
  }
  // A one-word form of a full name already listed ("Stoltenberg") is the same person.
  const full = [...people.values()];
  const words = full.map((name) => name.split(/\s+/));
  const distinct = full.filter(
    (name) =>
      /\s/.test(name) || !full.some((other, i) => other !== name && (words[i] as string[]).includes(name)),
  );
  return { people: distinct, orgs: [...orgs.values()] };
}

/**
 * Two-word runs of capitals are people only when the article treats them as people: a surname used alone
 * elsewhere ("Caldwell"), a title or role, or words attributed to them.
 */
function confirmedPeople(mentions: NameMention[], speakers: (string | null)[]): Set<string> {
  const single = new Set(
    mentions.filter((m) => !/\s/.test(m.text)).map((m) => m.text.replace(/['’]s?$/u, '')),
  );
  const named = new Set(speakers);
  const confirmed = new Set<string>();
  for (const m of mentions) {
    if (m.kind !== 'person' || !m.name) continue;
    const surname = m.name.split(/\s+/).at(-1) as string;
    if (m.role || single.has(surname) || named.has(m.name)) confirmed.add(m.name);
  }
  for (const s of speakers) if (s) confirmed.add(s);
  return confirmed;
}

function isTitleCase(title: string): boolean {
  const words = title.split(/\s+/).filter((w) => /^\p{L}/u.test(w) && w.length > 3);
  return words.length >= 3 && words.filter((w) => /^\p{Lu}/u.test(w)).length / words.length >= 0.7;
}
