import { gzipSync } from 'node:zlib';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decodeFeedBytes, inflateIfGzip } from '../../src/feeds/decode.ts';
import { parseFeed } from '../../src/feeds/parse-feed.ts';

function rss(title: string, prolog = '<?xml version="1.0"?>'): string {
  return `${prolog}<rss version="2.0"><channel><title>${title}</title><item><title>${title}</title></item></channel></rss>`;
}

async function titleOf(bytes: Buffer, contentType?: string): Promise<string | undefined> {
  return (await parseFeed(bytes, { contentType })).items[0]?.title;
}

describe('charset decoding', () => {
  it('given windows-1252 bytes with no declaration then they decode as windows-1252', async () => {
    const bytes = iconv.encode(rss('It’s a “café” – €5'), 'windows-1252');
    expect(decodeFeedBytes(bytes).encoding).toBe('windows-1252');
    expect(await titleOf(bytes)).toBe('It’s a “café” – €5');
  });

  it.each([
    ['windows-1251', 'Новости дня'],
    ['windows-1252', 'Señor’s “naïve” café'],
    ['gb2312', '今日新闻'],
    ['ISO-8859-1', 'Überraschung à la carte'],
  ])('given %s declared only in the prolog then the text decodes correctly', async (charset, title) => {
    const bytes = iconv.encode(rss(title, `<?xml version="1.0" encoding="${charset}"?>`), charset);
    expect(await titleOf(bytes)).toBe(title);
  });

  it('given UTF-16LE with a BOM then the text decodes correctly', async () => {
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(rss('Grüße — 你好'), 'utf-16le')]);
    expect(await titleOf(bytes)).toBe('Grüße — 你好');
  });

  it('given UTF-16BE with a BOM then the text decodes correctly', async () => {
    const bytes = Buffer.concat([Buffer.from([0xfe, 0xff]), iconv.encode(rss('Grüße'), 'utf-16be')]);
    expect(await titleOf(bytes)).toBe('Grüße');
  });

  it('given a UTF-8 BOM and a contrary prolog then the BOM wins', async () => {
    const bytes = Buffer.concat([
      Buffer.from([0xef, 0xbb, 0xbf]),
      Buffer.from(rss('Čeština', '<?xml version="1.0" encoding="windows-1252"?>')),
    ]);
    expect(await titleOf(bytes)).toBe('Čeština');
  });

  it('given an HTTP charset and a contrary prolog then the HTTP charset wins', async () => {
    const bytes = iconv.encode(rss('Привет', '<?xml version="1.0" encoding="utf-8"?>'), 'koi8-r');
    expect(await titleOf(bytes, 'application/rss+xml; charset=KOI8-R')).toBe('Привет');
  });

  it('given a UTF-8 prolog on bytes that are really windows-1252 then they still decode as windows-1252', async () => {
    const bytes = iconv.encode(
      rss('Crème brûlée – £3', '<?xml version="1.0" encoding="UTF-8"?>'),
      'windows-1252',
    );
    expect(await titleOf(bytes)).toBe('Crème brûlée – £3');
  });

  it('given UTF-8 text carrying a C1 smart quote then it reads as the intended character', async () => {
    expect(await titleOf(Buffer.from(rss('don\u0092t')))).toBe('don’t');
  });
});

describe('gzip files and bodies', () => {
  it('given gzip magic bytes then the body is inflated before decoding', async () => {
    expect(await titleOf(gzipSync(Buffer.from(rss('Zipped news'))))).toBe('Zipped news');
  });

  it('given a gzip bomb then inflation stops at the cap', () => {
    const bomb = gzipSync(Buffer.alloc(16 * 1024 * 1024));
    expect(bomb.length).toBeLessThan(1024 * 1024);
    expect(() => inflateIfGzip(bomb, 1024 * 1024)).toThrow(expect.objectContaining({ code: 'too-large' }));
  });

  it('given corrupt gzip then a decode error is thrown', () => {
    expect(() => inflateIfGzip(Buffer.from([0x1f, 0x8b, 8, 0, 1, 2, 3]))).toThrow(
      expect.objectContaining({ code: 'decode' }),
    );
  });
});
