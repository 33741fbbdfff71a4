import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { pairQuoteMarks } from '../../src/extract/quote-marks.ts';
import { extractQuotes } from '../../src/extract/quotes.ts';
import type { Quote } from '../../src/extract/types.ts';
import { ROOT } from '../helpers/cli.ts';
import { articleText, contextOf, quotesOf } from './quote-context.ts';

/** The quoted texts pairQuoteMarks finds in one paragraph. */
function marked(paragraph: string): string[] {
  return pairQuoteMarks(paragraph, [{ start: 0, end: paragraph.length }]).map((s) =>
    paragraph.slice(s.start, s.end),
  );
}

describe('pairing quotation marks', () => {
  it('given straight double marks then the words between them are one quote', () => {
    expect(marked('The mayor said "we will rebuild the bridge" on Monday.')).toEqual([
      'we will rebuild the bridge',
    ]);
  });

  it('given curly double marks then they pair', () => {
    expect(marked('“The water is rising,” the mayor said.')).toEqual(['The water is rising,']);
  });

  it('given single quotation marks then they pair like double ones', () => {
    expect(marked("'We are ready,' the captain said.")).toEqual(['We are ready,']);
    expect(marked('‘We are ready,’ the captain said.')).toEqual(['We are ready,']);
  });

  it('given apostrophes in contractions, decades and plural possessives then no quote is made', () => {
    expect(marked("The farmers' market didn't open in the '90s, and the Joneses' shop is gone.")).toEqual([]);
    expect(marked('It’s the ’80s again and the workers’ canteen is shut.')).toEqual([]);
  });

  it('given an apostrophe inside a quoted sentence then the quote still closes at its own mark', () => {
    expect(marked('"It\'s the players\' decision," the coach said.')).toEqual([
      "It's the players' decision,",
    ]);
  });

  it('given a quote inside a quote then both are found, the inner one nested', () => {
    const text = 'The note read: "The chief told us \'hold the line\' before dawn."';
    const spans = pairQuoteMarks(text, [{ start: 0, end: text.length }]);
    expect(spans.map((s) => [text.slice(s.start, s.end), s.depth])).toEqual([
      ["The chief told us 'hold the line' before dawn.", 0],
      ['hold the line', 1],
    ]);
  });

  it('given a curly opening mark closed by a straight one then they still pair', () => {
    expect(marked('“The results could matter" for the standards, she wrote.')).toEqual([
      'The results could matter',
    ]);
  });

  it('given an opening mark with no closing mark then the quote runs to the paragraph end and continues', () => {
    const text = '"The first part of the answer.\n\n"The second part," she said.';
    const spans = pairQuoteMarks(text, [
      { start: 0, end: 30 },
      { start: 32, end: text.length },
    ]);
    expect(spans.map((s) => [text.slice(s.start, s.end), s.close === null, s.continued])).toEqual([
      ['The first part of the answer.', true, false],
      ['The second part,', false, true],
    ]);
  });
});

describe('quote text', () => {
  it('given a quote ending in a comma before the tag then the comma is dropped', () => {
    const [q] = quotesOf('"The harbour will reopen next week," the port director said.');
    expect(q?.text).toBe('The harbour will reopen next week');
  });

  it('given a full-sentence quote then its final period is kept', () => {
    const [q] = quotesOf('The port director said: "The harbour will reopen next week."');
    expect(q?.text).toBe('The harbour will reopen next week.');
    expect(q?.fragment).toBeUndefined();
  });

  it('given a fragment with a period inside the closing mark then the period is dropped', () => {
    const [q] = quotesOf('Lena Ortiz said the delay was "deeply regrettable."');
    expect(q?.text).toBe('deeply regrettable');
    expect(q?.fragment).toBe(true);
  });

  it('given a quote then its sentence is the sentence that holds it', () => {
    const [q] = quotesOf(
      'The vote is on Friday. Lena Ortiz said the delay was "deeply regrettable." Others agreed.',
    );
    expect(q?.sentence).toBe('Lena Ortiz said the delay was "deeply regrettable."');
  });
});

describe('not speech', () => {
  it('given the title of a show in quotation marks then it is not a quote', () => {
    expect(quotesOf('Lena Ortiz appeared on "Morning Edition With Sam" last week.')).toEqual([]);
  });

  it('given a nickname after "dubbed" then it is not a quote', () => {
    expect(quotesOf('The striker, dubbed "the cat" by fans, scored twice.')).toEqual([]);
  });

  it('given a term after "known as" then it is not a quote', () => {
    expect(quotesOf('The practice, known as "ghost billing", is illegal.')).toEqual([]);
  });

  it('given a scare quote with nobody speaking then it has no speaker', () => {
    const quotes = quotesOf('The town has long been a "hidden gem" for walkers and cyclists.');
    expect(quotes).toHaveLength(1);
    expect(quotes[0]).toMatchObject({ text: 'hidden gem', speaker: null, fragment: true });
  });
});

describe('quotes over several paragraphs', () => {
  it('given a quote left open at a paragraph end then each paragraph is an entry with the same speaker', () => {
    const quotes = quotesOf(
      'Harbour master Ines Duarte said: "We have checked every berth and every crane this week.',
      '"The harbour is safe and it will reopen on Monday."',
    );
    expect(quotes.map((q) => [q.text, q.speaker])).toEqual([
      ['We have checked every berth and every crane this week.', 'Ines Duarte'],
      ['The harbour is safe and it will reopen on Monday.', 'Ines Duarte'],
    ]);
  });
});

describe('the seed article, end to end', () => {
  const input = readFileSync(resolve(ROOT, 'test/fixtures/seed.txt'), 'utf8');
  const quotes = extractQuotes(contextOf(input));
  const find = (text: string) => quotes.find((q) => q.text.startsWith(text)) as Quote;

  it('given the Zelensky quote then it is attributed to Volodymyr Zelensky', () => {
    const q = find("We don't see any army retreat yet");
    expect(q.text).toBe("We don't see any army retreat yet");
    expect(q.speaker).toBe('Volodymyr Zelensky');
    expect(q.speakerMention).toBe('Ukrainian President Volodymyr Zelensky');
  });

  it('given "new normal" then it is a fragment by Jens Stoltenberg', () => {
    expect(find('new normal')).toMatchObject({ speaker: 'Jens Stoltenberg', fragment: true });
  });

  it('given the quote-only paragraph then it continues the US official of the paragraph before', () => {
    const q = find('That assertion drew a lot of attention');
    expect(q.speaker).toBe('The US official');
  });

  it('given every quote then its text equals the input between its offsets', () => {
    expect(quotes.length).toBeGreaterThan(5);
    for (const q of quotes) expect(input.slice(q.start, q.end)).toBe(q.text);
  });
});

describe('offsets', () => {
  it('given any mix of words and quotation marks then every quote span equals its text', () => {
    const piece = fc.constantFrom(
      'the mayor said',
      '"we will rebuild"',
      "'quickly'",
      "don't",
      '“not yet,”',
      'the workers’ union',
      '"',
      "'",
      'Ines Duarte',
      '.',
      '\n\n',
    );
    fc.assert(
      fc.property(fc.array(piece, { minLength: 1, maxLength: 30 }), (pieces) => {
        const input = articleText(pieces.join(' '));
        for (const q of extractQuotes(contextOf(input))) {
          if (input.slice(q.start, q.end) !== q.text) return false;
        }
        return true;
      }),
      { numRuns: 60 },
    );
  });
});
