import { describe, expect, it } from 'vitest';
import type { Figure } from '../../src/extract/types.ts';
import { figuresIn } from './figure-run.ts';

/** Figures of an article with headline `title` and body `body`; every span must be its slice. */
function figuresOf(body: string, title?: string): Figure[] {
  return figuresIn(body, title).figures;
}

const pairs = (body: string) => figuresOf(body).map((f) => [f.value, f.unit]);

describe('extractFigures: age limits after a people word', () => {
  it.each([
    ['The council will make buses free for residents under 25.', [[25, 'years']]],
    ['The city will let everyone under 25 ride its buses for free.', [[25, 'years']]],
    [
      'Vaccines are free for children under five and people over 65.',
      [
        [5, 'years'],
        [65, 'years'],
      ],
    ],
    ['Anyone aged over 70 must renew the licence.', [[70, 'years']]],
    ['Free travel for pupils under 16 starts in May.', [[16, 'years']]],
    ['Entry is free for kids 12 and under.', [[12, 'years']]],
    ['Americans over 65 vote more often.', [[65, 'years']]],
    ['Those younger than 18 need consent.', [[18, 'years']]],
    [
      'The plan covers 40 workers over 65.',
      [
        [40, 'workers'],
        [65, 'years'],
      ],
    ],
  ])('given %j, then the bound is an age in years', (body, expected) => {
    expect(pairs(body)).toEqual(expected);
  });

  it('given an age range after a people word, then it is one figure in years', () => {
    const [f, ...rest] = figuresOf('Women aged between 25 and 64 are invited, as are men between 50 and 74.');
    expect(f).toMatchObject({ value: 25, valueMax: 64, unit: 'years' });
    expect(rest.map((r) => [r.value, r.valueMax, r.unit])).toEqual([[50, 74, 'years']]);
  });

  it('given an age limit, then the verb after it is not taken into the figure', () => {
    const [f] = figuresOf('The city will let everyone under 25 ride its buses for free.');
    expect(f).toMatchObject({ text: 'under 25', qualifier: 'under' });
    expect(f?.about).toBeUndefined();
  });

  it('given "the under-25s", then no figure counts people', () => {
    for (const f of figuresOf('The under-25s and the over-65s pay nothing.')) expect(f.unit).toBe('years');
  });

  it.each([
    ['Under 25 people were hurt in the crash.', [[25, 'people']]],
    ['The army sent more than 100,000 troops.', [[100000, 'troops']]],
    ['Over 65 companies signed up.', [[65, 'companies']]],
    ['Patients under 5 kg get a smaller dose.', [[5, 'kg']]],
    ['The scammer sent victims over 40 texts.', [[40, 'texts']]],
    ['They evacuated people over 2 days.', [[2, 'days']]],
    ['Of the residents, over 50 left.', [[50, 'residents']]],
  ])('given %j, then the number still counts', (body, expected) => {
    expect(pairs(body)).toEqual(expected);
  });

  it.each([
    'Prices under 25 are rare this year.',
    'Residents over 200 signed the petition.',
    'Speeds over 65 were recorded on the bridge.',
  ])('given %j (no age, or not a plausible one), then the unit is not years', (body) => {
    for (const f of figuresOf(body)) expect(f.unit).not.toBe('years');
  });
});

describe('extractFigures: "number N", "No. N" and "#N" name or rank', () => {
  it.each([
    'Harbour story number 3 was read most.',
    'Route number 7 was cut.',
    'She was ranked number one.',
    'He was ranked number two in the world.',
    'He lives at No. 10 Downing Street.',
    'Take the number 42 bus home.',
    'Bus number 42 runs hourly.',
    'The firm is #1 in sales.',
    'A number of people left early.',
  ])('given %j, then no figure is reported', (body) => {
    expect(figuresOf(body)).toEqual([]);
  });

  it('given "number N" in a headline, then it is not a figure either', () => {
    expect(figuresOf('The story was read widely.', 'Harbour story number 3')).toEqual([]);
  });

  it.each([
    ['The number of deaths rose to 40.', [[40, 'deaths']]],
    ['He called her number nine times.', [[9, 'times']]],
    ['Phone numbers of 300 clients leaked.', [[300, 'clients']]],
  ])('given %j, then the quantity is still found', (body, expected) => {
    expect(pairs(body)).toEqual(expected);
  });
});

describe('extractFigures: a verb after a number is not its counted noun', () => {
  it.each([
    ['Some 40 work there.', 'Some 40'],
    ['About 25 ride the bus daily.', 'About 25'],
    ['Nearly 90 vote the same way.', 'Nearly 90'],
  ])('given %j, then the figure stops before the verb', (body, text) => {
    const [f, ...rest] = figuresOf(body);
    expect(rest).toEqual([]);
    expect(f).toMatchObject({ text, unit: null });
    expect(f?.about).toBeUndefined();
  });

  it.each([
    ['The airline sold 30 aircraft the previous year.', [[30, 'aircraft']]],
    ['The farm bought 500 sheep this year.', [[500, 'sheep']]],
    ['The firm hired 100 staff this year.', [[100, 'staff']]],
    ['They asked for 1,000 bitcoin in the note.', [[1000, 'bitcoin']]],
    [
      'The 12 member panel met the 30 teachers.',
      [
        [12, 'member panel'],
        [30, 'teachers'],
      ],
    ],
  ])('given %j, then a noun that counts in the singular is still the unit', (body, expected) => {
    expect(pairs(body)).toEqual(expected);
  });
});

describe('extractFigures: "won" after a small count is the verb, not the currency', () => {
  it.each([
    [
      'Of the 12 finalists, 3 won prizes.',
      [
        [12, 'finalists'],
        [3, 'finalists'],
      ],
    ],
    ['Some 30 won awards last year.', [[30, null]]],
  ])('given %j, then no figure is in KRW', (body, expected) => {
    expect(pairs(body)).toEqual(expected);
  });

  it.each([
    ['A ticket costs 5,000 won.', [[5000, 'KRW']]],
    ['Samsung paid 3 billion won in fines.', [[3e9, 'KRW']]],
  ])('given %j, then an amount in won is still money', (body, expected) => {
    expect(pairs(body)).toEqual(expected);
  });
});
