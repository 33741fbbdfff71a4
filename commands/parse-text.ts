import { validateInput } from './support/input.ts';
import { unknownCommandMessage, usageLine } from './support/usage.ts';
import type { CommandDefinition, CommandInput } from './types.ts';
import { UserError } from './types.ts';

/** A typed-in command after parsing: the command's name and its typed options. */
export interface ParsedCommand {
  command: string;
  input: CommandInput;
}

interface Token {
  text: string;
  /** `key:value` splits here; a quoted token never has a key. */
  key?: string;
}

const OPENING_QUOTES: Record<string, string> = { '"': '"', "'": "'", '“': '”', '„': '“', '‘': '’', '«': '»' };
const KEY = /^([a-z][a-z0-9-]*):(.*)$/is;

/** Splits command text into words: quotes group spaces ("European defense", key:"two words"). */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    while (i < text.length && /\s/.test(text[i] as string)) i++;
    if (i >= text.length) break;
    let word = '';
    let key: string | undefined;
    let quoted = false;
    while (i < text.length && !/\s/.test(text[i] as string)) {
      const ch = text[i] as string;
      const close = OPENING_QUOTES[ch];
      // A quote opens a group at the start of a word or right after `key:`; elsewhere it is a plain character.
      if (close && (word === '' || (key === undefined && KEY.test(word) && word.endsWith(':')))) {
        if (word !== '') {
          key = word.slice(0, -1);
          word = '';
        }
        const end = text.indexOf(close, i + 1);
        const alternate = close !== '"' ? -1 : text.indexOf('”', i + 1);
        const stop = end === -1 ? alternate : end;
        if (stop === -1)
          throw new UserError(
            'unbalanced-quote',
            `A quote (${ch}) is never closed: close it, e.g. "European defense".`,
          );
        word += text.slice(i + 1, stop);
        quoted = true;
        i = stop + 1;
        continue;
      }
      word += ch;
      i++;
    }
    if (key !== undefined) tokens.push({ text: word, key });
    else if (!quoted && KEY.test(word) && !word.includes('://')) {
      const [, k, v] = KEY.exec(word) as RegExpExecArray;
      tokens.push({ text: v as string, key: (k as string).toLowerCase() });
    } else tokens.push({ text: word });
  }
  return tokens;
}

/**
 * Parses the text after a command's name (`Zelensky topic:russia since:7d`) into typed input. Positional
 * words fill options in declared order; an option marked `rest` takes every remaining word.
 */
export function parseCommandArgs(command: CommandDefinition, text: string): CommandInput {
  const input: CommandInput = {};
  const positional: string[] = [];
  for (const token of tokenize(text)) {
    if (token.key === undefined) {
      positional.push(token.text);
      continue;
    }
    const option = command.options.find((o) => o.name === token.key);
    if (!option) {
      const names = command.options.map((o) => `${o.name}:`).join(', ');
      throw new UserError(
        'unknown-option',
        `/${command.name} has no option "${token.key}". ${names ? `Its options: ${names}. ` : ''}Type: ${usageLine(command)}`,
      );
    }
    if (input[option.name] !== undefined) {
      throw new UserError('repeated-option', `${option.name}: is given twice. Give it once.`);
    }
    input[option.name] = token.text;
  }
  const open = command.options.filter((o) => input[o.name] === undefined);
  for (const option of open) {
    if (positional.length === 0) break;
    input[option.name] = option.rest ? positional.splice(0).join(' ') : (positional.shift() as string);
  }
  if (positional.length > 0) {
    throw new UserError(
      'too-many-values',
      `/${command.name} did not expect "${positional.join(' ')}". Put spaces inside quotes. Type: ${usageLine(command)}`,
    );
  }
  return validateInput(command, input);
}

/**
 * Parses a whole typed line (`/who-said Zelensky topic:russia since:7d`). `--help` after any command asks
 * for that command's help. Throws a UserError saying what to type instead.
 */
export function parseCommandLine(line: string, commands: readonly CommandDefinition[]): ParsedCommand {
  const trimmed = line.trim();
  const match = /^\/?([^\s]+)\s*([\s\S]*)$/.exec(trimmed);
  if (!match) throw new UserError('empty-command', 'Type a command, e.g. /brief or /help.');
  const name = (match[1] as string).toLowerCase();
  const rest = match[2] as string;
  const command = commands.find((c) => c.name === name);
  if (!command) throw new UserError('unknown-command', unknownCommandMessage(name, commands));
  if (/^(--help|-h)$/i.test(rest.trim()) && commands.some((c) => c.name === 'help')) {
    return { command: 'help', input: { command: command.name } };
  }
  return { command: command.name, input: parseCommandArgs(command, rest) };
}
