import { gunzipSync } from 'node:zlib';
import iconv from 'iconv-lite';
import { FeedError } from './errors.ts';
import { demoronize } from './text.ts';

/** Default cap on a feed body, after decompression. */
export const DEFAULT_MAX_BYTES = 10 * 1024 * 1024;

/** Whether bytes start with the gzip magic number. */
export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/** Inflates a gzip file or body (recognised by its magic bytes) without ever exceeding `maxBytes`. */
export function inflateIfGzip(bytes: Buffer, maxBytes = DEFAULT_MAX_BYTES): Buffer {
  if (!isGzip(bytes)) return bytes;
  try {
    return gunzipSync(bytes, { maxOutputLength: maxBytes });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE' || error instanceof RangeError)
      throw new FeedError('too-large', `gzip body inflates past the ${maxBytes}-byte cap`);
    throw new FeedError('decode', `corrupt gzip data (${(error as Error).message})`);
  }
}

// Browsers decode these labels as windows-1252, and so do mislabelled feeds in practice.
const ALIASES: Record<string, string> = {
  'iso-8859-1': 'windows-1252',
  'iso8859-1': 'windows-1252',
  latin1: 'windows-1252',
  'us-ascii': 'windows-1252',
  ascii: 'windows-1252',
  gb2312: 'gbk',
  'x-gbk': 'gbk',
  utf8: 'utf-8',
  'unicode-1-1-utf-8': 'utf-8',
};

function normaliseLabel(label: string | undefined | null): string | null {
  if (!label) return null;
  const clean = label
    .trim()
    .replace(/^["']|["']$/g, '')
    .toLowerCase();
  const name = ALIASES[clean] ?? clean;
  return iconv.encodingExists(name) ? name : null;
}

/** The `charset` parameter of a Content-Type header. */
export function charsetFromContentType(contentType: string | null | undefined): string | null {
  const match = /;\s*charset\s*=\s*("?)([^";\s]+)\1/i.exec(contentType ?? '');
  return match ? (match[2] as string) : null;
}

function bomEncoding(bytes: Buffer): { encoding: string; length: number } | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { encoding: 'utf-8', length: 3 };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: 'utf-16le', length: 2 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: 'utf-16be', length: 2 };
  // `<?` in UTF-16 without a BOM.
  if (bytes[0] === 0x3c && bytes[1] === 0 && bytes[2] === 0x3f && bytes[3] === 0)
    return { encoding: 'utf-16le', length: 0 };
  if (bytes[0] === 0 && bytes[1] === 0x3c && bytes[2] === 0 && bytes[3] === 0x3f)
    return { encoding: 'utf-16be', length: 0 };
  return null;
}

function prologEncoding(bytes: Buffer): string | null {
  const head = bytes.subarray(0, 1024).toString('latin1');
  const match = /^\s*<\?xml[^>]*?\sencoding\s*=\s*["']([^"']+)["']/i.exec(head);
  if (match) return match[1] as string;
  // Web pages fetched for full text declare it in a meta tag instead.
  const meta = /<meta[^>]+charset\s*=\s*["']?([\w.:-]+)/i.exec(head);
  return meta ? (meta[1] as string) : null;
}

const utf8Strict = new TextDecoder('utf-8', { fatal: true });

/** The text when the bytes are valid UTF-8, else null: validating and decoding in one pass. */
function strictUtf8(bytes: Buffer): string | null {
  try {
    return utf8Strict.decode(bytes);
  } catch {
    return null;
  }
}

/**
 * Whether valid UTF-8 bytes encode a C1 control character (U+0080 to U+009F: 0xC2 then 0x80 to 0x9F).
 * Looking for 0xC2 in the bytes is many times cheaper than a regular expression over the decoded text.
 */
function holdsC1(bytes: Buffer): boolean {
  for (let at = bytes.indexOf(0xc2); at >= 0; at = bytes.indexOf(0xc2, at + 1)) {
    const next = bytes[at + 1] as number;
    if (next >= 0x80 && next <= 0x9f) return true;
  }
  return false;
}

/** How a body was decoded, for logs and tests. */
export interface DecodedText {
  text: string;
  encoding: string;
  source: 'bom' | 'http' | 'prolog' | 'sniffed';
}

/**
 * Turns feed bytes into text: BOM, then the HTTP charset, then the XML prolog; with nothing declared and bytes
 * that are not valid UTF-8, windows-1252. A declared UTF-8 that is not valid UTF-8 also falls back to
 * windows-1252, which is what such feeds almost always are.
 */
export function decodeFeedBytes(bytes: Buffer, contentType?: string | null): DecodedText {
  const bom = bomEncoding(bytes);
  let encoding: string;
  let source: DecodedText['source'];
  let body = bytes;
  if (bom) {
    encoding = bom.encoding;
    source = 'bom';
    body = bytes.subarray(bom.length);
  } else {
    const http = normaliseLabel(charsetFromContentType(contentType));
    const prolog = http ? null : normaliseLabel(prologEncoding(bytes));
    encoding = http ?? prolog ?? 'utf-8';
    source = http ? 'http' : prolog ? 'prolog' : 'sniffed';
    // A UTF-16 label on bytes without a BOM or NULs is a lie (the prolog was readable as ASCII).
    if (/^utf-?16/.test(encoding) && !bytes.subarray(0, 64).includes(0)) encoding = 'utf-8';
    if (encoding === 'utf-8') {
      const text = strictUtf8(bytes);
      if (text !== null) {
        const clean = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
        return { text: holdsC1(bytes) ? demoronize(clean) : clean, encoding, source };
      }
      encoding = 'windows-1252';
    }
  }
  let text = iconv.decode(body, encoding, { stripBOM: true });
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return { text: demoronize(text), encoding, source };
}
