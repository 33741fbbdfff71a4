import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { contentWords, ELLIPSIS, fold, trimAtWord, windowAround } from '../../src/briefing/text.ts';

describe('trimAtWord', () => {
  it('given text that fits, then it is unchanged', () => {
    expect(trimAtWord('Seven thousand troops arrived.', 40)).toBe('Seven thousand troops arrived.');
  });

  it('given a long sentence, then it ends with an ellipsis after a whole word', () => {
    expect(trimAtWord('Seven thousand additional troops had arrived in recent days', 30)).toBe(
      'Seven thousand additional…',
    );
  });

  it('given a cut right after a word, then that word is kept whole', () => {
    expect(trimAtWord('alpha beta gamma', 11)).toBe('alpha beta…');
  });

  it('given any words and any limit, then the result fits and every word in it is a whole word of the input', () => {
    const word = fc.stringMatching(/^[a-z]{1,12}$/);
    fc.assert(
      fc.property(
        fc.array(word, { minLength: 1, maxLength: 30 }),
        fc.integer({ min: 1, max: 200 }),
        (words, max) => {
          const text = words.join(' ');
          const out = trimAtWord(text, max);
          expect(out.length).toBeLessThanOrEqual(max);
          const kept = out.endsWith(ELLIPSIS) ? out.slice(0, -ELLIPSIS.length) : out;
          if (kept) expect(text.startsWith(kept)).toBe(true);
          if (kept && kept.length < text.length) expect(text[kept.length]).toBe(' ');
        },
      ),
    );
  });
});

describe('windowAround', () => {
  it('given a figure late in a long sentence, then the window keeps the figure and cuts at spaces', () => {
    const sentence = `${'word '.repeat(60)}had cost $270 billion since 2014 ${'more '.repeat(40)}end.`;
    const at = sentence.indexOf('$270 billion');
    const out = windowAround(sentence, at, at + 12, 80);
    expect(out).toContain('$270 billion');
    expect(out.length).toBeLessThanOrEqual(82);
    expect(out.startsWith(ELLIPSIS)).toBe(true);
    expect(out.endsWith(ELLIPSIS)).toBe(true);
    expect(sentence).toContain(out.slice(1, -1));
  });
});

describe('fold and contentWords', () => {
  it('given diacritics and case, then they fold away', () => {
    expect(fold('Zelenskyy MÜLLER')).toBe('zelenskyy muller');
  });

  it('given a headline, then stop words go and plurals are stemmed', () => {
    expect(contentWords('The troops are at the borders')).toEqual(['troop', 'border']);
  });
});
