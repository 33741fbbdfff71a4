/** One benchmark's named figures. */
export interface BenchResult {
  name: string;
  figures: Record<string, number>;
}

/** Runs `fn` (which does `units` units of work) until about `minMs` have passed, after a warm-up; best rate wins. */
export function measure(fn: () => void, units: number, minMs = 1500): { perSecond: number } {
  fn();
  let best = 0;
  const until = performance.now() + minMs;
  do {
    const start = performance.now();
    fn();
    const rate = units / ((performance.now() - start) / 1000);
    best = Math.max(best, rate);
  } while (performance.now() < until);
  return { perSecond: best };
}

/** The async form of {@link measure}. */
export async function measureAsync(
  fn: () => Promise<void>,
  units: number,
  minMs = 1500,
): Promise<{ perSecond: number }> {
  await fn();
  let best = 0;
  const until = performance.now() + minMs;
  do {
    const start = performance.now();
    await fn();
    best = Math.max(best, units / ((performance.now() - start) / 1000));
  } while (performance.now() < until);
  return { perSecond: best };
}
