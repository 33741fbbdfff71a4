/** Counts events per key in a sliding window; the app keeps one per process. */
export interface RateLimiter {
  /** Records an event for `key` and returns true, or returns false when `max` were already recorded within `windowMs`. */
  take(key: string, max: number, windowMs: number, now: Date): boolean;
}

/** An in-memory sliding-window limiter; old entries are dropped as keys are touched. */
export function createRateLimiter(): RateLimiter {
  const events = new Map<string, number[]>();
  return {
    take(key, max, windowMs, now) {
      const t = now.getTime();
      const recent = (events.get(key) ?? []).filter((at) => at > t - windowMs);
      if (recent.length >= max) {
        events.set(key, recent);
        return false;
      }
      recent.push(t);
      events.set(key, recent);
      return true;
    },
  };
}
