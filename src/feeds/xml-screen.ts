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
  let text = xml.replace(/^[\s\ufeff]+/, '');
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
  text = text.replace(/^<\?[a-z]*xml\b[^?]*\?>\s*/i, '');
  const parts = text.split(/(<!\[CDATA\[[\s\S]*?\]\]>|<!--[\s\S]*?-->)/);
  for (let i = 0; i < parts.length; i += 2) {
    const part = parts[i] as string;
    if (POISON_NAME.test(part))
      throw new FeedError(
        'unsafe',
        'the document uses a reserved element name (__proto__/constructor); refused',
      );
    if (part.includes('&')) parts[i] = fixEntities(part);
  }
  return inlineMarkupAsCdata(xhtmlAsCdata(parts.join('')));
}

const TEXT_FIELD = /<(title|description|summary|content:encoded)(\s[^>]*)?>([\s\S]*?)<\/\1\s*>/g;

/**
 * Unescaped HTML inside a text field (`<title>Big <b>news</b></title>`) is well-formed XML, but xml2js
 * splits it into child elements and keeps only the loose text; wrapped in CDATA it stays one string.
 */
function inlineMarkupAsCdata(xml: string): string {
  return xml.replace(TEXT_FIELD, (match, name: string, attributes: string | undefined, inner: string) => {
    const outside = inner.replace(/<!\[CDATA\[[\s\S]*?\]\]>/g, '');
    if (!/<[a-z]/i.test(outside) || /type\s*=\s*["']xhtml/.test(attributes ?? '')) return match;
    const html = inner.replace(/<!\[CDATA\[([\s\S]*?)\]\]>/g, '$1').replace(/\]\]>/g, ']]]]><![CDATA[>');
    return `<${name}${attributes ?? ''}><![CDATA[${html}]]></${name}>`;
  });
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
