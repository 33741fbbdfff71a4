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
  /** Signals were caught from process start by this gate; hand them over instead of listening again. */
  gate?: ShutdownGate;
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
  if (options.gate) options.gate.ready(stop);
  else {
    process.once('SIGTERM', () => void stop('SIGTERM'));
    process.once('SIGINT', () => void stop('SIGINT'));
  }
  return { stop };
}

/**
 * Catches SIGTERM/SIGINT from the very start of the process, before the app can shut down properly:
 * a signal that arrives during start-up is held and acted on once {@link ShutdownGate.ready} hands over.
 */
export interface ShutdownGate {
  /** Hands signals to the real shutdown; a signal already received stops the app at once. */
  ready(stop: (reason: string) => Promise<void>): void;
}

/** Installs the start-up signal gate (call before anything slow). */
export function gateSignals(): ShutdownGate {
  let pending: string | undefined;
  let handler: ((reason: string) => Promise<void>) | undefined;
  const onSignal = (signal: string) => {
    if (handler) void handler(signal);
    else pending ??= signal;
  };
  process.once('SIGTERM', () => onSignal('SIGTERM'));
  process.once('SIGINT', () => onSignal('SIGINT'));
  return {
    ready(stop) {
      handler = stop;
      if (pending) void stop(pending);
    },
  };
}
