import { resolve } from 'node:path';
import type { Config } from '../config.ts';
import { extractArticle } from '../extract/index.ts';
import { isFeedError } from '../feeds/errors.ts';
import type { FetchedBody } from '../feeds/http-client.ts';
import { createFeedSource, parseFetchedFeed } from '../feeds/poll-source.ts';
import { type FeedFetch, FeedPoller, type FeedSource, type PollOutcome } from '../feeds/poller.ts';
import { isFileSource, loadFeed, localBody } from '../feeds/source.ts';
import type { Logger } from '../log.ts';
import type { Store, StoredArticle, UpsertStatus } from '../store/port.ts';
import { CliError } from './errors.ts';
import { toArticle } from './extract.ts';
import type { CliInput } from './input.ts';

/** The pseudo-feed that holds articles added by hand; the poller never fetches `manual:` feeds. */
export const MANUAL_FEED_URL = 'manual:ingest';

/** What ingesting one source did: a feed polled, an article stored, or why neither happened. */
export type IngestResult =
  | { kind: 'feed'; source: string; name: string; outcome: PollOutcome; ms: number }
  | {
      kind: 'article';
      source: string;
      status: UpsertStatus;
      article: StoredArticle;
      counts: { claims: number; figures: number; quotes: number };
      ms: number;
    }
  | { kind: 'failed'; source: string; error: string };

/** Ingests CLI sources (the operator's, so trusted, files included) into a store. */
export interface Ingester {
  ingest(source: string): Promise<IngestResult>;
}

// Names that say "an article" outright; anything else is parsed first and is an article only if not a feed.
const ARTICLE_FILE = /\.(txt|text|md|x?html?)$/i;

async function readStdin(): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function articleInput(source: string, fetched: FetchedBody): CliInput {
  if (/^https?:/i.test(fetched.url)) {
    const type = fetched.contentType ?? '';
    return { bytes: fetched.body, url: fetched.url, kind: /text\/plain/i.test(type) ? 'text' : 'html' };
  }
  const kind = /\.x?html?$/i.test(source) ? 'html' : /\.(txt|text|md)$/i.test(source) ? 'text' : 'unknown';
  return { bytes: fetched.body, kind };
}

function reason(source: string, error: unknown): string {
  const message = (error as Error).message ?? String(error);
  return message.startsWith(`${source}: `) ? message.slice(source.length + 2) : message;
}

/**
 * An ingester over the poller's own per-feed path: a source whose bytes parse as a feed becomes a global
 * feed and goes through {@link FeedPoller.poll} (item keys, dedupe, full text, extraction, one batch write,
 * feed state); anything else is read as one article into the `manual:ingest` feed, as before.
 */
export function createIngester(store: Store, config: Config, logger: Logger): Ingester {
  const maxBytes = config.poll.maxBodyBytes;
  const real = createFeedSource({ maxBytes });
  // The CLI already fetched and parsed the source to tell a feed from an article: the poll reuses that copy.
  const fetched = new Map<number, FeedFetch>();
  const source: FeedSource = {
    ...real,
    fetch(feed, signal) {
      const copy = fetched.get(feed.id);
      fetched.delete(feed.id);
      return copy ? Promise.resolve(copy) : real.fetch(feed, signal);
    },
  };
  const poller = new FeedPoller({
    store,
    source,
    logger,
    intervalSeconds: config.poll.intervalSeconds,
    maxFailures: config.poll.maxFailures,
    concurrency: 1,
    perHostConcurrency: 1,
  });

  async function ingestFeed(name: string, copy: FeedFetch, started: number): Promise<IngestResult> {
    // A file feed is stored by absolute path, so `briefwire start` finds it from any directory.
    const url = isFileSource(name) && !/^file:/i.test(name) ? resolve(name) : name;
    const record = await store.upsertFeed({ url, global: true });
    fetched.set(record.id, copy);
    const outcome = await poller.poll(record);
    const title = outcome.status === 'ok' ? outcome.title : '';
    return {
      kind: 'feed',
      source: name,
      name: record.name ?? (title || name),
      outcome,
      ms: performance.now() - started,
    };
  }

  async function ingestArticle(name: string, input: CliInput, started: number): Promise<IngestResult> {
    const article = toArticle(input, name);
    const extraction = extractArticle(article);
    const feed = await store.upsertFeed({ url: MANUAL_FEED_URL, name: 'Added by hand', global: true });
    const { article: stored, status } = await store.upsertArticle({
      feedId: feed.id,
      itemKey: input.url ?? `file:${name}`,
      url: input.url ?? null,
      title: article.title,
      published: null,
      text: article.input,
      extraction,
    });
    return {
      kind: 'article',
      source: name,
      status,
      article: stored,
      counts: {
        claims: extraction.claims.length,
        figures: extraction.figures.length,
        quotes: extraction.quotes.length,
      },
      ms: performance.now() - started,
    };
  }

  return {
    async ingest(name) {
      const started = performance.now();
      try {
        const body =
          name === '-'
            ? localBody('-', await readStdin())
            : await loadFeed(name, { trusted: true, maxBytes });
        if (body.status !== 'ok') throw new CliError('not modified');
        if (ARTICLE_FILE.test(name) && isFileSource(name))
          return await ingestArticle(name, articleInput(name, body), started);
        let copy: FeedFetch;
        try {
          copy = await parseFetchedFeed(body, maxBytes);
        } catch (error) {
          // Not a feed at all (a text file, a web page): an article. A broken or unsafe feed is a failure.
          const json = /^\s*[[{]/.test(body.body.subarray(0, 64).toString('latin1'));
          if (!isFeedError(error) || error.code !== 'not-a-feed' || json) throw error;
          return await ingestArticle(name, articleInput(name, body), started);
        }
        // A feed is stored to be polled again, which needs somewhere to poll it from.
        if (name === '-')
          throw new CliError('a feed cannot come from standard input: name its file or URL instead');
        return await ingestFeed(name, copy, started);
      } catch (error) {
        if (!isFeedError(error) && !(error instanceof CliError))
          logger.error({ err: error }, 'ingest failed');
        return { kind: 'failed', source: name, error: reason(name, error) };
      }
    },
  };
}
