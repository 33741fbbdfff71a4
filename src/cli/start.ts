import { parseArgs } from 'node:util';
import { startApp } from '../app/app.ts';
import { limitHeapGrowth } from '../app/heap.ts';
import { chats, parseRole, ROLES, roleProblem } from '../cluster/roles.ts';
import { type Config, colorEnabled, loadConfig, secretValues } from '../config.ts';
import { createLogger } from '../log.ts';
import { gateSignals } from '../ops/shutdown.ts';
import { CliError } from './errors.ts';

/** Help text for `briefwire start` and `briefwire chat`. */
export const START_USAGE =
  'briefwire start [--config FILE] [--db PATH] [--feed URL|FILE ...] [--role all|bot|worker]';

function chatPlatforms(config: Config): boolean {
  return Boolean(config.discord.token || config.slack.botToken);
}

/**
 * `briefwire start`: runs the bot. Every platform whose variables are set starts; with none, the terminal chat
 * owns stdout and logs go to stderr. `briefwire chat` always runs the terminal chat alone.
 */
export async function runStart(args: string[], mode: 'start' | 'chat'): Promise<void> {
  const gate = gateSignals();
  limitHeapGrowth();
  const { values, positionals } = parseArgs({
    args,
    options: {
      config: { type: 'string' },
      db: { type: 'string' },
      feed: { type: 'string', multiple: true },
      role: { type: 'string' },
    },
    allowPositionals: false,
  });
  if (positionals.length > 0) throw new CliError(`usage: ${START_USAGE}`, 2);
  const role = mode === 'chat' ? 'all' : parseRole(values.role);
  if (!role) throw new CliError(`unknown role "${values.role}": expected ${ROLES.join(', ')}`, 2);
  let config = loadConfig({ file: values.config });
  const problem = roleProblem(role, config.database.url);
  if (problem) throw new CliError(problem, 2);
  if (mode === 'chat') config = { ...config, discord: {}, slack: { managers: [] } };
  // A worker runs no chat client, so it never takes the terminal either.
  const terminal = chats(role) && !chatPlatforms(config);
  const logger = createLogger({
    level: config.log.level,
    secrets: secretValues(config),
    stderr: terminal,
    color: colorEnabled(terminal ? process.stderr : process.stdout),
  });
  await startApp({
    config,
    logger,
    dbPath: values.db,
    feeds: values.feed,
    terminal,
    gate,
    role,
    // `chat` is a session: closing it (EOF or /exit) ends the process, TTY or not.
    ...(mode === 'chat' ? { stopWhenTerminalCloses: true } : {}),
  });
  // The app runs until a signal (or the terminal chat closing) stops it.
  await new Promise<never>(() => {});
}
