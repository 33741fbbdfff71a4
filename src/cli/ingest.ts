import { parseArgs } from 'node:util';
import { loadConfig } from '../config.ts';
import { extractArticle } from '../extract/index.ts';
import { openStore } from '../store/index.ts';
import { CliError } from './errors.ts';
import { plainFetch, toArticle } from './extract.ts';
import { readCliInput } from './input.ts';

/** Help text for `briefwire ingest`. */
export const INGEST_USAGE = 'briefwire ingest <file|url|-> [--db PATH] [--config FILE]';

/** The pseudo-feed that holds articles added by hand; the poller never fetches `manual:` feeds. */
export const MANUAL_FEED_URL = 'manual:ingest';

/** `briefwire ingest`: extracts one article and stores it, so the chat commands can find it. */
export async function runIngest(args: string[], out: NodeJS.WritableStream): Promise<void> {
  const { values, positionals } = parseArgs({
    args,
    options: { db: { type: 'string' }, config: { type: 'string' } },
    allowPositionals: true,
  });
  const source = positionals[0];
  if (!source || positionals.length > 1) throw new CliError(`usage: ${INGEST_USAGE}`, 2);
  const config = loadConfig({ file: values.config });
  const article = toArticle(await readCliInput(source, plainFetch), source);
  const extraction = extractArticle(article);
  const store = await openStore({ path: values.db ?? config.database.path, url: config.database.url });
  try {
    const feed = await store.upsertFeed({ url: MANUAL_FEED_URL, name: 'Added by hand', global: true });
    const { article: stored, status } = await store.upsertArticle({
      feedId: feed.id,
      itemKey: /^https?:/i.test(source) ? source : `file:${source}`,
      url: /^https?:/i.test(source) ? source : null,
      title: article.title,
      published: null,
      text: article.input,
      extraction,
    });
    const counts = `${extraction.claims.length} claims, ${extraction.figures.length} figures, ${extraction.quotes.length} quotes`;
    out.write(
      `${status === 'unchanged' ? 'already stored' : status}: #${stored.id} "${stored.title}" (${counts})\n`,
    );
  } finally {
    await store.close();
  }
}
