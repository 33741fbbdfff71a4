import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.ts';

const dir = mkdtempSync(join(tmpdir(), 'bw-cli-'));
const file = (name: string, content: string | Buffer) => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};

describe('briefwire extract', () => {
  it('given the seed article with --json, then it prints one JSON object with the contract keys', () => {
    const { stdout, status } = runCli(['extract', 'test/fixtures/seed.txt', '--json']);
    expect(status).toBe(0);
    const result = JSON.parse(stdout);
    expect(result.title).toMatch(/^Russian Claim of Withdrawing Troops/);
    for (const key of ['quotes', 'figures', 'claims']) expect(Array.isArray(result[key])).toBe(true);
    expect(result.entities).toHaveProperty('people');
  });

  it('given an HTML page, then Readability finds the article', () => {
    const paragraphs = Array.from(
      { length: 5 },
      (_, i) =>
        `<p>Paragraph ${i} of a long enough article body that Readability will keep it as content for sure.</p>`,
    ).join('');
    const html = `<!doctype html><html lang="en"><head><title>Page title</title></head><body><nav>Menu</nav><article><h1>Page title</h1>${paragraphs}</article></body></html>`;
    const { stdout, status } = runCli(['extract', file('page.html', html), '--json']);
    expect(status).toBe(0);
    expect(JSON.parse(stdout).title).toBe('Page title');
  });

  it.each([
    ['a missing file', [join(dir, 'missing.txt')], /no such file/],
    ['an empty file', [file('empty.txt', '')], /empty input/],
    ['a binary file', [file('bin.txt', Buffer.from([0, 1, 2, 3, 0, 255]))], /binary file/],
    ['an unreachable URL', ['http://127.0.0.1:9/article'], /unreachable/],
    ['a page with no article', [file('blank.html', '<html><body><nav>x</nav></body></html>')], /no article/],
  ])('given %s, then one clear line on stderr and exit 1', (_name, args, message) => {
    const { stderr, status } = runCli(['extract', ...args]);
    expect(status).toBe(1);
    expect(stderr).toMatch(message);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).not.toMatch(/\n\s+at /);
  });
});
