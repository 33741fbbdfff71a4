import { parseArgs } from 'node:util';
import { parseSince } from '../../commands/support/since.ts';
import { UserError } from '../../commands/types.ts';
import { registerGlobalFeeds } from '../app/global-feeds.ts';
import { briefChannel } from '../briefing/channel.ts';
import { TERMINAL_CHANNEL } from '../chat/terminal/adapter.ts';
import { renderReplyText } from '../chat/text-render.ts';
import { loadConfig } from '../config.ts';
import { createFeedSource } from '../feeds/poll-source.ts';
import { FeedPoller } from '../feeds/poller.ts';
import { silentLogger } from '../log.ts';
import { openStore } from '../store/index.ts';
import { CliError } from './errors.ts';

/** Help text for `briefwire brief`. */
export const BRIEF_USAGE =
  'briefwire brief [--config FILE] [--db PATH] [--feed URL|FILE ...] [--since 24h] [--topic T]';

/** `briefwire brief`: polls the global feeds once, prints one digest as text, and exits. */
export async function runBrief(args: string[], out: NodeJS.WritableStream): Promise<void> {
  const { values, positionals } = parseArgs({
    args,
    options: {
      config: { type: 'string' },
      db: { type: 'string' },
      feed: { type: 'string', multiple: true },
      since: { type: 'string' },
      topic: { type: 'string' },
    },
  });
  if (positionals.length > 0) throw new CliError(`usage: ${BRIEF_USAGE}`, 2);
  const config = loadConfig({ file: values.config });
  const now = new Date();
  let since: Date | undefined;
  try {
    since = values.since ? parseSince(values.since, now) : undefined;
  } catch (error) {
    if (error instanceof UserError) throw new CliError(`--since: ${error.message}`, 2);
    throw error;
  }
  const store = await openStore({ path: values.db ?? config.database.path, url: config.database.url });
  try {
    const cliFeeds = (values.feed ?? []).map((url) => ({ url }));
    const globalFeedIds = await registerGlobalFeeds(store, [...config.feeds, ...cliFeeds]);
    const poller = new FeedPoller({
      store,
      logger: silentLogger,
      source: createFeedSource({ maxBytes: config.poll.maxBodyBytes }),
      intervalSeconds: config.poll.intervalSeconds,
      maxFailures: config.poll.maxFailures,
      concurrency: config.poll.concurrency,
      perHostConcurrency: config.poll.perHostConcurrency,
    });
    await poller.drain();
    const reply = await briefChannel(store, TERMINAL_CHANNEL, {
      // After the poll: the articles it just stored were first seen after `now`.
      now: new Date(),
      globalFeedIds,
      ...(since ? { since } : {}),
      ...(values.topic ? { topic: values.topic } : {}),
    });
    out.write(`${renderReplyText(reply)}\n`);
  } finally {
    await store.close();
  }
}
