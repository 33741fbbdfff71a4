import { describe, expect, it } from 'vitest';
import { parseFeedDate } from '../../src/feeds/dates.ts';

describe('parseFeedDate', () => {
  it.each([
    ['Tue, 04 Mar 2025 09:30:00 +0000', '2025-03-04T09:30:00.000Z'],
    ['Wed, 02 Oct 2002 08:00:00 EST', '2002-10-02T13:00:00.000Z'],
    ['Mon, 30 Sep 2019 15:30:00 PST', '2019-09-30T23:30:00.000Z'],
    ['03 Apr 02 1500 GMT', '2002-04-03T15:00:00.000Z'],
    ['Sun, 10 Dec 17 10:00:00 +0100', '2017-12-10T09:00:00.000Z'],
    ['2019-08-27', '2019-08-27T00:00:00.000Z'],
    ['2018-11-19T21:45:04.123Z', '2018-11-19T21:45:04.000Z'],
    ['2024-08-28T10:00:00+02:00', '2024-08-28T08:00:00.000Z'],
    ['  Wed, 29 May 2019 15:46:00 +0530 ', '2019-05-29T10:16:00.000Z'],
    ['January 5, 2024 3:04 pm', '2024-01-05T15:04:00.000Z'],
  ])('given %j then it reads as %s', (raw, iso) => {
    expect(parseFeedDate(raw)).toBe(iso);
  });

  it.each([
    'yesterday',
    'Sun 3',
    'not a date 2020',
    '',
    '2024-13-45',
    'Mon, 06 Foo 2025 10:00 GMT',
    'Mon, 06 Jan 2025 10:00 XYZ',
  ])('given unreadable %j then it is null', (raw) => {
    expect(parseFeedDate(raw)).toBeNull();
  });
});
