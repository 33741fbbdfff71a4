import { brief } from './brief.ts';
import { claims } from './claims.ts';
import { feeds } from './feeds.ts';
import { figures } from './figures.ts';
import { help } from './help.ts';
import { quotes } from './quotes.ts';
import { schedule } from './schedule.ts';
import type { CommandDefinition } from './types.ts';
import { whoSaid } from './who-said.ts';

/** Every slash command, listed explicitly: Discord registration, Slack and the terminal all read this. */
export const commands: readonly CommandDefinition[] = [
  brief,
  claims,
  whoSaid,
  quotes,
  figures,
  feeds,
  schedule,
  help,
];

/** A command by name, or undefined. */
export function findCommand(name: string): CommandDefinition | undefined {
  return commands.find((c) => c.name === name);
}

export { parseCommandArgs, parseCommandLine } from './parse-text.ts';
export type { CommandContext, CommandDefinition, CommandInput, FeedService } from './types.ts';
export { UserError } from './types.ts';
