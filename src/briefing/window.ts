const HOUR = 3_600_000;

function utcStamp(at: Date): string {
  return `${at.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** A window in words: "the last 24 h", "the last 7 days", else "since 2026-11-20 08:00 UTC". */
export function describeWindow(since: Date, now: Date): string {
  const hours = (now.getTime() - since.getTime()) / HOUR;
  if (Number.isInteger(hours) && hours > 0) {
    if (hours <= 72) return `the last ${hours} h`;
    if (hours % 24 === 0) return `the last ${hours / 24} days`;
  }
  const minutes = (now.getTime() - since.getTime()) / 60_000;
  if (Number.isInteger(minutes) && minutes > 0 && minutes < 60) return `the last ${minutes} min`;
  return `since ${utcStamp(since)}`;
}
