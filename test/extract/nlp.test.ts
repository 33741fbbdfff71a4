import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseTextArticle } from '../../src/extract/article.ts';
import { extractArticle } from '../../src/extract/index.ts';
import { analyse, nlp } from '../../src/extract/nlp.ts';
import { ROOT } from '../helpers/cli.ts';

const SEED = readFileSync(resolve(ROOT, 'test/fixtures/seed.txt'), 'utf8');
/** Contractions, nouns and verbs of several forms, an odd space and a blank line inside a paragraph. */
const TRICKY =
  "Title here\n\nShe's said they can't go. The mice ran,\u00a0and the studies were better.\n\n" +
  "\"We wo n't, we won't,\" he'd argued;  it's the oxen's claims.   Gonna happen.\n\nDon't worry.";

/** What wink itself says about the non-space tokens of `text`: value, tag and lower-cased lemma. */
function winkColumns(text: string): { value: string; pos: string; lemma: string }[] {
  const its = nlp().its;
  const doc = nlp().readDoc(text);
  const out = (fn: unknown) => doc.tokens().out(fn as never) as unknown as string[];
  const values = out(its.value);
  const pos = out(its.pos);
  const lemmas = out(its.lemma);
  return values
    .map((value, i) => ({ value, pos: pos[i] as string, lemma: (lemmas[i] as string).toLowerCase() }))
    .filter((t) => t.pos !== 'SPACE');
}

function analysed(input: string) {
  const article = parseTextArticle(input);
  const from = article.titleSpan?.start ?? 0;
  const to = article.paragraphs.at(-1)?.end ?? from;
  const starts = [from, ...article.paragraphs.map((p) => p.start)];
  return { analysis: analyse(input, from, to, starts), text: input.slice(from, to) };
}

describe('analyse', () => {
  for (const [name, input] of [
    ['seed', SEED],
    ['contractions and spaces', TRICKY],
  ] as const) {
    it(`maps every token back to its text and gives wink's lemma (${name})`, () => {
      // Twice: the second pass reads lemmas already seen, the first asks wink for them.
      for (let pass = 0; pass < 2; pass++) {
        const { analysis, text } = analysed(input);
        const expected = winkColumns(text);
        expect(analysis.tokens.length).toBe(expected.length);
        analysis.tokens.forEach((t, i) => {
          const want = expected[i] as { value: string; pos: string; lemma: string };
          expect(input.slice(t.start, t.end)).toBe(t.text);
          expect({ text: t.text, pos: t.pos, lemma: t.lemma }).toEqual({
            text: want.value,
            pos: want.pos,
            lemma: want.lemma,
          });
        });
      }
    });
  }
});

describe('analyse: lemmas wink leaves undefined', () => {
  const INPUTS = ['Cannot.', 'Cannot we?', 'Title\n\nCannot.', 'Title\n\nCannot we? "Cannot," she said.'];

  it.each(INPUTS)('given %j as a whole article, then extraction does not throw', (input) => {
    const result = extractArticle(parseTextArticle(input));
    expect(result.analysed).toBe(true);
  });

  it.each(INPUTS)('given %j, then every token has a string lemma', (input) => {
    const analysis = analyse(input, 0, input.length, [0]);
    expect(analysis.tokens.length).toBeGreaterThan(0);
    for (const t of analysis.tokens) expect(typeof t.lemma).toBe('string');
  });
});
