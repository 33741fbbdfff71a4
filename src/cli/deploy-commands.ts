import { parseArgs } from 'node:util';
import { REST, Routes } from 'discord.js';
import type { CommandDefinition } from '../../commands/types.ts';
import { toDiscordCommands } from '../chat/discord/command-data.ts';
import { loadConfig } from '../config.ts';
import { CliError } from './errors.ts';

/** Help text for `briefwire deploy-commands`. */
export const DEPLOY_COMMANDS_USAGE = 'briefwire deploy-commands [--guild ID] [--config FILE]';

/**
 * `briefwire deploy-commands`: registers the slash commands with Discord, globally or for one guild (instant,
 * for testing). Derived from the one command definition list; never run at start-up.
 */
export async function runDeployCommands(
  args: string[],
  out: NodeJS.WritableStream,
  definitions?: readonly CommandDefinition[],
): Promise<void> {
  const { values, positionals } = parseArgs({
    args,
    options: { guild: { type: 'string' }, config: { type: 'string' } },
    allowPositionals: true,
  });
  if (positionals.length > 0) throw new CliError(`usage: ${DEPLOY_COMMANDS_USAGE}`, 2);
  if (values.guild !== undefined && !/^\d{5,25}$/.test(values.guild))
    throw new CliError(`--guild expects a numeric guild id, not "${values.guild}"`, 2);
  const config = loadConfig(values.config ? { file: values.config } : {});
  const { token, applicationId, apiUrl } = config.discord;
  if (!token || !applicationId)
    throw new CliError('set DISCORD_TOKEN and DISCORD_APPLICATION_ID to register the Discord commands', 2);
  const list = definitions ?? (await import('../../commands/index.ts')).commands;
  const body = toDiscordCommands(list);
  const rest = new REST(apiUrl ? { api: apiUrl.replace(/\/+$/, '') } : {}).setToken(token);
  const route = values.guild
    ? Routes.applicationGuildCommands(applicationId, values.guild)
    : Routes.applicationCommands(applicationId);
  try {
    await rest.put(route, { body });
  } catch (error) {
    throw new CliError(`Discord refused the commands: ${(error as Error).message}`);
  }
  const where = values.guild
    ? `guild ${values.guild} (available now)`
    : 'every guild (may take up to an hour)';
  out.write(`Registered ${body.length} commands for ${where}: ${body.map((c) => `/${c.name}`).join(' ')}\n`);
}
