import { Cron } from 'croner';

/**
 * When a schedule is due, as UTC instants. node-cron runs the tasks, but it does not say when a schedule was due
 * before now, and across DST it skips a local time that does not exist (02:30 on the spring-forward day) and
 * picks an arbitrary one of the two instants of a repeated local time. These instants are the single source of
 * truth for briefing windows: a tick, a catch-up and a retried job all name a window by one of them.
 *
 * The DST rule is classic cron's: a fixed-time schedule ("30 2 * * *", "0 8,17 * * 1-5") whose local time falls
 * in a DST gap is due at the end of the gap (03:00 that day), and when its local time occurs twice it is due
 * once, at the first occurrence; an interval schedule ("0 * * * *", "0 *\/6 * * *") is due every hour it names
 * in real time, so it skips the hour that does not exist and runs in both hours that share a local time.
 */
export interface FireTimes {
  /** The latest instant the schedule was due at or before `at`, or null if it never was. */
  latest(at: Date): Date | null;
  /** The first instant the schedule is due after `at`, or null if it never is again. */
  next(at: Date): Date | null;
}

/**
 * The fire times of a cron expression in an IANA timezone. Throws on an expression or timezone it cannot read.
 * Day-of-month and day-of-week both have to match ("0 8 1 * 1" is a Monday the 1st), as node-cron reads it, so
 * the instants agree with the node-cron task's ticks.
 */
export function fireTimes(cron: string, timezone: string): FireTimes {
  const calendar = new Cron(cron, {
    timezone,
    paused: true,
    mode: '5-or-6-parts',
    domAndDow: true,
    fixedTimeRule: 'no-wildcard',
  });
  // croner checks the timezone lazily; asking once makes a bad one fail here, not at the first tick.
  calendar.nextRun(new Date(0));
  return {
    // croner looks strictly before its reference; one ms later makes `at` itself count.
    latest: (at) => calendar.previousRuns(1, new Date(at.getTime() + 1))[0] ?? null,
    next: (at) => calendar.nextRun(at),
  };
}
