import { createInterface, type Interface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import pc from 'picocolors';
import { parseCommandLine } from '../../../commands/parse-text.ts';
import { type CommandDefinition, UserError } from '../../../commands/types.ts';
import type { Reply } from '../../briefing/blocks.ts';
import { colorEnabled } from '../../config.ts';
import type { ChannelKey } from '../../store/port.ts';
import type { ChatAdapter, Dispatcher, PostResult } from '../port.ts';
import { PLAIN_STYLE, renderReplyText, type TextStyle } from '../text-render.ts';

/** The one channel the terminal is: platform terminal, workspace local, channel terminal. */
export const TERMINAL_CHANNEL: ChannelKey = { platform: 'terminal', workspace: 'local', channel: 'terminal' };

/** Options for {@link createTerminalAdapter}; streams are injectable so tests can type into it. */
export interface TerminalAdapterOptions {
  commands: readonly CommandDefinition[];
  input?: Readable & { isTTY?: boolean };
  output?: Writable & { isTTY?: boolean };
  /** Colour on or off; default: only on a TTY and never with NO_COLOR (colorEnabled). */
  color?: boolean;
  /** Environment for the NO_COLOR check (tests). */
  env?: Record<string, string | undefined>;
  /** The person at the keyboard; the local operator may manage feeds and schedules by default. */
  user?: { id: string; name?: string; canManage: boolean };
  prompt?: string;
  showSentences?: boolean;
}

/** The terminal chat: a REPL that accepts the slash commands in the Slack text syntax. */
export interface TerminalAdapter extends ChatAdapter {
  readonly platform: 'terminal';
  /** Resolves once input ended (Ctrl-D, end of a pipe, /exit) and every typed command was answered. */
  readonly closed: Promise<void>;
}

function colourStyle(): TextStyle {
  // Our own decision (TTY, NO_COLOR) overrides picocolors' detection.
  const c = pc.createColors(true);
  return { heading: c.bold, title: c.bold, dim: c.dim, warn: c.yellow, error: c.red };
}

const EXIT = /^\/?(exit|quit)$/i;

/** Creates the terminal adapter. Nothing is read until {@link ChatAdapter.start}. */
export function createTerminalAdapter(options: TerminalAdapterOptions): TerminalAdapter {
  const input = options.input ?? process.stdin;
  const output = options.output ?? process.stdout;
  const color = options.color ?? colorEnabled(output, options.env);
  const style = color ? colourStyle() : PLAIN_STYLE;
  const user = options.user ?? { id: 'local', name: 'local operator', canManage: true };
  const interactive = Boolean(input.isTTY && output.isTTY);
  const prompt = options.prompt ?? 'briefwire> ';
  let rl: Interface | null = null;
  let queue: Promise<void> = Promise.resolve();
  let stopped = false;
  let resolveClosed: () => void = () => {};
  const closed = new Promise<void>((resolve) => {
    resolveClosed = resolve;
  });

  const write = (text: string) => {
    if (!output.writable) return;
    output.write(`${text}\n`);
  };
  const show = (reply: Reply) => {
    write(renderReplyText(reply, { style, showSentences: options.showSentences ?? false }));
    write('');
  };

  const handle = async (dispatcher: Dispatcher, line: string) => {
    const text = line.trim();
    if (text === '' || text.startsWith('#')) return;
    try {
      const parsed = parseCommandLine(text, options.commands);
      show(await dispatcher.run({ ...parsed, channel: TERMINAL_CHANNEL, user }));
    } catch (error) {
      // The parser refuses malformed input with a UserError; the dispatcher itself never throws.
      const message = error instanceof UserError ? error.message : `unexpected: ${(error as Error).message}`;
      write(style.error(`error: ${message}`));
      write('');
    }
  };

  const completer =
    (dispatcher: Dispatcher) => (line: string, done: (err: null, result: [string[], string]) => void) => {
      const match = /^\/?(\S*)(\s+(.*))?$/.exec(line);
      const name = match?.[1] ?? '';
      if (!match?.[2]) {
        const names = options.commands.map((c) => `/${c.name}`).filter((n) => n.startsWith(`/${name}`));
        done(null, [names, line]);
        return;
      }
      const command = options.commands.find((c) => c.name === name.toLowerCase());
      const first = command?.options[0];
      const partial = match[3] ?? '';
      if (!command || !first?.autocomplete || partial.includes(':')) {
        done(null, [[], line]);
        return;
      }
      dispatcher
        .complete({
          command: command.name,
          input: {},
          option: first.name,
          partial,
          channel: TERMINAL_CHANNEL,
          user,
        })
        .then(
          (values) => done(null, [values.map((v) => `/${command.name} ${v}`), line]),
          () => done(null, [[], line]),
        );
    };

  return {
    platform: 'terminal',
    closed,

    async start(dispatcher) {
      if (rl) return;
      rl = createInterface({
        input,
        output,
        terminal: interactive,
        historySize: 500,
        ...(interactive ? { completer: completer(dispatcher) } : {}),
      });
      rl.setPrompt(prompt);
      if (interactive) {
        write(style.dim('Type /help for the commands, /exit to leave.'));
        rl.prompt();
      }
      let ending = false;
      rl.on('line', (line) => {
        if (ending) return;
        if (EXIT.test(line.trim())) {
          // Lines already piped in after /exit must not run: stop reading now, close once answers are out.
          ending = true;
          queue = queue.then(() => rl?.close());
          return;
        }
        // One command at a time, in the order typed: piped input must get its answers in order.
        queue = queue.then(async () => {
          await handle(dispatcher, line);
          if (interactive && !stopped) rl?.prompt();
        });
      });
      rl.on('close', () => {
        stopped = true;
        void queue.then(resolveClosed, resolveClosed);
      });
    },

    async stop() {
      stopped = true;
      if (rl) rl.close();
      else resolveClosed();
      await closed;
    },

    async post(channel: ChannelKey, reply: Reply): Promise<PostResult> {
      if (channel.platform !== 'terminal') {
        return { ok: false, reason: 'error', detail: `the terminal cannot post to ${channel.platform}` };
      }
      if (!output.writable) return { ok: false, reason: 'no-access', detail: 'output closed' };
      show(reply);
      return { ok: true };
    },
  };
}
