import pino, { type Logger } from 'pino';
import pretty from 'pino-pretty';

export type { Logger } from 'pino';

/** Options for {@link createLogger}. */
export interface LoggerOptions {
  level?: string;
  /** Values that must never appear in a log line (tokens, secrets, passwords). */
  secrets?: string[];
  /** Log to stderr: stdout carries output for a person (terminal chat, `--json`). */
  stderr?: boolean;
  /** Pretty-print instead of JSON lines; defaults to whether the target is a TTY. */
  pretty?: boolean;
  /** Colour pretty output (the caller decides from the TTY and `NO_COLOR`). */
  color?: boolean;
  /** Write lines here instead of stdout/stderr (tests). */
  destination?: LineSink;
}

/** Where log lines go. */
export interface LineSink {
  write(line: string): unknown;
}

function redactingSink(target: LineSink, secrets: string[]): LineSink {
  const needles = secrets.filter((s) => s.length >= 4);
  if (needles.length === 0) return target;
  return {
    write(line: string) {
      let out = line;
      for (const needle of needles) out = out.split(needle).join('[redacted]');
      return target.write(out);
    },
  };
}

/** A pino logger: JSON lines (pretty on a TTY), secrets scrubbed from every line. */
export function createLogger(options: LoggerOptions = {}): Logger {
  const fd = options.stderr ? 2 : 1;
  const stream = fd === 2 ? process.stderr : process.stdout;
  const usePretty = options.pretty ?? Boolean(stream.isTTY);
  const target: LineSink = options.destination
    ? options.destination
    : usePretty
      ? pretty({ destination: fd, colorize: options.color ?? false, sync: true })
      : pino.destination({ fd, sync: true });
  return pino(
    { level: options.level ?? 'info', base: { name: 'briefwire' } },
    redactingSink(target, options.secrets ?? []) as pino.DestinationStream,
  );
}

/** A logger that discards everything, for tests and library use. */
export const silentLogger: Logger = pino({ level: 'silent' });
