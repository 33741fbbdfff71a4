import { parseArgs } from 'node:util';
import { loadConfig, secretValues } from '../config.ts';
import { closeFeedClients } from '../feeds/http-client.ts';
import { createLogger } from '../log.ts';
import { openStore } from '../store/index.ts';
import { CliError } from './errors.ts';
import { createIngester, type IngestResult } from './ingest-source.ts';

export { MANUAL_FEED_URL } from './ingest-source.ts';

/** Help text for `briefwire ingest`. */
export const INGEST_USAGE = 'briefwire ingest <url|file|->... [--db PATH] [--config FILE]';

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** The progress line for one source. */
export function progressLine(result: IngestResult): string {
  const ms = `${Math.round(result.kind === 'failed' ? 0 : result.ms)} ms`;
  if (result.kind === 'failed') return `failed ${result.source}: ${result.error}`;
  if (result.kind === 'article') {
    const { claims, figures, quotes } = result.counts;
    const counts = `${claims} claims, ${figures} figures, ${quotes} quotes`;
    const status = result.status === 'unchanged' ? 'already stored' : result.status;
    return `${status}: #${result.article.id} "${result.article.title}" (${counts})`;
  }
  const { outcome } = result;
  if (outcome.status === 'ok')
    return `ingested ${result.name}: ${plural(outcome.items, 'item')}, ${outcome.fresh} new, ${outcome.updated} updated, ${ms}`;
  if (outcome.status === 'not-modified') return `ingested ${result.name}: not modified, ${ms}`;
  if (outcome.status === 'aborted') return `failed ${result.source}: interrupted`;
  return `failed ${result.source}: ${outcome.error}`;
}

function failed(result: IngestResult): boolean {
  return (
    result.kind === 'failed' ||
    (result.kind === 'feed' && (result.outcome.status === 'failed' || result.outcome.status === 'aborted'))
  );
}

/** The closing line: what every source added up to. */
export function summaryLine(results: IngestResult[], seconds: number): string {
  let feeds = 0;
  let items = 0;
  let fresh = 0;
  let updated = 0;
  let articles = 0;
  for (const result of results) {
    if (failed(result)) continue;
    if (result.kind === 'article') articles++;
    if (result.kind !== 'feed') continue;
    feeds++;
    if (result.outcome.status !== 'ok') continue;
    items += result.outcome.items;
    fresh += result.outcome.fresh;
    updated += result.outcome.updated;
  }
  const failures = results.filter(failed).length;
  return (
    `done: ${plural(feeds, 'feed')} (${plural(items, 'item')}, ${fresh} new, ${updated} updated), ` +
    `${plural(articles, 'article')}, ${failures} failed, ${seconds.toFixed(1)} s`
  );
}

/**
 * `briefwire ingest`: each source that parses as a feed (RSS, RDF, Atom, JSON Feed) is stored as a global
 * feed through the poller's own path; any other source is extracted as one article. One line per source on
 * stdout, then a summary; a failed source does not stop the others, but makes the exit code 1.
 */
export async function runIngest(args: string[], out: NodeJS.WritableStream): Promise<void> {
  const { values, positionals } = parseArgs({
    args,
    options: { db: { type: 'string' }, config: { type: 'string' } },
    allowPositionals: true,
  });
  if (positionals.length === 0) throw new CliError(`usage: ${INGEST_USAGE}`, 2);
  if (positionals.filter((p) => p === '-').length > 1)
    throw new CliError('standard input (-) can be named only once', 2);
  const config = loadConfig({ file: values.config });
  const logger = createLogger({ level: config.log.level, secrets: secretValues(config), stderr: true });
  const store = await openStore({
    path: values.db ?? config.database.path,
    url: config.database.url,
    schema: config.database.schema,
  });
  const started = performance.now();
  const results: IngestResult[] = [];
  try {
    const ingester = createIngester(store, config, logger);
    // The same source twice would only poll the same feed twice.
    for (const source of new Set(positionals)) {
      const result = await ingester.ingest(source);
      results.push(result);
      out.write(`${progressLine(result)}\n`);
    }
  } finally {
    await closeFeedClients();
    await store.close();
  }
  out.write(`${summaryLine(results, (performance.now() - started) / 1000)}\n`);
  const failures = results.filter(failed).length;
  if (failures > 0) throw new CliError(`${failures} of ${plural(results.length, 'source')} failed`);
}
