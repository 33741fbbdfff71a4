import type { Block } from '../../src/briefing/blocks.ts';
import type { CommandDefinition, CommandOption } from '../types.ts';

function optionUsage(option: CommandOption, positional: boolean): string {
  const value = option.choices ? option.choices.join('|') : option.name;
  const shown = positional ? value : `${option.name}:${option.choices ? value : '…'}`;
  return option.required ? shown : `[${shown}]`;
}

/** One usage line in the text syntax: `/who-said name [topic:…] [since:…]`. */
export function usageLine(command: CommandDefinition): string {
  const parts = command.options.map((option, i) => optionUsage(option, i === 0));
  return [`/${command.name}`, ...parts].join(' ');
}

/** The `--help` of one command: what it does, its usage, its options and examples. */
export function commandHelpBlocks(command: CommandDefinition): Block[] {
  const blocks: Block[] = [
    { type: 'heading', text: `/${command.name}` },
    { type: 'text', text: command.description },
    { type: 'text', text: `Usage: ${usageLine(command)}` },
  ];
  if (command.options.length > 0) {
    const lines = command.options.map((o) => `${o.name}${o.required ? ' (required)' : ''}: ${o.description}`);
    blocks.push({ type: 'text', text: lines.join('\n') });
  }
  if (command.examples?.length)
    blocks.push({ type: 'context', text: `Examples: ${command.examples.join('   ')}` });
  if (command.requiresManage) blocks.push({ type: 'context', text: 'Needs channel-manager rights.' });
  return blocks;
}

/** Did-you-mean: the known names closest to a mistyped one. */
export function closestNames(name: string, names: readonly string[]): string[] {
  const distance = (a: string, b: string): number => {
    const row = Array.from({ length: b.length + 1 }, (_, j) => j);
    for (let i = 1; i <= a.length; i++) {
      let previous = row[0] as number;
      row[0] = i;
      for (let j = 1; j <= b.length; j++) {
        const current = row[j] as number;
        row[j] = Math.min(
          current + 1,
          (row[j - 1] as number) + 1,
          previous + (a[i - 1] === b[j - 1] ? 0 : 1),
        );
        previous = current;
      }
    }
    return row[b.length] as number;
  };
  return names
    .map((n) => ({ n, d: n.startsWith(name) || name.startsWith(n) ? 0 : distance(name, n) }))
    .filter(({ d }) => d <= 2)
    .sort((a, b) => a.d - b.d)
    .map(({ n }) => n);
}

/** The message for a command nobody knows, with a suggestion. */
export function unknownCommandMessage(name: string, commands: readonly CommandDefinition[]): string {
  const near = closestNames(
    name,
    commands.map((c) => c.name),
  );
  const hint = near.length > 0 ? `Did you mean /${near[0]}? ` : '';
  return `There is no /${name} command. ${hint}Type /help to see them all.`;
}
