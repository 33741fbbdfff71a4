import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseTextArticle } from '../../src/extract/article.ts';
import { extractFigures } from '../../src/extract/figures.ts';
import { analyse } from '../../src/extract/nlp.ts';
import type { Figure } from '../../src/extract/types.ts';
import { figuresIn } from './figure-run.ts';

const only = (body: string): Figure => {
  const { figures } = figuresIn(body);
  expect(figures).toHaveLength(1);
  return figures[0] as Figure;
};
const values = (body: string) => figuresIn(body).figures.map((f) => f.value);

describe('extractFigures: numbers and counted nouns', () => {
  it('given digits with a thousands separator, then the counted noun is the unit', () => {
    const f = only('Officials said 7,000 additional soldiers arrived at the camp.');
    expect(f).toMatchObject({ value: 7000, unit: 'soldiers', text: '7,000 additional soldiers' });
    expect(f.about).toBe('additional soldiers');
    expect(f.sentence).toBe('Officials said 7,000 additional soldiers arrived at the camp.');
  });

  it('given a decimal and percent sign or "per cent", then the unit is percent', () => {
    const { figures } = figuresIn('Prices rose 2.5% in spring and 3 per cent in summer.');
    expect(figures.map((f) => [f.value, f.unit])).toEqual([
      [2.5, 'percent'],
      [3, 'percent'],
    ]);
  });

  it('given number words, then they are read as values', () => {
    expect(values('Two drivers and twenty-five walkers finished the course.')).toEqual([2, 25]);
  });

  it('given "and a half" after a number, then the half is added before the scale', () => {
    const { figures } = figuresIn('She served two and a half years; one and a half million people watched.');
    expect(figures.map((f) => [f.value, f.unit])).toEqual([
      [2.5, 'years'],
      [1.5e6, 'people'],
    ]);
  });

  it('given "one person" in a casualty report, then it is a count, but not as a speaker', () => {
    expect(only('The fire left one person dead.')).toMatchObject({ value: 1, unit: 'people' });
    expect(figuresIn('"It is too loud," said one person at the meeting.').figures).toEqual([]);
  });

  it('given "a dozen", then it counts twelve', () => {
    expect(only('The club invited a dozen neighbours to dinner.')).toMatchObject({
      value: 12,
      unit: 'neighbours',
    });
  });

  it('given a plural demonym, then the unit is people', () => {
    expect(only('The boat carried 40 Norwegians across the fjord.')).toMatchObject({
      value: 40,
      unit: 'people',
    });
  });

  it('given a bare number after "killed" or "injured", then it counts people', () => {
    expect(only('The blast killed 14 near the port.')).toMatchObject({ value: 14, unit: 'people' });
  });

  it('given an elliptical number, then it takes the plural noun it refers back to', () => {
    const { figures } = figuresIn('The board expects three rate cuts this winter, not the two it planned.');
    expect(figures.map((f) => [f.value, f.unit])).toEqual([
      [3, 'rate cuts'],
      [2, 'rate cuts'],
    ]);
  });
});

describe('extractFigures: fractions', () => {
  it('given "nearly a third of" and "half the", then they are fractions', () => {
    const { figures } = figuresIn('Nearly a third of the lakes froze, and half the roads closed.');
    expect(figures[0]).toMatchObject({ qualifier: 'nearly', unit: 'fraction' });
    expect(figures[0]?.value).toBeCloseTo(1 / 3);
    expect(figures[1]).toMatchObject({ value: 0.5, unit: 'fraction' });
  });

  it('given "a half hour", then it is a duration of half an hour', () => {
    expect(only('She waited for a half hour outside.')).toMatchObject({ value: 0.5, unit: 'hours' });
  });

  it('given "a fifth of" and "a tenth of", then they are fractions', () => {
    expect(values('A fifth of farms and a tenth of shops shut.')).toEqual([0.2, 0.1]);
  });

  it('given "half a" before a noun, then the noun is the unit', () => {
    expect(only('The pound rose half a cent overnight.')).toMatchObject({ value: 0.5, unit: 'cent' });
  });

  it('given "the second half" of a match, then it is not a figure', () => {
    expect(figuresIn('The visitors scored early in the second half of the match.').figures).toEqual([]);
  });
});

describe('extractFigures: money and scales', () => {
  it('given a currency symbol and a scale word, then the value is in units with the ISO code', () => {
    expect(only('The bridge cost $4.5 billion to build.')).toMatchObject({ value: 4.5e9, unit: 'USD' });
  });

  it('given glued scale suffixes, then "bn" and "m" multiply money', () => {
    const { figures } = figuresIn('The fund raised £3bn, then A$20m more, then ¥500.');
    expect(figures.map((f) => [f.value, f.unit])).toEqual([
      [3e9, 'GBP'],
      [2e7, 'AUD'],
      [500, 'JPY'],
    ]);
  });

  it('given a currency word after the amount, then it becomes the ISO code', () => {
    expect(only('The club paid 5 million euros for the striker.')).toMatchObject({ value: 5e6, unit: 'EUR' });
  });

  it('given "m" glued to a count of people or to a distance, then it is millions or metres', () => {
    const { figures } = figuresIn('The service treats 10m patients, and the club runs a 400m race.');
    expect(figures.map((f) => [f.value, f.unit])).toEqual([
      [1e7, 'patients'],
      [400, 'metres'],
    ]);
  });

  it('given pence, trillions and "pc", then each gets its unit', () => {
    const { figures } = figuresIn('Shares closed at 215p; the plan costs $1.5trn, about 5pc of output.');
    expect(figures.map((f) => [f.value, f.unit])).toEqual([
      [215, 'pence'],
      [1.5e12, 'USD'],
      [5, 'percent'],
    ]);
  });

  it('given an ISO code or "Rs" before the amount, then it is the currency', () => {
    const { figures } = figuresIn('The firm raised USD 5 million and Rs 500 from friends.');
    expect(figures.map((f) => [f.text, f.value, f.unit])).toEqual([
      ['USD 5 million', 5e6, 'USD'],
      ['Rs 500', 500, 'INR'],
    ]);
  });

  it('given a rate suffix glued to an amount, then the amount is still read', () => {
    const { figures } = figuresIn('The post pays £32,000-a-year and the scheme costs $2bn-a-year.');
    expect(figures.map((f) => [f.value, f.unit])).toEqual([
      [32000, 'GBP'],
      [2e9, 'USD'],
    ]);
  });

  it('given "m" with no noun after it, then it is millions', () => {
    expect(only('Membership rose to 1.5m this spring.')).toMatchObject({ value: 1.5e6 });
  });

  it('given a weight in pounds with no scale, then it stays a weight', () => {
    expect(only('The parcel weighed 12 pounds.')).toMatchObject({ value: 12, unit: 'pounds' });
  });
});

describe('extractFigures: qualifiers and ranges', () => {
  it.each([
    ['more than', 'They counted more than 300 boats.'],
    ['up to', 'The lift carries up to 12 passengers.'],
    ['about', 'It took about 40 minutes.'],
    ['nearly', 'The hall seats nearly 900 guests.'],
    ['almost', 'The town lost almost 200 homes.'],
    ['at least', 'At least 15 cars were damaged.'],
    ['around', 'Around 60 volunteers joined.'],
  ])('given "%s", then it is the qualifier and part of the text', (qualifier, body) => {
    const f = only(body);
    expect(f.qualifier).toBe(qualifier);
    expect(f.text.toLowerCase().startsWith(qualifier)).toBe(true);
  });

  it('given "between X and Y" and "X to Y", then it is one figure with valueMax', () => {
    const { figures } = figuresIn('Between 20 and 30 hikers set off; the lake is 50 to 80 metres deep.');
    expect(figures.map((f) => [f.value, f.valueMax, f.unit])).toEqual([
      [20, 30, 'hikers'],
      [50, 80, 'metres'],
    ]);
  });

  it('given a change "rose by X to Y" or "from X to Y", then it is two figures, not a range', () => {
    const { figures } = figuresIn('Sales rose by 500 to 4,500 units, and the fare went from £10 to £12.');
    expect(figures.map((f) => [f.value, f.valueMax])).toEqual([
      [500, undefined],
      [4500, undefined],
      [10, undefined],
      [12, undefined],
    ]);
  });

  it('given "percentage points", then the unit says points, not percent', () => {
    expect(only('The rate rose 0.25 percentage points.')).toMatchObject({
      value: 0.25,
      unit: 'percentage points',
    });
  });

  it('given a temperature with its conversion, then the units are degrees', () => {
    const { figures } = figuresIn('It reached 40C (104F) in the city.');
    expect(figures.map((f) => [f.value, f.unit, f.equivalentOf])).toEqual([
      [40, 'degrees Celsius', undefined],
      [104, 'degrees Fahrenheit', 0],
    ]);
  });

  it('given a range followed by a comma, then the comma does not break it', () => {
    expect(only('Pupils, aged 6 to 10, took part.')).toMatchObject({ value: 6, valueMax: 10, unit: 'years' });
  });

  it('given a percent then a plain number after "to", then it is not a range', () => {
    const { figures } = figuresIn('The index slid 1.5% to 7,000 points.');
    expect(figures.map((f) => [f.value, f.valueMax, f.unit])).toEqual([
      [1.5, undefined, 'percent'],
      [7000, undefined, 'points'],
    ]);
  });

  it('given degrees written out, then the unit names the scale', () => {
    expect(only('The target is 2 degrees Celsius of warming.')).toMatchObject({
      value: 2,
      unit: 'degrees Celsius',
    });
  });

  it('given technical units glued to digits, then they are kept and video modes are skipped', () => {
    const { figures } = figuresIn('The 1080p panel runs at 120Hz with 256GB of storage.');
    expect(figures.map((f) => [f.value, f.unit])).toEqual([
      [120, 'Hz'],
      [256, 'GB'],
    ]);
  });

  it('given a hyphenated range, then it is one figure', () => {
    expect(only('The survey polled 40-60 farmers.')).toMatchObject({
      value: 40,
      valueMax: 60,
      unit: 'farmers',
    });
  });
});

describe('extractFigures: vague amounts', () => {
  it('given "thousands of" and "tens of thousands", then the value is null', () => {
    const { figures } = figuresIn('Thousands of fans came, and tens of thousands watched at home.');
    expect(figures.map((f) => [f.value, f.unit])).toEqual([
      [null, 'fans'],
      [null, 'fans'],
    ]);
  });
});

describe('extractFigures: conversions', () => {
  it('given an amount with its conversion in brackets, then the second points at the first', () => {
    const { figures } = figuresIn('The programme cost $50 billion (£37 billion) in total.');
    expect(figures.map((f) => [f.value, f.unit, f.equivalentOf])).toEqual([
      [5e10, 'USD', undefined],
      [3.7e10, 'GBP', 0],
    ]);
  });

  it('given a distance with its metric conversion in brackets, then it is linked too', () => {
    const { figures } = figuresIn('The trail runs 50 miles (80km) along the coast.');
    expect(figures.map((f) => [f.value, f.unit, f.equivalentOf])).toEqual([
      [50, 'miles', undefined],
      [80, 'km', 0],
    ]);
  });
});

describe('extractFigures: durations and ages', () => {
  it('given a hyphenated age and an age in apposition, then the unit is years', () => {
    const { figures } = figuresIn('A 34-year-old nurse met Anna Berg, 71, at the station with 9-year-olds.');
    expect(figures.map((f) => [f.value, f.unit])).toEqual([
      [34, 'years'],
      [71, 'years'],
      [9, 'years'],
    ]);
  });

  it('given a list of ages and an age in brackets, then every one is in years', () => {
    const { figures } = figuresIn('Two women, aged 20, 24 and 29, met Mr Lund (61) at noon.');
    expect(figures.map((f) => [f.value, f.unit])).toEqual([
      [2, 'women'],
      [20, 'years'],
      [24, 'years'],
      [29, 'years'],
      [61, 'years'],
    ]);
  });

  it('given "for a year" and "more than a week", then each lasts one unit', () => {
    const { figures } = figuresIn('For a year the shop stayed shut, and the road for more than a week.');
    expect(figures.map((f) => [f.value, f.unit])).toEqual([
      [1, 'years'],
      [1, 'weeks'],
    ]);
  });

  it('given a hyphenated count before a noun, then the unit is the hyphenated word', () => {
    const { figures } = figuresIn('A five-member panel judged the 16-team event.');
    expect(figures.map((f) => [f.value, f.unit])).toEqual([
      [5, 'members'],
      [16, 'teams'],
    ]);
  });

  it('given a duration right after a name, then it is still a duration', () => {
    expect(only('He warned Parliament 18 months ago.')).toMatchObject({ value: 18, unit: 'months' });
  });

  it('given "a week ago", then the article alone is not a count', () => {
    expect(figuresIn('The shop closed a week ago.').figures).toEqual([]);
  });
});

describe('extractFigures: what is not a figure', () => {
  it.each([
    ['years', 'The law passed in 2014 and has applied since 1998.'],
    ['calendar dates', 'The talks began on March 8 and ended on 21 June.'],
    ['a full date', 'The vote was held on June 17, 2015.'],
    ['times of day', 'The train left at 9am and arrived at 10:30 pm.'],
    ['rankings', 'The No. 4 team beat the 1st seed and finished third.'],
    ['flight numbers', 'Flight MH17 and flight QZ8501 were both lost.'],
    ['group names', 'Leaders of the G7 met the G20 delegation.'],
    ['versions', 'The bug was fixed in version 1.8.3 of the server.'],
    ['model numbers', 'The airline flies the A320-200 and the Boeing 737 on that route.'],
    ['No 10 and Big Ten', 'Officials at No 10 watched the Big Ten final.'],
    ['a name with a number word', 'They flew home on Air Force One.'],
    ['a numbered name before a singular noun', 'The firm made a Chapter 11 filing on the day.'],
    ['labels after a noun', 'See page 3 of the report on Type 2 diabetes and the Apollo 11 crew.'],
    ['addresses', 'He lives at 10 Downing Street near 350 Fifth Avenue.'],
    ['a numbered title in quotes', 'They kept saying "Frontier 3" all week.'],
    ['a number opening a name', 'He joined the 38 Studios team.'],
    ['a label with a number word', 'On day three the jury left early.'],
    ['a year before a plural noun', 'Our 2012 deliberations ran long.'],
    ['telephone numbers in groups', 'Call 0800 123 4567 for advice.'],
    ['vote tallies', 'The motion passed 48-52 in a vote.'],
    ['technical names', 'The 3D model runs on a 5G network with a 4K screen.'],
    ['phone numbers', 'She called 999 and later dialled 555-0142.'],
    ['scores', 'The hosts celebrated a 3-1 win.'],
    ['a series deficit', 'They trailed 0-2 in the series.'],
    ['idioms with one', 'It was one of the best days, and one thing was clear.'],
    ['a policy term', 'Both leaders backed a two-state solution.'],
    ['decades', 'The song was a hit in the 1990s.'],
    ['list enumerators', 'The ranking was:\n\n1. Oslo\n\n2. Lima'],
  ])('given %s, then no figure is reported', (_what, body) => {
    expect(figuresIn(body).figures).toEqual([]);
  });

  it('given a year next to a real count, then only the count is reported', () => {
    expect(only('In 2019 the village had 450 residents.')).toMatchObject({ value: 450, unit: 'residents' });
  });
});

describe('extractFigures: the title', () => {
  it('given a Title Case headline, then a number in it is still a figure', () => {
    const input = 'Storm Leaves 12,000 Homes Without Power\n\nCrews worked through the night.\n';
    const article = parseTextArticle(input);
    const from = article.titleSpan?.start ?? 0;
    const to = article.paragraphs.at(-1)?.end ?? input.length;
    const analysis = analyse(input, from, to, [from, ...article.paragraphs.map((p) => p.start)]);
    expect(extractFigures({ article, analysis })).toEqual([
      expect.objectContaining({ value: 12000, unit: 'homes', text: '12,000 Homes' }),
    ]);
  });
});

describe('extractFigures: the seed article end to end', () => {
  const input = readFileSync(new URL('../fixtures/seed.txt', import.meta.url), 'utf8');
  const article = parseTextArticle(input);
  const from = article.titleSpan?.start ?? 0;
  const to = article.paragraphs.at(-1)?.end ?? input.length;
  const analysis = analyse(input, from, to, [from, ...article.paragraphs.map((p) => p.start)]);
  const figures = extractFigures({ article, analysis });

  it('given the seed, then it finds 7,000 troops and more than 100,000 troops', () => {
    expect(figures).toContainEqual(expect.objectContaining({ value: 7000, unit: 'troops' }));
    expect(figures).toContainEqual(
      expect.objectContaining({ value: 100000, unit: 'troops', qualifier: 'more than' }),
    );
  });

  it('given the seed, then £199 billion is the equivalent of $270 billion', () => {
    const usd = figures.findIndex((f) => f.value === 270e9 && f.unit === 'USD');
    expect(usd).toBeGreaterThanOrEqual(0);
    expect(figures).toContainEqual(expect.objectContaining({ value: 199e9, unit: 'GBP', equivalentOf: usd }));
  });

  it('given the seed, then "since 2014" is not reported as a quantity', () => {
    expect(figures.some((f) => f.value === 2014)).toBe(false);
  });

  it('given the seed, then every figure and sentence is a verbatim slice of the input', () => {
    for (const f of figures) {
      expect(input.slice(f.start, f.end)).toBe(f.text);
      expect(f.sentence.includes(f.text)).toBe(true);
      expect(input.includes(f.sentence)).toBe(true);
    }
  });
});

describe('extractFigures: spans hold for any mix of number expressions', () => {
  const pieces = [
    'more than 7,000 troops',
    '$270 billion (£199 billion)',
    'in 2014',
    'about a third of voters',
    'between 5 and 10 per cent',
    'Flight MH17',
    'tens of thousands of people',
    'a 52-year-old man',
    'on March 8',
    'two dozen boats',
    'up to 50 km (31 miles)',
    '3.5%',
    'No. 4',
  ];
  it('given random sentences built from number expressions, then every span equals its slice', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { minLength: 1, maxLength: 6 }), (parts) => {
        const { input, figures } = figuresIn(`They reported ${parts.join(', and ')}.`);
        for (const f of figures) {
          if (input.slice(f.start, f.end) !== f.text) return false;
          if (f.equivalentOf !== undefined && !(f.equivalentOf >= 0 && f.equivalentOf < figures.length))
            return false;
        }
        return true;
      }),
      { numRuns: 60 },
    );
  });
});
