import type { Logger } from '../log.ts';
import type { Store } from '../store/port.ts';

const DAY_MS = 24 * 60 * 60 * 1000;
const EVERY_MS = 6 * 60 * 60 * 1000;
const FIRST_AFTER_MS = 60 * 1000;

/** The running prune job. */
export interface RetentionJob {
  /** Prunes now: article text and extraction rows first seen before the cutoff; item keys stay as tombstones. */
  runOnce(now?: Date): Promise<number>;
  stop(): void;
}

/** Prunes articles older than `days` a minute after start and every six hours; never throws. */
export function startRetention(store: Store, days: number, logger: Logger): RetentionJob {
  const runOnce = async (now = new Date()) => {
    try {
      const pruned = await store.pruneArticles(new Date(now.getTime() - days * DAY_MS));
      if (pruned > 0) logger.info({ pruned, days }, 'pruned old articles (their item keys are kept)');
      return pruned;
    } catch (error) {
      logger.error({ err: error }, 'pruning old articles failed');
      return 0;
    }
  };
  const first = setTimeout(() => void runOnce(), FIRST_AFTER_MS);
  const every = setInterval(() => void runOnce(), EVERY_MS);
  first.unref();
  every.unref();
  return {
    runOnce,
    stop: () => {
      clearTimeout(first);
      clearInterval(every);
    },
  };
}
