import { decodeHTML } from 'entities';
import { FeedError } from './errors.ts';

const XML_ENTITIES = new Set(['amp', 'lt', 'gt', 'quot', 'apos']);
// Element or attribute names that would land on an object's prototype chain once xml2js turns them into keys.
const POISON_NAME =
  /<\/?(?:[\w.-]+:)?(?:__proto__|constructor|prototype)[\s/>]|<[^<>!?]*\s(?:[\w.-]+:)?(?:__proto__|constructor|prototype)\s*=/;
const DOCTYPE = /<!DOCTYPE(?:[^[>]*\[[\s\S]*?\]\s*>|[^>]*>)/i;

function fixEntities(text: string): string {
  return text.replace(
    /&(#\d+;|#x[0-9a-f]+;|([a-z][a-z0-9]*);)?/gi,
    (match, ref: string | undefined, name?: string) => {
      if (!ref) return '&amp;';
      if (!name || XML_ENTITIES.has(name)) return match;
      const decoded = decodeHTML(match);
      // Known HTML entities become numeric references; unknown ones stay as literal text.
      if (decoded !== match) return Array.from(decoded, (ch) => `&#${ch.codePointAt(0)};`).join('');
      return `&amp;${name};`;
    },
  );
}

/**
 * Makes an XML document safe and well-formed enough for a strict parser, before anything parses it:
 * - a DOCTYPE that declares entities (billion laughs, external entities/XXE) is refused outright;
 *   any other DOCTYPE is dropped, so nothing is ever expanded, fetched or read;
 * - element or attribute names `__proto__`, `constructor`, `prototype` are refused;
 * - HTML entities (`&nbsp;`) become numeric references, unknown ones and bare `&` become literal text,
 *   outside CDATA sections and comments.
 * Text fields holding inline markup are xml-bodies.ts's business.
 */
export function screenXml(xml: string): string {
  // Slices, not replaces: a slice shares the document instead of copying it.
  let text = xml.slice(/^[\s\ufeff]*/.exec(xml)?.[0].length ?? 0);
  const head = text.slice(0, 65536);
  const declared = mayHoldDoctype(head);
  const doctype = declared ? DOCTYPE.exec(head) : null;
  if (doctype) {
    if (/<!ENTITY/i.test(doctype[0]))
      throw new FeedError(
        'unsafe',
        'the document declares XML entities in its DOCTYPE; refused (nothing expanded)',
      );
    text = text.slice(0, doctype.index) + text.slice(doctype.index + doctype[0].length);
  } else if (declared && /<!DOCTYPE/i.test(head)) {
    throw new FeedError('parse', 'malformed XML: unterminated DOCTYPE');
  }
  // A bogus prolog (`<?phpxml ...?>`) or one after whitespace is harmless to drop: we decoded the bytes already.
  const prolog = /^<\?[a-z]*xml\b[^?]*\?>\s*/i.exec(text);
  if (prolog) text = text.slice(prolog[0].length);
  const poisoned = POISON_WORD.test(text);
  if (poisoned || hasBadAmpersand(text)) text = screenOutsideCdata(text, poisoned);
  return text;
}

const POISON_WORD = /__proto__|constructor|prototype/;
// Any `&` that is not one of XML's five entities nor a character reference (what fixEntities would change).
const BAD_AMPERSAND = /&(?!(?:amp|lt|gt|quot|apos);|#\d+;|#[xX][0-9a-fA-F]+;)/;
const GOOD_REFERENCE = /&(?:amp|lt|gt|quot|apos|#\d+|#[xX][0-9a-fA-F]+);/y;

/** BAD_AMPERSAND's test, stepping from `&` to `&` with indexOf: many times faster on a whole document. */
function hasBadAmpersand(text: string): boolean {
  for (let at = text.indexOf('&'); at >= 0; at = text.indexOf('&', at + 1)) {
    GOOD_REFERENCE.lastIndex = at;
    if (!GOOD_REFERENCE.test(text)) return true;
  }
  return false;
}

/** Whether `<!` followed by a D in either case occurs: a cheap gate before the DOCTYPE patterns. */
function mayHoldDoctype(head: string): boolean {
  for (let at = head.indexOf('<!'); at >= 0; at = head.indexOf('<!', at + 2))
    if ((head.charCodeAt(at + 2) | 0x20) === 0x64) return true;
  return false;
}

/**
 * `text` cut into the runs outside CDATA sections and comments (even indexes) and those sections (odd), as
 * `text.split(/(<!\[CDATA\[[\s\S]*?\]\]>|<!--[\s\S]*?-->)/)` cuts it, in one forward pass: that pattern scans
 * to the end of the text from every unclosed section, which made a document of many of them quadratic.
 */
export function splitSections(text: string): string[] {
  const parts: string[] = [];
  let copied = 0;
  let cdata = text.indexOf('<![CDATA[');
  let comment = text.indexOf('<!--');
  while (cdata >= 0 || comment >= 0) {
    const isCdata = cdata >= 0 && (comment < 0 || cdata < comment);
    const start = isCdata ? cdata : comment;
    const end = isCdata ? text.indexOf(']]>', start + 9) : text.indexOf('-->', start + 4);
    // With no terminator after this one, no later section of its kind closes either.
    if (end < 0) {
      if (isCdata) cdata = -1;
      else comment = -1;
      continue;
    }
    parts.push(text.slice(copied, start), text.slice(start, end + 3));
    copied = end + 3;
    if (cdata >= 0 && cdata < copied) cdata = text.indexOf('<![CDATA[', copied);
    if (comment >= 0 && comment < copied) comment = text.indexOf('<!--', copied);
  }
  parts.push(text.slice(copied));
  return parts;
}

/** The name and entity screens, applied outside CDATA sections and comments only. */
function screenOutsideCdata(text: string, poisoned: boolean): string {
  const parts = splitSections(text);
  for (let i = 0; i < parts.length; i += 2) {
    const part = parts[i] as string;
    if (poisoned && POISON_NAME.test(part))
      throw new FeedError(
        'unsafe',
        'the document uses a reserved element name (__proto__/constructor); refused',
      );
    if (BAD_AMPERSAND.test(part)) parts[i] = fixEntities(part);
  }
  return parts.join('');
}
