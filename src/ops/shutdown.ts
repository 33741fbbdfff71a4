import type { Logger } from '../log.ts';

/** One step of a graceful stop, run in registration order. */
export interface ShutdownStep {
  name: string;
  close: () => Promise<void> | void;
}

/** Options for {@link installShutdown}. */
export interface ShutdownOptions {
  logger: Logger;
  /** Force exit after this long, whatever is still running (default 3 s). */
  forceAfterMs?: number;
  /** Exit the process when done (false in tests that drive it in-process). */
  exit?: (code: number) => void;
}

/**
 * Runs the steps in order on SIGTERM/SIGINT (or when `stop()` is called), each step isolated so one failure
 * never blocks the rest, under a force-exit timer so the process always stops promptly.
 */
export function installShutdown(
  steps: ShutdownStep[],
  options: ShutdownOptions,
): { stop: (reason: string) => Promise<void> } {
  const exit = options.exit ?? ((code: number) => process.exit(code));
  let stopping: Promise<void> | undefined;
  const stop = (reason: string): Promise<void> => {
    stopping ??= (async () => {
      options.logger.info({ reason }, 'shutting down');
      const timer = setTimeout(() => {
        options.logger.error('shutdown took too long: forcing exit');
        exit(1);
      }, options.forceAfterMs ?? 3000);
      timer.unref();
      let failed = false;
      for (const step of steps) {
        try {
          await step.close();
          options.logger.info({ step: step.name }, 'closed');
        } catch (error) {
          failed = true;
          options.logger.error({ err: error, step: step.name }, 'close failed');
        }
      }
      clearTimeout(timer);
      exit(failed ? 1 : 0);
    })();
    return stopping;
  };
  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.once('SIGINT', () => void stop('SIGINT'));
  return { stop };
}
