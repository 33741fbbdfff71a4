/** A span of the input: `input.slice(start, end)`, UTF-16 offsets into the whole input as given. */
export interface Span {
  start: number;
  end: number;
}

/** A paragraph of article text with its offsets in the whole input. */
export interface Paragraph extends Span {
  text: string;
}

/** An article ready for extraction: the whole input plus where its title and paragraphs lie in it. */
export interface ArticleText {
  input: string;
  title: string;
  titleSpan: Span | null;
  paragraphs: Paragraph[];
  /** The declared language (feed `<language>`, HTML `lang`), if any. */
  declaredLanguage?: string;
}

/** Exact words in quotation marks and who said them. */
export interface Quote extends Span {
  text: string;
  /** Canonical name (the fullest form the article gives), an unnamed source's description, or null. */
  speaker: string | null;
  /** The words the article used for the speaker where it attributed this quote. */
  speakerMention: string | null;
  sentence: string;
  /** A few quoted words inside a sentence that are not a whole utterance (scare quotes with a speaker). */
  fragment?: boolean;
}

/** A quantity the article reports. */
export interface Figure extends Span {
  text: string;
  value: number | null;
  /** Upper end of a range ("50 to 100" → value 50, valueMax 100). */
  valueMax?: number;
  unit: string | null;
  qualifier?: string;
  /** The counted noun phrase, words taken from the sentence. */
  about?: string;
  sentence: string;
  /** Index in `figures` of the figure this one converts ("$270 billion (£199 billion)"). */
  equivalentOf?: number;
}

/** An attributed assertion: who asserts what, as the article words it. */
export interface Claim extends Span {
  claimant: string;
  claim: string;
  sentence: string;
  claimStart: number;
  claimEnd: number;
}

/** People and organisations named in the article, by canonical name. */
export interface Entities {
  people: string[];
  orgs: string[];
}

/** Everything extracted from one article. */
export interface Extraction {
  title: string;
  language: string;
  analysed: boolean;
  quotes: Quote[];
  figures: Figure[];
  claims: Claim[];
  entities: Entities;
}
