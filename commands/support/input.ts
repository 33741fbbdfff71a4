import type { CommandDefinition, CommandInput, CommandOption } from '../types.ts';
import { UserError } from '../types.ts';
import { usageLine } from './usage.ts';

/** Turns one typed-in value into the option's type, or throws a UserError that says what to type. */
export function coerceOption(
  command: CommandDefinition,
  option: CommandOption,
  raw: string | number | boolean,
): string | number | boolean {
  const where = `/${command.name} ${option.name}`;
  let value: string | number | boolean = raw;
  if (option.type === 'integer') {
    const text = String(raw).trim();
    if (!/^-?\d+$/.test(text))
      throw new UserError('bad-option', `${where} must be a whole number, not "${raw}".`);
    value = Number(text);
  } else if (option.type === 'boolean') {
    const text = String(raw).trim().toLowerCase();
    if (['true', 'yes', 'on', '1'].includes(text)) value = true;
    else if (['false', 'no', 'off', '0'].includes(text)) value = false;
    else throw new UserError('bad-option', `${where} must be yes or no, not "${raw}".`);
  } else {
    value = String(raw);
  }
  if (option.choices) {
    const match = option.choices.find((c) => c.toLowerCase() === String(value).toLowerCase());
    if (!match) {
      throw new UserError(
        'bad-option',
        `${where} must be one of ${option.choices.join(', ')}, not "${raw}".`,
      );
    }
    value = match;
  }
  if (option.validate && typeof value === 'string') {
    const problem = option.validate(value);
    if (problem) throw new UserError('bad-option', `${where}: ${problem}.`);
  }
  return value;
}

/**
 * Checks input against the command's declared options: required ones present, values of the right type
 * and choice. Unknown keys are dropped. Used by the text parser and by the dispatcher for every platform.
 */
export function validateInput(command: CommandDefinition, input: CommandInput): CommandInput {
  const out: CommandInput = {};
  for (const option of command.options) {
    const raw = input[option.name];
    const blank = raw === undefined || (typeof raw === 'string' && raw.trim() === '');
    if (blank) {
      if (option.required) {
        throw new UserError(
          'missing-option',
          `/${command.name} needs ${option.name === 'name' ? 'a name' : option.name}. Type: ${usageLine(command)}${
            command.examples?.[0] ? ` (for example ${command.examples[0]})` : ''
          }`,
        );
      }
      continue;
    }
    out[option.name] = coerceOption(command, option, raw);
  }
  return out;
}
