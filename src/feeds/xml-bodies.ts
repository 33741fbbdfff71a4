/*
 * The text fields of a feed document (titles, descriptions, summaries, content), prepared for rss-parser in
 * one forward pass, after xml-screen.ts has made the document safe. A field's value is taken out of the
 * document and swapped for a short token, which `restore` turns back into the value after parsing, when:
 *
 *   - it holds unescaped inline HTML (`<title>Big <b>news</b></title>`): well-formed XML, but xml2js would
 *     split it into child elements and keep only the loose text. Its value is the markup as written, with
 *     any CDATA markers unwrapped;
 *   - it is an Atom `type="xhtml"` construct, whose mixed text and elements xml2js cannot keep in order. Its
 *     value is the markup, handed over as `type="html"`;
 *   - it is a long body (an item's article HTML), whose text is unambiguous: one CDATA section, or text
 *     without markup. rss-parser's XML parser (sax, under xml2js) walks every character of every text node
 *     through its state machine, and such bodies are most of a feed's bytes. Its value is exactly what
 *     xml2js would yield: the CDATA content as is, or the text with XML's five entities and character
 *     references decoded (xml-screen.ts has already turned every other `&` into one of those). Text with
 *     a reference XML forbids is left to the parser, which reports it.
 * test/feeds/xml-bodies.test.ts checks lifted bodies against plain rss-parser on the untouched document.
 */

// CDATA sections and comments are matched too, to be stepped over: a tag inside them is only text.
const OPEN =
  /<!\[CDATA\[|<!--|<((?:[\w-]+:)?(?:content:encoded|content|description|summary|title|subtitle|rights))(\s[^<>]*)?>/g;
/** Fields whose inline HTML is kept whole (the ones rss-parser reads as text). */
const INLINE_HTML_FIELDS = new Set(['title', 'description', 'summary', 'content:encoded']);
/** Fields whose long bodies are lifted. */
const BODY_FIELDS = new Set(['description', 'summary', 'content', 'content:encoded']);
const XHTML_FIELDS = /^(?:[\w-]+:)?(?:content|summary|title|subtitle|rights)$/;
const XHTML_TYPE = /\btype\s*=\s*["']xhtml["']/;
const REFERENCE = /&(?:(amp|lt|gt|quot|apos)|#(\d+)|#x([0-9a-fA-F]+));/g;
const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
/** Shorter bodies cost the parser little; lifting them would not pay for the token. */
const MIN_LIFTED = 64;

/** The character a reference names, or null when XML would not accept it. */
function referenced(code: number): string | null {
  const allowed =
    code === 0x9 ||
    code === 0xa ||
    code === 0xd ||
    (code >= 0x20 && code <= 0xd7ff) ||
    (code >= 0xe000 && code <= 0xfffd) ||
    (code >= 0x10000 && code <= 0x10ffff);
  return allowed ? String.fromCodePoint(code) : null;
}

/** Text with XML's entities and character references decoded, or null when one is not acceptable. */
function decodeText(text: string): string | null {
  if (!text.includes('&')) return text;
  let valid = true;
  const decoded = text.replace(REFERENCE, (match, name?: string, decimal?: string, hex?: string) => {
    if (name) return NAMED[name] as string;
    const char = referenced(decimal ? Number.parseInt(decimal, 10) : Number.parseInt(hex as string, 16));
    if (char === null) valid = false;
    return char ?? match;
  });
  // A `&` that is not one of XML's references is the parser's to judge.
  return valid && !text.replace(REFERENCE, '').includes('&') ? decoded : null;
}

/**
 * `markup` with the markers of its CDATA sections removed (`keep`) or the sections themselves (not `keep`), as
 * replacing `/<!\[CDATA\[([\s\S]*?)\]\]>/g` would, in one forward pass (that pattern scans to the end from
 * every unclosed section). An unclosed section stays as text.
 */
function cdataSections(markup: string, keep: boolean): string {
  let out = '';
  let copied = 0;
  for (let start = markup.indexOf('<![CDATA['); start >= 0; start = markup.indexOf('<![CDATA[', copied)) {
    const end = markup.indexOf(']]>', start + 9);
    if (end < 0) break;
    out += markup.slice(copied, start) + (keep ? markup.slice(start + 9, end) : '');
    copied = end + 3;
  }
  return copied === 0 ? markup : out + markup.slice(copied);
}

/** Finds the first `needle` at or after a position. */
type Finder = (needle: string, from: number) => number;

/**
 * A Finder over `xml` that remembers its last answer for each needle, so a document holding many fields that
 * never close is still searched once per needle, not once per field.
 */
function finder(xml: string): Finder {
  const last = new Map<string, { from: number; at: number }>();
  return (needle, from) => {
    const seen = last.get(needle);
    // No occurrence in [seen.from, seen.at): the first one after `from` in that range is the same.
    if (seen && from >= seen.from && (seen.at < 0 || from <= seen.at)) return seen.at;
    const at = xml.indexOf(needle, from);
    last.set(needle, { from, at });
    return at;
  };
}

/** What to do with one field: its value to lift (and the attributes to write back), or nothing. */
interface Lift {
  value: string;
  attributes: string;
  /** Where the field's closing tag ends. */
  end: number;
}

/** The field whose content starts at `from` (see the rules above), or null when the parser should read it. */
function liftField(xml: string, from: number, name: string, attributes: string, find: Finder): Lift | null {
  const close = `</${name}>`;
  if (XHTML_TYPE.test(attributes) && XHTML_FIELDS.test(name)) {
    const closeAt = find(close, from);
    if (closeAt < 0) return null;
    const value = cdataSections(xml.slice(from, closeAt), true);
    const html = attributes.replace(XHTML_TYPE, 'type="html"');
    return { value, attributes: html, end: closeAt + close.length };
  }
  const bodyField = BODY_FIELDS.has(name);
  if (xml.startsWith('<![CDATA[', from)) {
    const cdataEnd = xml.indexOf(']]>', from + 9);
    if (cdataEnd >= 0 && xml.startsWith(close, cdataEnd + 3)) {
      const value = xml.slice(from + 9, cdataEnd);
      return bodyField && value.length >= MIN_LIFTED
        ? { value, attributes, end: cdataEnd + 3 + close.length }
        : null;
    }
  } else {
    const textEnd = xml.indexOf('<', from);
    if (textEnd < 0) return null;
    if (xml.startsWith(close, textEnd)) {
      if (!bodyField || textEnd - from < MIN_LIFTED) return null;
      const value = decodeText(xml.slice(from, textEnd));
      return value === null ? null : { value, attributes, end: textEnd + close.length };
    }
  }
  // Mixed content: inline HTML when, outside its CDATA sections, it holds an element.
  if (!INLINE_HTML_FIELDS.has(name)) return null;
  const closeAt = find(close, from);
  if (closeAt < 0) return null;
  const inner = xml.slice(from, closeAt);
  if (!/<[a-z]/i.test(cdataSections(inner, false))) return null;
  return { value: cdataSections(inner, true), attributes, end: closeAt + close.length };
}

/** A document with some text fields swapped for tokens, and the way back. */
export interface LiftedBodies {
  xml: string;
  /** The value a token stands for, or the value itself when it is not a token. */
  restore<T extends string | null>(value: T): T;
}

let generation = 0;

/** Lifts the text fields described above out of a screened document, in one pass. */
export function liftBodies(xml: string): LiftedBodies {
  const values: string[] = [];
  // Private-use characters are valid XML text that no parser changes; a feed's own text would also have to
  // guess this parse's generation to pass for one of its tokens.
  generation = (generation + 1) % 1_000_000;
  const prefix = `\ue000${generation}:`;
  let out: string[] | null = null;
  let copied = 0;
  const find = finder(xml);
  OPEN.lastIndex = 0;
  for (let open = OPEN.exec(xml); open; open = OPEN.exec(xml)) {
    const [tag, name, attributes = ''] = open;
    if (!name) {
      const end = xml.indexOf(tag === '<!--' ? '-->' : ']]>', OPEN.lastIndex);
      if (end < 0) break;
      OPEN.lastIndex = end + 3;
      continue;
    }
    if (attributes.endsWith('/')) continue;
    const lift = liftField(xml, OPEN.lastIndex, name, attributes, find);
    if (!lift) continue;
    out ??= [];
    out.push(
      xml.slice(copied, open.index),
      `<${name}${lift.attributes}>${prefix}${values.length}\ue001</${name}>`,
    );
    values.push(lift.value);
    copied = lift.end;
    OPEN.lastIndex = lift.end;
  }
  if (!out) return { xml, restore: (value) => value };
  out.push(xml.slice(copied));
  return {
    xml: out.join(''),
    restore<T extends string | null>(value: T): T {
      if (value === null || !value.startsWith(prefix) || !value.endsWith('\ue001')) return value;
      return (values[Number(value.slice(prefix.length, -1))] ?? value) as T;
    },
  };
}
