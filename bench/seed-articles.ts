/** Synthetic stored articles for the query benchmarks: text and a matching extraction, written from templates. */
import type { Claim, Extraction, Figure, Quote } from '../src/extract/types.ts';
import { rng } from './generate.ts';

const FIRST = [
  'Maria',
  'Daniel',
  'Helen',
  'Tomas',
  'Aisha',
  'Kenji',
  'Olga',
  'Pedro',
  'Ingrid',
  'Samuel',
  'Leila',
  'Marek',
  'Chloé',
  'Ravi',
  'Nadia',
  'Jonas',
  'Amara',
  'Viktor',
  'Elena',
  'Hugo',
];
const LAST = [
  'Okafor',
  'Reyes',
  'Brandt',
  'Novák',
  'Rahman',
  'Watanabe',
  'Petrova',
  'Alves',
  'Lindqvist',
  'Mensah',
  'Haddad',
  'Kowalski',
  'Dubois',
  'Iyer',
  'Farouk',
  'Berg',
  'Nwosu',
  'Horvath',
  'Moreau',
  'Castillo',
  'Jensen',
  'Sato',
  'Kaplan',
  'Oyelaran',
  'Whitfield',
];
const TOPICS = [
  'budget',
  'rail line',
  'strike',
  'flood defences',
  'merger',
  'election',
  'harbour expansion',
  'grain exports',
  'hospital waiting lists',
  'wind farm',
  'ceasefire',
  'school funding',
];
const ORGS = ['the ministry', 'the city council', 'the central bank', 'the union', 'the regulator'];
const NOUNS = ['workers', 'homes', 'passengers', 'patients', 'students', 'vehicles'];

/** Every generated speaker name (first × last): 500 people, so a surname query matches a few of them. */
export const SPEAKERS: readonly string[] = FIRST.flatMap((first) => LAST.map((last) => `${first} ${last}`));
/** Every topic word phrase the generator writes about. */
export const SEED_TOPICS: readonly string[] = TOPICS;
/** Surnames, for queries typed the way people type them. */
export const SURNAMES: readonly string[] = LAST;

function pick<T>(random: () => number, list: readonly T[]): T {
  return list[Math.floor(random() * list.length)] as T;
}

/** One generated article: title, `.txt`-style text and an extraction whose spans point into that text. */
export interface SeedArticle {
  title: string;
  text: string;
  extraction: Extraction;
}

/** Builds article `seed` with `each` quotes, figures and claims (spans are real offsets into the text). */
export function seedArticle(seed: number, each = 5): SeedArticle {
  const random = rng(seed);
  const topic = pick(random, TOPICS);
  const title = `${pick(random, ORGS).replace(/^the /, 'The ')} under pressure over the ${topic}`;
  let text = `${title}\n\n`;
  const quotes: Quote[] = [];
  const figures: Figure[] = [];
  const claims: Claim[] = [];
  const people = new Set<string>();
  const add = (sentence: string): number => {
    const start = text.length;
    text += `${sentence}\n\n`;
    return start;
  };
  for (let i = 0; i < each; i++) {
    const speaker = pick(random, SPEAKERS);
    const subject = random() < 0.7 ? topic : pick(random, TOPICS);
    people.add(speaker);

    const words = `We will not accept another delay on the ${subject}`;
    const quoteSentence = `"${words}," ${speaker} told reporters.`;
    const qs = add(quoteSentence);
    quotes.push({
      text: words,
      speaker,
      speakerMention: speaker,
      sentence: quoteSentence,
      start: qs + 1,
      end: qs + 1 + words.length,
    });

    const n = Math.floor(random() * 90_000) + 100;
    const noun = pick(random, NOUNS);
    const number = n.toLocaleString('en-US');
    const figureSentence = `More than ${number} ${noun} were affected by the ${subject}.`;
    const fs = add(figureSentence);
    const offset = figureSentence.indexOf(number);
    figures.push({
      text: `${number} ${noun}`,
      value: n,
      unit: noun,
      qualifier: 'more than',
      about: noun,
      sentence: figureSentence,
      start: fs + offset,
      end: fs + offset + number.length + 1 + noun.length,
    });

    const claimant = pick(random, SPEAKERS);
    people.add(claimant);
    const claim = `the ${subject} had been mismanaged for years`;
    const claimSentence = `${claimant} said ${claim}.`;
    const cs = add(claimSentence);
    const claimOffset = claimant.length + ' said '.length;
    claims.push({
      claimant,
      claim,
      sentence: claimSentence,
      start: cs,
      end: cs + claimSentence.length,
      claimStart: cs + claimOffset,
      claimEnd: cs + claimOffset + claim.length,
    });
  }
  return {
    title,
    text: text.trimEnd(),
    extraction: {
      title,
      language: 'en',
      analysed: true,
      quotes,
      figures,
      claims,
      entities: { people: [...people], orgs: [] },
    },
  };
}
