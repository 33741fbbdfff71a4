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
 */
export function screenXml(xml: string): string {
  // Slices, not replaces: a slice shares the document instead of copying it.
  let text = xml.slice(/^[\s\ufeff]*/.exec(xml)?.[0].length ?? 0);
  const doctype = DOCTYPE.exec(text.slice(0, 65536));
  if (doctype) {
    if (/<!ENTITY/i.test(doctype[0]))
      throw new FeedError(
        'unsafe',
        'the document declares XML entities in its DOCTYPE; refused (nothing expanded)',
      );
    text = text.slice(0, doctype.index) + text.slice(doctype.index + doctype[0].length);
  } else if (/<!DOCTYPE/i.test(text.slice(0, 65536))) {
    throw new FeedError('parse', 'malformed XML: unterminated DOCTYPE');
  }
  // A bogus prolog (`<?phpxml ...?>`) or one after whitespace is harmless to drop: we decoded the bytes already.
  const prolog = /^<\?[a-z]*xml\b[^?]*\?>\s*/i.exec(text);
  if (prolog) text = text.slice(prolog[0].length);
  const poisoned = POISON_WORDS.some((word) => text.includes(word));
  const badAmpersand = BAD_AMPERSAND.test(text);
  if (poisoned || badAmpersand) text = screenOutsideCdata(text, poisoned);
  return inlineMarkupAsCdata(xhtmlAsCdata(text));
}

const POISON_WORDS = ['__proto__', 'constructor', 'prototype'];
// Any `&` that is not one of XML's five entities nor a character reference (what fixEntities would change).
const BAD_AMPERSAND = /&(?!(?:amp|lt|gt|quot|apos);|#\d+;|#[xX][0-9a-fA-F]+;)/;

/** The name and entity screens, applied outside CDATA sections and comments only. */
function screenOutsideCdata(text: string, poisoned: boolean): string {
  const parts = text.split(/(<!\[CDATA\[[\s\S]*?\]\]>|<!--[\s\S]*?-->)/);
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

const TEXT_FIELD = /<(title|description|summary|content:encoded)(\s[^>]*)?>([\s\S]*?)<\/\1\s*>/g;

/**
 * Unescaped HTML inside a text field (`<title>Big <b>news</b></title>`) is well-formed XML, but xml2js
 * splits it into child elements and keeps only the loose text; wrapped in CDATA it stays one string.
 */
function inlineMarkupAsCdata(xml: string): string {
  // Most feeds escape or CDATA-wrap their markup: the document is only rebuilt when a field needs it.
  let out: string[] | null = null;
  let copied = 0;
  TEXT_FIELD.lastIndex = 0;
  for (let match = TEXT_FIELD.exec(xml); match; match = TEXT_FIELD.exec(xml)) {
    const [whole, name, attributes, inner] = match as unknown as [string, string, string | undefined, string];
    if (!inner.includes('<')) continue;
    const outside = inner.replace(/<!\[CDATA\[[\s\S]*?\]\]>/g, '');
    if (!/<[a-z]/i.test(outside) || /type\s*=\s*["']xhtml/.test(attributes ?? '')) continue;
    const html = inner.replace(/<!\[CDATA\[([\s\S]*?)\]\]>/g, '$1').replace(/\]\]>/g, ']]]]><![CDATA[>');
    out ??= [];
    out.push(xml.slice(copied, match.index), `<${name}${attributes ?? ''}><![CDATA[${html}]]></${name}>`);
    copied = match.index + whole.length;
  }
  if (!out) return xml;
  out.push(xml.slice(copied));
  return out.join('');
}

const XHTML_CONSTRUCT =
  /<((?:[\w-]+:)?(?:content|summary|title|subtitle|rights))(\s[^>]*?\btype\s*=\s*["']xhtml["'][^>]*)>([\s\S]*?)<\/\1\s*>/g;

/**
 * Atom `type="xhtml"` constructs hold inline markup, whose mixed text and elements xml2js cannot keep in
 * order; wrapping the markup in CDATA (as `type="html"`) hands it over as one HTML string instead.
 */
function xhtmlAsCdata(xml: string): string {
  if (!/type\s*=\s*["']xhtml["']/.test(xml)) return xml;
  return xml.replace(XHTML_CONSTRUCT, (_match, name: string, attributes: string, inner: string) => {
    const html = inner.replace(/<!\[CDATA\[([\s\S]*?)\]\]>/g, '$1').replace(/\]\]>/g, ']]]]><![CDATA[>');
    const attrs = attributes.replace(/\btype\s*=\s*["']xhtml["']/, 'type="html"');
    return `<${name}${attrs}><![CDATA[${html}]]></${name}>`;
  });
}
