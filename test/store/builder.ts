import type { Claim, Extraction, Figure, Quote } from '../../src/extract/types.ts';
import type { NewArticle } from '../../src/store/port.ts';

/** One sentence of a test article and what it carries; offsets are computed from where it lands. */
export interface SentenceSpec {
  sentence: string;
  quote?: { text: string; speaker: string | null; mention?: string; fragment?: boolean };
  claim?: { claimant: string; claim: string };
  figure?: {
    text: string;
    value: number | null;
    unit: string | null;
    about?: string;
    qualifier?: string;
    equivalentOf?: number;
  };
}

/** What a test article is made of. */
export interface ArticleSpec {
  feedId: number;
  itemKey: string;
  title: string;
  sentences?: SentenceSpec[];
  url?: string | null;
  published?: Date | null;
  people?: string[];
  orgs?: string[];
}

function spanOf(haystack: string, needle: string, from: number): number {
  const at = haystack.indexOf(needle, from);
  if (at < 0) throw new Error(`builder: "${needle}" not found in "${haystack.slice(from)}"`);
  return at;
}

/**
 * Builds a `NewArticle` in the `.txt` article form (title, blank line, one paragraph of sentences) whose
 * quotes, claims and figures point at their real offsets, so every span can be checked with `slice`.
 */
export function buildArticle(spec: ArticleSpec): NewArticle {
  const sentences = spec.sentences ?? [];
  const body = sentences.map((s) => s.sentence).join(' ');
  const text = `${spec.title}\n\n${body}`;
  const quotes: Quote[] = [];
  const claims: Claim[] = [];
  const figures: Figure[] = [];
  let cursor = spec.title.length + 2;
  for (const s of sentences) {
    const start = spanOf(text, s.sentence, cursor);
    const end = start + s.sentence.length;
    if (s.quote) {
      const at = spanOf(text, s.quote.text, start);
      const quote: Quote = {
        text: s.quote.text,
        speaker: s.quote.speaker,
        speakerMention: s.quote.mention ?? s.quote.speaker,
        sentence: s.sentence,
        start: at,
        end: at + s.quote.text.length,
      };
      if (s.quote.fragment) quote.fragment = true;
      quotes.push(quote);
    }
    if (s.claim) {
      const at = spanOf(text, s.claim.claim, start);
      claims.push({
        claimant: s.claim.claimant,
        claim: s.claim.claim,
        sentence: s.sentence,
        start,
        end,
        claimStart: at,
        claimEnd: at + s.claim.claim.length,
      });
    }
    if (s.figure) {
      const at = spanOf(text, s.figure.text, start);
      const { text: figureText, value, unit, ...rest } = s.figure;
      figures.push({
        text: figureText,
        value,
        unit,
        ...rest,
        sentence: s.sentence,
        start: at,
        end: at + figureText.length,
      });
    }
    cursor = end;
  }
  const extraction: Extraction = {
    title: spec.title,
    language: 'en',
    analysed: true,
    quotes,
    figures,
    claims,
    entities: { people: spec.people ?? [], orgs: spec.orgs ?? [] },
  };
  return {
    feedId: spec.feedId,
    itemKey: spec.itemKey,
    url: spec.url === undefined ? `https://news.example/${encodeURIComponent(spec.itemKey)}` : spec.url,
    title: spec.title,
    published: spec.published === undefined ? null : spec.published,
    text,
    extraction,
  };
}

/** A clock the store reads; tests move it by hand so windows and leases are exact. */
export class TestClock {
  private current: Date;

  constructor(start = '2026-03-01T09:00:00.000Z') {
    this.current = new Date(start);
  }

  /** The store's view of now. */
  readonly now = (): Date => new Date(this.current.getTime());

  /** Moves the clock forward by `ms`. */
  advance(ms: number): Date {
    this.current = new Date(this.current.getTime() + ms);
    return this.now();
  }
}
