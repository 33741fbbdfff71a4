import { describe, expect, it } from 'vitest';
import { checkSince, parseSince } from '../../commands/support/since.ts';
import { UserError } from '../../commands/types.ts';

const now = new Date('2026-11-27T12:00:00Z');

describe('parseSince', () => {
  it.each([
    ['30m', '2026-11-27T11:30:00.000Z'],
    ['24h', '2026-11-26T12:00:00.000Z'],
    ['7d', '2026-11-20T12:00:00.000Z'],
    ['2w', '2026-11-13T12:00:00.000Z'],
    ['2026-11-20', '2026-11-20T00:00:00.000Z'],
    ['2026-11-20T08:30', '2026-11-20T08:30:00.000Z'],
    ['2026-11-20T08:30+02:00', '2026-11-20T06:30:00.000Z'],
  ])('given since:%s, then the window starts at %s', (raw, iso) => {
    expect(parseSince(raw, now).toISOString()).toBe(iso);
  });

  it.each(['yesterday', '7', 'd7', '-1d', '0h', '2026-13-40', '7 days ago'])(
    'given since:%s, then it is refused with the accepted forms',
    (raw) => {
      expect(checkSince(raw)).toMatch(/30m, 24h, 7d or 2w/);
      expect(() => parseSince(raw, now)).toThrow(UserError);
    },
  );

  it('given a date in the future, then it is refused', () => {
    expect(() => parseSince('2027-01-01', now)).toThrow(/in the future/);
  });
});
