import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { isFileSource, loadFeed } from '../../src/feeds/source.ts';
import { fixturePath } from './helpers.ts';

describe('loadFeed', () => {
  it('given a trusted path or file: URL then the file is read', async () => {
    for (const source of [fixturePath('rdf.rdf'), pathToFileURL(fixturePath('rdf.rdf')).href]) {
      const result = await loadFeed(source, { trusted: true });
      expect(result.status === 'ok' && result.body.toString()).toContain('Journal of Small Results');
    }
  });

  it('given a trusted file over the cap then it is refused without reading it whole', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bw-src-'));
    const file = join(dir, 'big.xml');
    writeFileSync(file, Buffer.alloc(4096, 0x20));
    await expect(loadFeed(file, { trusted: true, maxBytes: 1024 })).rejects.toMatchObject({
      code: 'too-large',
    });
  });

  it('given a directory then the error says so', async () => {
    await expect(loadFeed(tmpdir(), { trusted: true })).rejects.toMatchObject({
      code: 'file',
      message: 'is a directory, expected a file',
    });
  });

  it('given sources then paths and file: URLs are files and http(s) URLs are not', () => {
    expect(isFileSource('./config/samples/world.xml')).toBe(true);
    expect(isFileSource('file:///tmp/feed.xml')).toBe(true);
    expect(isFileSource('https://example.com/feed')).toBe(false);
    expect(isFileSource('ftp://example.com/feed')).toBe(false);
  });
});
