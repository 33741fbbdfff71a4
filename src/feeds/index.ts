/**
 * The feeds module's public surface for the poller and the CLI: fetch (safe client, SSRF guard), parse
 * (decode + RSS/RDF/Atom/JSON Feed), identity, and article text.
 */
export { DEFAULT_MAX_BYTES } from './decode.ts';
export { FeedError, type FeedErrorCode, isFeedError } from './errors.ts';
export {
  articleForItem,
  articleFromItem,
  type ItemArticle,
  needsFullText,
  SHORT_TEXT_CHARS,
} from './full-text.ts';
export {
  closeFeedClients,
  FETCH_DEADLINE_MS,
  type FetchedBody,
  type FetchOptions,
  type FetchResult,
  fetchFeed,
  fetchUrl,
  MAX_REDIRECTS,
  type NotModified,
} from './http-client.ts';
export { USER_AGENT } from './http-headers.ts';
export { itemHash } from './item-hash.ts';
export { canonicalLink, type ItemIdentity, itemKeys } from './item-keys.ts';
export { itemSummary, type ParseFeedOptions, parseFeed } from './parse-feed.ts';
export { isFileSource, loadFeed } from './source.ts';
export type { Resolver } from './ssrf-guard.ts';
export type { ParsedFeed, ParsedItem } from './types.ts';
