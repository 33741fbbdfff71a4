import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { extractArticle, parseTextArticle } from '../../src/extract/index.ts';
import type { ArticleText, Extraction } from '../../src/extract/types.ts';
import { articleFromHtml } from '../../src/feeds/article-html.ts';
import { ROOT } from '../helpers/cli.ts';

const FIXTURES = resolve(ROOT, 'test/fixtures');

/** Every article fixture: `.txt` anywhere under test/fixtures, `.html` under test/fixtures/articles. */
function articleFixtures(dir = FIXTURES): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) found.push(...articleFixtures(path));
    else if (entry.name.endsWith('.txt')) found.push(path);
    else if (entry.name.endsWith('.html') && relative(FIXTURES, path).startsWith('articles'))
      found.push(path);
  }
  return found.sort();
}

function load(path: string): ArticleText {
  const text = readFileSync(path, 'utf8');
  if (!path.endsWith('.html')) return parseTextArticle(text);
  const article = articleFromHtml(text);
  if (!article) throw new Error(`${path}: no article`);
  return article;
}

/** Checks the offset contract of DESIGN.md on one extraction; returns the problems found. */
function spanProblems(input: string, result: Extraction): string[] {
  const problems: string[] = [];
  for (const q of result.quotes) {
    if (input.slice(q.start, q.end) !== q.text) problems.push(`quote ${JSON.stringify(q.text)}`);
  }
  for (const f of result.figures) {
    if (input.slice(f.start, f.end) !== f.text) problems.push(`figure ${JSON.stringify(f.text)}`);
  }
  for (const c of result.claims) {
    if (input.slice(c.start, c.end) !== c.sentence)
      problems.push(`claim sentence ${JSON.stringify(c.sentence)}`);
    if (input.slice(c.claimStart, c.claimEnd) !== c.claim) problems.push(`claim ${JSON.stringify(c.claim)}`);
    const inside = c.claimStart >= c.start && c.claimEnd <= c.end;
    const strict = c.claimEnd - c.claimStart < c.end - c.start && c.claim.trim().length > 0;
    if (!inside || !strict)
      problems.push(`claim not a strict part of its sentence ${JSON.stringify(c.claim)}`);
  }
  return problems;
}

const fixtures = articleFixtures();

describe('every span points at its own text', () => {
  it('given the fixture set then it holds the seed and at least two extraction fixtures', () => {
    expect(fixtures.map((f) => relative(FIXTURES, f))).toContain('seed.txt');
    expect(
      fixtures.filter((f) => f.includes(`${join('fixtures', 'articles')}`)).length,
    ).toBeGreaterThanOrEqual(2);
  });

  it.each(fixtures.map((f) => [relative(FIXTURES, f), f]))(
    'given %s then quotes, figures and claims equal input.slice(start, end)',
    (_name, path) => {
      const article = load(path as string);
      const result = extractArticle(article);
      expect(result.analysed).toBe(true);
      expect(spanProblems(article.input, result)).toEqual([]);
    },
  );

  it('given articles recombined from fixture paragraphs then every span still holds', () => {
    const paragraphs = fixtures
      .filter((f) => f.endsWith('.txt'))
      .flatMap((f) => parseTextArticle(readFileSync(f, 'utf8')).paragraphs.map((p) => p.text));
    const article = fc.record({
      header: fc.boolean(),
      title: fc.constantFrom(...paragraphs),
      body: fc.array(fc.constantFrom(...paragraphs), { minLength: 1, maxLength: 8 }),
      gap: fc.constantFrom('\n\n', '\n \n', '\n\n\n'),
    });
    fc.assert(
      fc.property(article, ({ header, title, body, gap }) => {
        const input = `${header ? 'SOURCE: recombined fixture\n\n' : ''}${title}${gap}${body.join(gap)}\n`;
        const result = extractArticle(parseTextArticle(input));
        expect(spanProblems(input, result)).toEqual([]);
      }),
      { numRuns: 40, seed: 20261127 },
    );
  });
});
