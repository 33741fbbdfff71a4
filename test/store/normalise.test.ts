import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { foldText, speakerKey, topicWords } from '../../src/store/normalise.ts';

describe('speaker keys', () => {
  it('given names with titles, accents and punctuation, then the key keeps only the folded name', () => {
    expect(speakerKey('President Volodymyr Zelenský')).toBe('volodymyr zelensky');
    expect(speakerKey('Secretary-General António Guterres')).toBe('antonio guterres');
    expect(speakerKey('Mr. Recep Tayyip ERDOĞAN')).toBe('recep tayyip erdogan');
    expect(speakerKey('Prime Minister Keir Starmer')).toBe('keir starmer');
  });

  it('given a name made only of title words, then it keeps them so it still matches itself', () => {
    expect(speakerKey('The President')).toBe('the');
    expect(speakerKey('President')).toBe('president');
  });
});

describe('folding', () => {
  it('given any text, then folding twice changes nothing and leaves no marks, capitals or punctuation', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 40 }), (text) => {
        const once = foldText(text);
        expect(foldText(once)).toBe(once);
        expect(once.toLowerCase()).toBe(once);
        expect(once).not.toMatch(/[\p{M}\p{P}]|\s{2}|^\s|\s$/u);
      }),
    );
  });

  it('given plain ASCII, then the fast path folds it exactly as the Unicode path does', () => {
    const unicodeFold = (text: string) =>
      text
        .normalize('NFKD')
        .replace(/\p{M}+/gu, '')
        .toLowerCase()
        .replace(/[^\p{L}\p{N}]+/gu, ' ')
        .trim();
    fc.assert(
      fc.property(fc.string({ unit: 'binary-ascii', maxLength: 60 }), (text) => {
        expect(foldText(text)).toBe(unicodeFold(text));
      }),
    );
    expect(foldText('  The "NATO" chief, 2026!\t')).toBe('the nato chief 2026');
  });

  it('given a topic, then its words are folded and capped', () => {
    expect(topicWords('  Défense, "Europe"!  ')).toEqual(['defense', 'europe']);
    expect(topicWords('!!!')).toEqual([]);
    expect(topicWords('ﬁnance ＵＮ')).toEqual(['finance', 'un']);
    expect(topicWords(Array(30).fill('w').join(' '))).toHaveLength(16);
  });
});
