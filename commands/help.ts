import type { Block } from '../src/briefing/blocks.ts';
import { brief } from './brief.ts';
import { claims } from './claims.ts';
import { feeds } from './feeds.ts';
import { figures } from './figures.ts';
import { quotes } from './quotes.ts';
import { schedule } from './schedule.ts';
import { text } from './support/options.ts';
import { privateReply } from './support/replies.ts';
import { commandHelpBlocks, unknownCommandMessage, usageLine } from './support/usage.ts';
import { type CommandDefinition, UserError } from './types.ts';
import { whoSaid } from './who-said.ts';

/** The commands /help explains, in the order a new user needs them (index.ts lists the same set). */
const DOCUMENTED: readonly CommandDefinition[] = [brief, claims, whoSaid, quotes, figures, feeds, schedule];

/** `/help`: what each command does, with examples; `/help who-said` (or `/who-said --help`) for one. */
export const help = {
  name: 'help',
  description: 'What each command does, with examples. /help <command> for one command in detail.',
  options: [{ name: 'command', description: 'One command to explain, e.g. who-said', type: 'string' }],
  examples: ['/help', '/help who-said', '/figures --help'],
  async run(input) {
    const all: readonly CommandDefinition[] = [...DOCUMENTED, help];
    const wanted = text(input.command)?.replace(/^\//, '').toLowerCase();
    if (wanted) {
      const command = all.find((c) => c.name === wanted);
      if (!command) throw new UserError('unknown-command', unknownCommandMessage(wanted, all));
      return privateReply(`/${command.name}: ${command.description}`, commandHelpBlocks(command));
    }
    const blocks: Block[] = [
      {
        type: 'heading',
        text: 'briefwire: claims, figures and quotes from the news, with the source to check them',
      },
    ];
    for (const command of all) {
      blocks.push({ type: 'text', text: `${usageLine(command)}\n${command.description}` });
      if (command.examples?.length) blocks.push({ type: 'context', text: command.examples.join('   ') });
      blocks.push({ type: 'divider' });
    }
    blocks.push({
      type: 'context',
      text: 'Values with spaces go in quotes: /claims "European defense". since: takes 30m, 24h, 7d, 2w or a date. Add --help to any command for details.',
    });
    return privateReply('briefwire commands', blocks);
  },
} satisfies CommandDefinition;
