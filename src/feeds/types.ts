/** One item of a feed, normalised: plain-text title, ISO date or null, raw HTML kept for the article text. */
export interface ParsedItem {
  /** guid / Atom id / JSON Feed id / rdf:about, trimmed; null when absent. */
  guid: string | null;
  /** Absolute http(s) link when it can be resolved, else the link as given; null when absent. */
  link: string | null;
  /** Plain Unicode text: entities decoded, no tags, no CDATA markers, whitespace collapsed. */
  title: string;
  /** ISO 8601 (UTC) or null when missing or unreadable; an item is never dropped for its date. */
  published: string | null;
  /** Full article HTML (content:encoded, Atom content, content_html), or null. */
  contentHtml: string | null;
  /** The description / Atom summary / JSON Feed summary as HTML (plain text is valid HTML), or null. */
  descriptionHtml: string | null;
  author: string | null;
  /** Item-level language (dc:language, JSON Feed item language), else null. */
  language: string | null;
}

/** A parsed feed: its title, declared language and `<ttl>`, and every item in document order. */
export interface ParsedFeed {
  format: 'rss' | 'atom' | 'rdf' | 'json-feed' | 'json';
  title: string;
  link: string | null;
  /** `<language>`, Atom `xml:lang` or JSON Feed `language`, as declared. */
  language: string | null;
  /** RSS `<ttl>` in minutes, when declared and sane. */
  ttl: number | null;
  items: ParsedItem[];
}
