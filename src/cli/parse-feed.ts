import { parseArgs } from 'node:util';
import { isFeedError } from '../feeds/errors.ts';
import { closeFeedClients } from '../feeds/http-client.ts';
import { itemKeys } from '../feeds/item-keys.ts';
import { itemSummary, parseFeed } from '../feeds/parse-feed.ts';
import { isFileSource, loadFeed } from '../feeds/source.ts';
import { CliError } from './errors.ts';

/** Help text for `briefwire parse-feed`. */
export const PARSE_FEED_USAGE = 'briefwire parse-feed <file|url> [--json]';

/** `briefwire parse-feed`: parses one feed (the operator's, so trusted) and prints its items. */
export async function runParseFeed(args: string[], out: NodeJS.WriteStream): Promise<void> {
  const { values, positionals } = parseArgs({
    args,
    options: { json: { type: 'boolean' } },
    allowPositionals: true,
  });
  const source = positionals[0];
  if (!source || positionals.length > 1) throw new CliError(`usage: ${PARSE_FEED_USAGE}`, 2);
  try {
    const fetched = await loadFeed(source, { trusted: true });
    if (fetched.status !== 'ok') throw new CliError(`${source}: not modified`);
    const feed = await parseFeed(fetched.body, {
      contentType: fetched.contentType,
      url: isFileSource(source) ? null : fetched.url,
    });
    const keys = itemKeys(feed.items);
    const items = feed.items.map((item, index) => ({
      id: keys[index]?.key,
      title: item.title,
      link: item.link,
      published: item.published,
      summary: itemSummary(item),
    }));
    if (values.json) {
      out.write(`${JSON.stringify({ title: feed.title, items }, null, 2)}\n`);
      return;
    }
    const lines = [
      `${feed.title || '(untitled feed)'}: ${items.length} item${items.length === 1 ? '' : 's'}`,
    ];
    for (const item of items) {
      lines.push(`- ${item.title || '(untitled)'}${item.published ? `  [${item.published}]` : ''}`);
      if (item.link) lines.push(`  ${item.link}`);
    }
    out.write(`${lines.join('\n')}\n`);
  } catch (error) {
    if (isFeedError(error)) throw new CliError(`${source}: ${error.message}`);
    throw error;
  } finally {
    await closeFeedClients();
  }
}
