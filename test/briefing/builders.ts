import type { Claim, Figure, Quote } from '../../src/extract/types.ts';
import type { NewArticle, StoredArticle } from '../../src/store/port.ts';

/** A figure as the extractor would report it, with the sentence it sits in. */
export function figure(
  text: string,
  value: number | null,
  unit: string | null,
  sentence: string,
  extra: Partial<Figure> = {},
): Figure {
  const start = Math.max(0, sentence.indexOf(text));
  return { text, value, unit, sentence, start, end: start + text.length, ...extra };
}

/** A claim: `claim` must be part of `sentence`. */
export function claim(claimant: string, claimText: string, sentence: string): Claim {
  const at = Math.max(0, sentence.indexOf(claimText));
  return {
    claimant,
    claim: claimText,
    sentence,
    start: 0,
    end: sentence.length,
    claimStart: at,
    claimEnd: at + claimText.length,
  };
}

/** A quote by `speaker` inside `sentence`. */
export function quote(text: string, speaker: string | null, sentence: string, fragment = false): Quote {
  const at = Math.max(0, sentence.indexOf(text));
  return {
    text,
    speaker,
    speakerMention: speaker,
    sentence,
    start: at,
    end: at + text.length,
    ...(fragment ? { fragment } : {}),
  };
}

/** What an article builder needs; everything else gets a plain default. */
export interface ArticleSpec {
  id: number;
  feedId: number;
  feedName?: string;
  title: string;
  lede: string;
  body?: string[];
  url?: string | null;
  firstSeen?: Date;
  people?: string[];
  orgs?: string[];
  claims?: Claim[];
  figures?: Figure[];
  quotes?: Quote[];
  language?: string;
}

/** A stored article built from a spec, in the `.txt` article format the store keeps. */
export function article(spec: ArticleSpec): StoredArticle {
  const text = [spec.title, spec.lede, ...(spec.body ?? [])].join('\n\n');
  const language = spec.language ?? 'en';
  const analysed = language === 'en';
  const firstSeen = spec.firstSeen ?? new Date('2026-11-27T09:00:00Z');
  return {
    id: spec.id,
    feedId: spec.feedId,
    feedName: spec.feedName ?? `Feed ${spec.feedId}`,
    itemKey: `item-${spec.id}`,
    url: spec.url === undefined ? `https://news.example/${spec.feedId}/${spec.id}` : spec.url,
    title: spec.title,
    published: null,
    text,
    firstSeen,
    updatedAt: firstSeen,
    language,
    analysed,
    extraction: {
      title: spec.title,
      language,
      analysed,
      quotes: analysed ? (spec.quotes ?? []) : [],
      figures: analysed ? (spec.figures ?? []) : [],
      claims: analysed ? (spec.claims ?? []) : [],
      entities: { people: spec.people ?? [], orgs: spec.orgs ?? [] },
    },
  };
}

/** A built article as the store takes it in (override the key, link or date where a test needs to). */
export function asNewArticle(stored: StoredArticle): NewArticle {
  return {
    feedId: stored.feedId,
    itemKey: stored.itemKey,
    url: stored.url,
    title: stored.title,
    published: stored.published,
    text: stored.text,
    extraction: stored.extraction,
  };
}
