import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { CliError } from './cli/errors.ts';
import { ConfigError } from './config.ts';

const HELP = `briefwire: claims, figures and quotes from the news, posted to your team chat

Usage:
  briefwire start [--config FILE] [--db PATH] [--feed URL|FILE ...]   run the bot (terminal chat when no tokens)
                  [--role all|bot|worker]                              only the chat side or the feed side (Postgres)
  briefwire chat [--config FILE] [--db PATH] [--feed URL|FILE ...]    the terminal chat alone
  briefwire extract <file|url|-> [--json]                           extract one article
  briefwire brief [--db PATH] [--feed URL|FILE ...] [--since 24h] [--topic T]   print one digest and exit
  briefwire ingest <url|file|->... [--db PATH]                      store feeds (as a poll would) and articles for the chat
  briefwire parse-feed <file|url> [--json]                          parse one feed
  briefwire deploy-commands [--guild ID]                            register the Discord slash commands
  briefwire config check [--config FILE]                            validate and print the configuration
  briefwire help                                                    this text
`;

type Runner = (args: string[]) => Promise<void>;

/** Subcommands, loaded lazily so `extract` never pays for the chat SDKs. */
const COMMANDS: Record<string, () => Promise<Runner>> = {
  extract: async () => {
    const { runExtract } = await import('./cli/extract.ts');
    return (args) => runExtract(args, process.stdout);
  },
  'parse-feed': async () => {
    const { runParseFeed } = await import('./cli/parse-feed.ts');
    return (args) => runParseFeed(args, process.stdout);
  },
  'deploy-commands': async () => {
    const { runDeployCommands } = await import('./cli/deploy-commands.ts');
    return (args) => runDeployCommands(args, process.stdout);
  },
  start: async () => {
    const { runStart } = await import('./cli/start.ts');
    return (args) => runStart(args, 'start');
  },
  chat: async () => {
    const { runStart } = await import('./cli/start.ts');
    return (args) => runStart(args, 'chat');
  },
  brief: async () => {
    const { runBrief } = await import('./cli/brief.ts');
    return (args) => runBrief(args, process.stdout);
  },
  ingest: async () => {
    const { runIngest } = await import('./cli/ingest.ts');
    return (args) => runIngest(args, process.stdout);
  },
  config: async () => {
    const { runConfigCheck } = await import('./cli/config-check.ts');
    return (args) => runConfigCheck(args, process.stdout);
  },
  help: async () => async () => {
    process.stdout.write(HELP);
  },
};

/** Runs the CLI; returns the exit code. Errors become one line on stderr, never a stack trace. */
export async function main(argv: string[]): Promise<number> {
  const [name = 'help', ...args] = argv;
  const load = COMMANDS[name === '--help' || name === '-h' ? 'help' : name];
  if (!load) {
    process.stderr.write(`briefwire: unknown command "${name}"\n\n${HELP}`);
    return 2;
  }
  try {
    await (await load())(args);
    return 0;
  } catch (error) {
    if (error instanceof CliError) {
      process.stderr.write(`briefwire ${name}: ${error.message}\n`);
      return error.exitCode;
    }
    if (error instanceof ConfigError) {
      process.stderr.write(`briefwire: ${error.message}\n`);
      return 2;
    }
    const code = (error as { code?: string }).code;
    if (code?.startsWith('ERR_PARSE_ARGS')) {
      process.stderr.write(`briefwire ${name}: ${(error as Error).message}\n`);
      return 2;
    }
    process.stderr.write(`briefwire ${name}: unexpected error: ${(error as Error).message}\n`);
    return 1;
  }
}

const invokedDirectly = process.argv[1] && realpathSync(process.argv[1]) === fileURLToPath(import.meta.url);
const viaBin = process.argv[1]?.endsWith('briefwire') || process.argv[1]?.endsWith('briefwire.js');
if (invokedDirectly || viaBin) {
  process.exitCode = await main(process.argv.slice(2));
}
