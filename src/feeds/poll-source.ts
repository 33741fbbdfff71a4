import { extractArticle } from '../extract/index.ts';
import type { FeedRecord } from '../store/port.ts';
import { articleForItem } from './full-text.ts';
import type { FetchedBody, FetchOptions } from './http-client.ts';
import { itemKeys } from './item-keys.ts';
import { parseFeed } from './parse-feed.ts';
import type { FeedFetch, FeedSource } from './poller.ts';
import { loadFeed } from './source.ts';

/** Options for {@link createFeedSource}: the fetch settings every poll uses. */
export interface FeedSourceOptions {
  maxBytes: number;
  /** Exact `ip:port` endpoints let through the SSRF guard (tests only; never set from chat). */
  allowlist?: readonly string[];
}

/**
 * Parses a fetched body as the poller does (the charset from its Content-Type, relative links against its
 * final http(s) URL) and keeps its caching hints; throws a FeedError when it is not a readable feed.
 */
export async function parseFetchedFeed(result: FetchedBody, maxBytes: number): Promise<FeedFetch> {
  const parsed = await parseFeed(result.body, {
    contentType: result.contentType,
    url: /^https?:/i.test(result.url) ? result.url : null,
    maxBytes,
  });
  return {
    status: 'ok',
    feed: parsed,
    etag: result.etag,
    lastModified: result.lastModified,
    maxAgeSeconds: result.maxAge,
  };
}

/**
 * The real feed source: config and `--feed` feeds are the operator's and trusted; feeds added from chat go
 * through the SSRF guard on every poll.
 */
export function createFeedSource(options: FeedSourceOptions): FeedSource {
  const fetchOptions = (feed: FeedRecord, signal: AbortSignal): FetchOptions => ({
    trusted: feed.global,
    maxBytes: options.maxBytes,
    allowlist: options.allowlist,
    signal,
  });
  return {
    async fetch(feed, signal) {
      const result = await loadFeed(feed.url, {
        ...fetchOptions(feed, signal),
        etag: feed.etag,
        lastModified: feed.lastModified,
      });
      if (result.status === 'not-modified') return { status: 'not-modified', maxAgeSeconds: result.maxAge };
      return parseFetchedFeed(result, options.maxBytes);
    },
    itemKeys,
    async article(item, feed, record, signal) {
      const { article } = await articleForItem(item, {
        ...fetchOptions(record, signal),
        feedLanguage: record.language ?? feed.language,
      });
      return article;
    },
    extract: extractArticle,
  };
}
