import { UserError } from '../types.ts';

const DAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
const DAY_ABBR = DAYS.map((d) => d.slice(0, 3));
const EXAMPLES =
  'e.g. "weekdays 08:00", "daily 7:30", "mon,thu 09:00", "every 6 hours" or a cron expression "0 8 * * 1-5"';

/** Whether the runtime knows this IANA timezone. */
export function isTimezone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

function dayIndex(word: string): number | null {
  const w = word.toLowerCase().replace(/s$/, '');
  const i = DAY_ABBR.indexOf(w.slice(0, 3));
  return i >= 0 && (w.length === 3 || DAYS[i]?.startsWith(w)) ? i : null;
}

function parseTime(word: string): { hour: number; minute: number } | null {
  const m = /^(\d{1,2})(?::(\d{2}))?\s*(am|pm)?$/i.exec(word);
  if (!m) return null;
  let hour = Number(m[1]);
  const minute = Number(m[2] ?? 0);
  const half = m[3]?.toLowerCase();
  if (!m[2] && !half) return null;
  if (half) {
    if (hour < 1 || hour > 12) return null;
    hour = (hour % 12) + (half === 'pm' ? 12 : 0);
  }
  return hour <= 23 && minute <= 59 ? { hour, minute } : null;
}

const FIELD_BOUNDS: [number, number][] = [
  [0, 59],
  [0, 23],
  [1, 31],
  [1, 12],
  [0, 7],
];
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

function validField(field: string, index: number): boolean {
  const [min, max] = FIELD_BOUNDS[index] as [number, number];
  const value = (v: string): number | null => {
    if (/^\d+$/.test(v)) return Number(v);
    const lower = v.toLowerCase();
    if (index === 3 && MONTHS.includes(lower)) return MONTHS.indexOf(lower) + 1;
    if (index === 4 && DAY_ABBR.includes(lower)) return DAY_ABBR.indexOf(lower);
    return null;
  };
  return field.split(',').every((part) => {
    const [range, step, extra] = part.split('/');
    if (extra !== undefined || (step !== undefined && !/^[1-9]\d*$/.test(step))) return false;
    if (range === '*') return true;
    const [from, to, more] = (range ?? '').split('-');
    if (more !== undefined) return false;
    const a = value(from ?? '');
    const b = to === undefined ? a : value(to);
    return a !== null && b !== null && a >= min && b <= max && a <= b;
  });
}

/** Whether a five-field cron expression (minute hour day month weekday) is well formed. */
export function isValidCron(expression: string): boolean {
  const fields = expression.trim().split(/\s+/);
  return fields.length === 5 && fields.every(validField);
}

/** A schedule as typed: cron plus the timezone, if the words ended with one. */
export interface ScheduleSpec {
  cron: string;
  timezone?: string;
}

/**
 * Reads a schedule typed in words ("weekdays 08:00 Europe/Berlin", "daily 7am", "every 6 hours") or as a
 * cron expression; a trailing IANA timezone is taken off. Throws a UserError that shows working forms.
 */
export function parseScheduleSpec(raw: string): ScheduleSpec {
  const words = raw.trim().split(/\s+/).filter(Boolean);
  let timezone: string | undefined;
  const last = words[words.length - 1];
  if (last && /[A-Za-z]/.test(last) && (last.includes('/') || /^(utc|gmt)$/i.test(last))) {
    if (!isTimezone(last)) {
      throw new UserError(
        'bad-timezone',
        `Unknown timezone "${last}": use a name such as Europe/Berlin, America/New_York or UTC.`,
      );
    }
    timezone = last;
    words.pop();
  }
  const spec = (cron: string): ScheduleSpec => (timezone ? { cron, timezone } : { cron });
  const phrase = words
    .join(' ')
    .toLowerCase()
    .replace(/\bat\b/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  if (words.length === 5 && isValidCron(words.join(' '))) return spec(words.join(' '));
  if (/^(hourly|every hour)$/.test(phrase)) return spec('0 * * * *');
  const every = /^every (\d{1,2}) hours?$/.exec(phrase);
  if (every && Number(every[1]) >= 1 && Number(every[1]) <= 23) return spec(`0 */${Number(every[1])} * * *`);
  const parts = phrase.split(' ');
  const time = parts.length > 0 ? parseTime(parts[parts.length - 1] as string) : null;
  if (time) {
    const dayWords = parts
      .slice(0, -1)
      .join(' ')
      .replace(/^(every|each|on)\s+/, '');
    let weekday: string | null = null;
    if (/^(|daily|day|every day|everyday)$/.test(dayWords)) weekday = '*';
    else if (/^(weekdays?|workdays?|mon-fri|monday-friday)$/.test(dayWords)) weekday = '1-5';
    else if (/^weekends?$/.test(dayWords)) weekday = '0,6';
    else {
      const days = dayWords
        .split(/\s*(?:,|\band\b|\s)\s*/)
        .filter(Boolean)
        .map(dayIndex);
      if (days.length > 0 && days.every((d) => d !== null)) {
        weekday = [...new Set(days as number[])].sort((a, b) => a - b).join(',');
      }
    }
    if (weekday !== null) return spec(`${time.minute} ${time.hour} * * ${weekday}`);
  }
  if (words.length === 5) {
    throw new UserError(
      'bad-cron',
      `"${words.join(' ')}" is not a valid cron expression (minute hour day month weekday). Try ${EXAMPLES}.`,
    );
  }
  throw new UserError('bad-schedule', `I can't read "${raw.trim()}" as a schedule. Try ${EXAMPLES}.`);
}

function pad(n: string): string {
  return n.padStart(2, '0');
}

/** A cron expression in words: "weekdays at 08:00", "every day at 07:30", "every 6 hours". */
export function describeCron(cron: string): string {
  const [minute, hour, dom, month, dow] = cron.trim().split(/\s+/);
  if (minute === '0' && hour === '*' && dom === '*' && month === '*' && dow === '*') return 'every hour';
  const step = /^\*\/(\d+)$/.exec(hour ?? '');
  if (minute === '0' && step && dom === '*' && month === '*' && dow === '*') return `every ${step[1]} hours`;
  if (!/^\d+$/.test(minute ?? '') || !/^\d+$/.test(hour ?? '') || dom !== '*' || month !== '*') {
    return `on cron "${cron}"`;
  }
  const at = `at ${pad(hour as string)}:${pad(minute as string)}`;
  if (dow === '*') return `every day ${at}`;
  if (dow === '1-5') return `weekdays ${at}`;
  if (dow === '0,6' || dow === '6,0') return `weekends ${at}`;
  if (/^[0-7](,[0-7])*$/.test(dow ?? '')) {
    const names = (dow as string)
      .split(',')
      .map(
        (d) =>
          `${(DAYS[Number(d) % 7] as string)[0]?.toUpperCase()}${(DAYS[Number(d) % 7] as string).slice(1)}s`,
      );
    return `${names.join(', ')} ${at}`;
  }
  return `on cron "${cron}"`;
}
