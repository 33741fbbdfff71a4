const MONTHS: Record<string, number> = {
  jan: 0,
  feb: 1,
  mar: 2,
  apr: 3,
  may: 4,
  jun: 5,
  jul: 6,
  aug: 7,
  sep: 8,
  oct: 9,
  nov: 10,
  dec: 11,
};

// Zone abbreviations seen in real feeds, in minutes east of UTC.
const ZONES: Record<string, number> = {
  z: 0,
  ut: 0,
  utc: 0,
  gmt: 0,
  wet: 0,
  bst: 60,
  cet: 60,
  cest: 120,
  met: 60,
  mest: 120,
  eet: 120,
  eest: 180,
  est: -300,
  edt: -240,
  cst: -360,
  cdt: -300,
  mst: -420,
  mdt: -360,
  pst: -480,
  pdt: -420,
  akst: -540,
  akdt: -480,
  hst: -600,
  ist: 330,
  jst: 540,
  kst: 540,
  aest: 600,
  aedt: 660,
  acst: 570,
  awst: 480,
  nzst: 720,
  nzdt: 780,
};

const RFC822 =
  /^(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s*)?(\d{1,2})[\s-]+([a-z]{3})[a-z]*\.?[\s-]+(\d{2}|\d{4})(?:[\sT,]+(\d{1,2}):?(\d{2})(?::?(\d{2}(?:\.\d+)?))?)?\s*([+-]\d{2}:?\d{2}|[a-z]{1,5})?(?:\s*\(.*\))?$/i;
const MONTH_FIRST =
  /^(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s*)?([a-z]{3})[a-z]*\.?\s+(\d{1,2}),?\s+(\d{4})(?:[\s,]+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*(am|pm)?)?\s*([+-]\d{2}:?\d{2}|[a-z]{1,5})?$/i;
const ISO =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T\s](\d{2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?)?$/i;

function offsetMinutes(zone: string | undefined): number | null {
  if (!zone) return 0;
  const numeric = /^([+-])(\d{2}):?(\d{2})?$/.exec(zone);
  if (numeric) {
    const minutes = Number(numeric[2]) * 60 + Number(numeric[3] ?? 0);
    return numeric[1] === '-' ? -minutes : minutes;
  }
  return ZONES[zone.toLowerCase()] ?? null;
}

function fullYear(year: string): number {
  const value = Number(year);
  if (year.length === 4) return value;
  return value < 50 ? 2000 + value : 1900 + value;
}

function build(parts: {
  year: number;
  month: number;
  day: number;
  hour?: string;
  minute?: string;
  second?: string;
  zone?: string;
}): string | null {
  const offset = offsetMinutes(parts.zone);
  if (offset === null) return null;
  const { year, month, day } = parts;
  const hour = Number(parts.hour ?? 0);
  const minute = Number(parts.minute ?? 0);
  const second = Math.floor(Number(parts.second ?? 0));
  if (month < 0 || month > 11 || day < 1 || day > 31 || hour > 24 || minute > 59 || second > 60) return null;
  const time = Date.UTC(year, month, day, hour, minute, second) - offset * 60_000;
  return sane(time);
}

function sane(time: number): string | null {
  if (!Number.isFinite(time)) return null;
  const date = new Date(time);
  const year = date.getUTCFullYear();
  return year >= 1900 && year <= 2200 ? date.toISOString() : null;
}

/**
 * Reads a feed date in any common spelling (RFC 822 with 2-digit years or `1500 GMT`, zone names, ISO 8601,
 * date-only, "Jan 5, 2024") and returns ISO 8601 in UTC, or null when it cannot be read with confidence.
 */
export function parseFeedDate(raw: string | null | undefined): string | null {
  if (typeof raw !== 'string') return null;
  const text = raw.replace(/\s{2,}|[^\S ]/g, ' ').trim();
  if (!text) return null;
  const iso = ISO.exec(text);
  if (iso) {
    const [, y, mo, d, h, mi, s, zone] = iso;
    return build({
      year: Number(y),
      month: Number(mo) - 1,
      day: Number(d),
      hour: h,
      minute: mi,
      second: s,
      zone,
    });
  }
  const rfc = RFC822.exec(text);
  if (rfc) {
    const [, d, mon, y, h, mi, s, zone] = rfc;
    const month = MONTHS[(mon as string).toLowerCase()];
    if (month === undefined) return null;
    return build({
      year: fullYear(y as string),
      month,
      day: Number(d),
      hour: h,
      minute: mi,
      second: s,
      zone,
    });
  }
  const us = MONTH_FIRST.exec(text);
  if (us) {
    const [, mon, d, y, h, mi, s, meridiem, zone] = us;
    const month = MONTHS[(mon as string).toLowerCase()];
    if (month === undefined) return null;
    let hour = h === undefined ? undefined : Number(h);
    if (hour !== undefined && meridiem) hour = (hour % 12) + (/pm/i.test(meridiem) ? 12 : 0);
    return build({
      year: Number(y),
      month,
      day: Number(d),
      hour: hour?.toString(),
      minute: mi,
      second: s,
      zone,
    });
  }
  // Last resort for other spellings, only when a full year is present: V8 "parses" almost any junk otherwise.
  const month = /\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b/i.test(text);
  if (month && /\b(19|20|21)\d{2}\b/.test(text)) return sane(Date.parse(text));
  return null;
}
