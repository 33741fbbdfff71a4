import { UserError } from '../types.ts';

const UNIT_MS: Record<string, number> = {
  m: 60_000,
  min: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 7 * 86_400_000,
};
const DURATION = /^(\d{1,5})\s*(m|min|h|d|w)$/i;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;

const HINT = 'use a duration such as 30m, 24h, 7d or 2w, or a date such as 2026-11-20';

/** What is wrong with a `since` value, or null when it is a duration or an ISO date. */
export function checkSince(raw: string): string | null {
  const value = raw.trim();
  if (DURATION.test(value))
    return Number(DURATION.exec(value)?.[1]) > 0 ? null : `"${raw}" is empty: ${HINT}`;
  if (ISO_DATE.test(value) && !Number.isNaN(Date.parse(value))) return null;
  return `"${raw}" is not a time: ${HINT}`;
}

/** The start of a `since` window: `now` minus a duration, or an ISO date (UTC unless it says otherwise). */
export function parseSince(raw: string, now: Date): Date {
  const problem = checkSince(raw);
  if (problem) throw new UserError('bad-since', problem);
  const value = raw.trim();
  const duration = DURATION.exec(value);
  if (duration) {
    const unit = UNIT_MS[(duration[2] as string).toLowerCase()] as number;
    return new Date(now.getTime() - Number(duration[1]) * unit);
  }
  // A bare date means midnight UTC; Date.parse already reads date-only ISO strings as UTC.
  const at = new Date(
    /[T ]\d{2}:\d{2}/.test(value) && !/(Z|[+-]\d{2}:?\d{2})$/.test(value)
      ? `${value.replace(' ', 'T')}Z`
      : value,
  );
  if (at > now) throw new UserError('bad-since', `${raw} is in the future: ${HINT}`);
  return at;
}
