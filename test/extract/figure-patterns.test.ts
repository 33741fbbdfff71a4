import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  endsInDigitSpace,
  endsInOperator,
  numberNounBefore,
  wordBeforeSpaces,
} from '../../src/extract/figure-patterns.ts';

/** Characters the hand-written scanners must treat exactly as the regexes do, astral letters included. */
const PIECES = [
  'a',
  'Z',
  'é',
  'Ω',
  '7',
  "'",
  '’',
  '.',
  '-',
  '−',
  '*',
  '×',
  '^',
  '+',
  ' ',
  '\u00a0',
  '\t',
  '\n',
  ',',
  '(',
  '𝐀',
  '😀',
  '\ud835',
  'No',
  'Flight',
  'number',
  'NUMBERS',
  'Numbers',
  's',
];
const text = fc.array(fc.constantFrom(...PIECES), { maxLength: 40 }).map((parts) => parts.join(''));

describe('figure context scanners', () => {
  it('wordBeforeSpaces finds what /(\\p{L}[\\p{L}\\p{N}’.-]*)\\s+$/u finds', () => {
    fc.assert(
      fc.property(text, fc.nat(45), (s, cut) => {
        const at = Math.min(cut, s.length);
        const m = /(\p{L}[\p{L}\p{N}'’.-]*)\s+$/u.exec(s.slice(Math.max(0, at - 30), at));
        const expected = m ? { word: m[1], from: at - m[0].length } : null;
        expect(wordBeforeSpaces(s, at, 30)).toEqual(expected);
      }),
      { numRuns: 3000 },
    );
  });

  it('endsInOperator and endsInDigitSpace agree with their regexes', () => {
    fc.assert(
      fc.property(text, (s) => {
        expect(endsInOperator(s)).toBe(/(?:[*×^+]|\d\s[-−])\s*$/.test(s));
        expect(endsInDigitSpace(s)).toBe(/\d\s$/.test(s));
      }),
      { numRuns: 3000 },
    );
  });

  it('numberNounBefore finds what /(?<!\\p{L})numbers?\\s+$/iu finds', () => {
    fc.assert(
      fc.property(text, fc.nat(45), (s, cut) => {
        const at = Math.min(cut, s.length);
        expect(numberNounBefore(s, at)).toBe(/(?<!\p{L})numbers?\s+$/iu.test(s.slice(0, at)));
      }),
      { numRuns: 3000 },
    );
    expect(numberNounBefore('Route number 7', 13)).toBe(true);
    expect(numberNounBefore('renumber 7', 9)).toBe(false);
    expect(numberNounBefore('numbers', 7)).toBe(false);
  });

  it('reads the word before a number', () => {
    const s = 'Flight 370 landed';
    expect(wordBeforeSpaces(s, 7, 30)).toEqual({ word: 'Flight', from: 0 });
    expect(wordBeforeSpaces(s, 6, 30)).toBeNull();
  });
});
