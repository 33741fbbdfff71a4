import type { Readable } from 'node:stream';
import { Agent, type Dispatcher, request } from 'undici';
import { normaliseAllowlist } from './address-policy.ts';
import { DEFAULT_MAX_BYTES } from './decode.ts';
import { FeedError } from './errors.ts';
import { readCappedBody } from './http-body.ts';
import { headerValue, parseMaxAge, parseRetryAfter, USER_AGENT } from './http-headers.ts';
import { checkUntrustedUrl, createGuardedAgent, type Resolver } from './ssrf-guard.ts';

/** The overall deadline for one fetch, redirects and slow bodies included. */
export const FETCH_DEADLINE_MS = 15_000;
/** Redirect hops followed before giving up. */
export const MAX_REDIRECTS = 5;

const FEED_ACCEPT =
  'application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, text/xml;q=0.9, application/json;q=0.8, */*;q=0.5';
const PAGE_ACCEPT = 'text/html, application/xhtml+xml;q=0.9, */*;q=0.5';

/** How to fetch one URL. `trusted` is true only for the operator's URLs (config file, CLI flags). */
export interface FetchOptions {
  /** Operator URLs skip the SSRF guard; URLs from chat never set this. */
  trusted: boolean;
  /** Validators from the last 200, sent back exactly. */
  etag?: string | null;
  lastModified?: string | null;
  /** Exact `ip:port` endpoints let through the guard: for tests only, never reachable from chat. */
  allowlist?: readonly string[];
  /** Replaces DNS resolution (tests of DNS rebinding). */
  resolve?: Resolver;
  /** Cap on the decoded body (default 10 MiB, config `poll.maxBodyBytes`). */
  maxBytes?: number;
  /** Cancels the fetch (shutdown). */
  signal?: AbortSignal;
  /** Overall deadline (default 15 s). */
  deadlineMs?: number;
  /** What to ask for: a feed (default) or a web page. */
  accept?: 'feed' | 'page';
  /** Clock for Retry-After, replaceable in tests. */
  now?: () => number;
}

/** A fetched body with the validators and caching hints the poller stores. */
export interface FetchedBody {
  status: 'ok';
  /** The final URL after redirects. */
  url: string;
  httpStatus: number;
  body: Buffer;
  contentType: string | null;
  headers: Record<string, string>;
  etag: string | null;
  lastModified: string | null;
  /** `Cache-Control: max-age` in seconds, or null. */
  maxAge: number | null;
  /** `Retry-After` as an absolute time (some servers send it with a 200), or null. */
  retryAfter: Date | null;
}

/** A 304: the feed is unchanged, nothing to parse or store. */
export interface NotModified {
  status: 'not-modified';
  url: string;
  etag: string | null;
  lastModified: string | null;
  maxAge: number | null;
}

/** What a fetch returns; every failure is thrown as a FeedError with a stable code. */
export type FetchResult = FetchedBody | NotModified;

let trustedAgent: Agent | undefined;
let guardedAgent: Agent | undefined;

function flattenHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    const text = headerValue(value);
    if (text !== null) out[name.toLowerCase()] = text;
  }
  return out;
}

/** One fetch's cancellation: its overall deadline, or the caller's signal (shutdown), whichever comes first. */
interface FetchAbort {
  signal: AbortSignal;
  readonly timedOut: boolean;
  /** Clears the timer and the listener, so nothing of a finished fetch outlives it. */
  dispose(): void;
}

/**
 * A plain controller and timer rather than `AbortSignal.timeout` + `AbortSignal.any`: those keep every
 * fetch's signal and timer alive for the whole deadline (and register it on the poller's long-lived signal),
 * which at hundreds of fetches a second fills the old generation with dead fetches.
 */
function fetchAbort(deadlineMs: number, outer: AbortSignal | undefined): FetchAbort {
  const controller = new AbortController();
  const state = { timedOut: false };
  const timer = setTimeout(() => {
    state.timedOut = true;
    controller.abort(new DOMException('fetch deadline passed', 'TimeoutError'));
  }, deadlineMs);
  timer.unref();
  const onAbort = () => controller.abort(outer?.reason);
  if (outer?.aborted) onAbort();
  else outer?.addEventListener('abort', onAbort, { once: true });
  return {
    signal: controller.signal,
    get timedOut() {
      return state.timedOut;
    },
    dispose() {
      clearTimeout(timer);
      outer?.removeEventListener('abort', onAbort);
    },
  };
}

function networkError(error: unknown, url: string, abort: FetchAbort, ms: number): FeedError {
  if (error instanceof FeedError) return error;
  const cause = (error as { cause?: unknown }).cause;
  if (cause instanceof FeedError) return cause;
  if (abort.timedOut) return new FeedError('timeout', `no complete answer within ${ms / 1000} s`, { url });
  const name = (error as Error).name;
  if (name === 'AbortError' || (error as { code?: string }).code === 'UND_ERR_ABORTED')
    return new FeedError('aborted', 'fetch cancelled', { url });
  const code = (error as { code?: string }).code ?? (cause as { code?: string } | undefined)?.code ?? '';
  if (/CERT|SSL|TLS|ERR_TLS/i.test(code))
    return new FeedError('tls', `TLS error (${code})`, { url, cause: error });
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN')
    return new FeedError('network', `host not found (${code})`, { url, cause: error });
  return new FeedError('network', `unreachable (${code || (error as Error).message})`, { url, cause: error });
}

/**
 * Fetches a URL with the safe client: 15 s overall deadline, at most 5 redirects (each hop checked), body
 * capped after decompression, conditional GET, and for untrusted URLs the SSRF guard on every hop and on
 * the address actually connected to.
 */
export async function fetchUrl(rawUrl: string, options: FetchOptions): Promise<FetchResult> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const deadlineMs = options.deadlineMs ?? FETCH_DEADLINE_MS;
  const abort = fetchAbort(deadlineMs, options.signal);
  const signal = abort.signal;
  const now = options.now ?? Date.now;
  const allowlist = normaliseAllowlist(options.allowlist);
  const custom = !options.trusted && (options.allowlist?.length || options.resolve);
  let dispatcher: Dispatcher;
  if (options.trusted) dispatcher = trustedAgent ??= new Agent();
  else if (custom)
    dispatcher = createGuardedAgent({ allowlist: options.allowlist, resolve: options.resolve });
  else dispatcher = guardedAgent ??= createGuardedAgent();
  try {
    let url: URL;
    try {
      url = new URL(rawUrl);
    } catch {
      throw new FeedError('invalid-url', `not a valid URL: ${rawUrl}`);
    }
    for (let hop = 0; ; hop++) {
      if (options.trusted) {
        if (url.protocol !== 'http:' && url.protocol !== 'https:')
          throw new FeedError('blocked', `cannot fetch ${url.protocol} URLs`, { url: url.href });
      } else checkUntrustedUrl(url, allowlist);
      const headers: Record<string, string> = {
        'user-agent': USER_AGENT,
        accept: options.accept === 'page' ? PAGE_ACCEPT : FEED_ACCEPT,
        'accept-encoding': 'gzip, deflate, br',
      };
      if (options.etag) headers['if-none-match'] = options.etag;
      if (options.lastModified) headers['if-modified-since'] = options.lastModified;
      let response: Dispatcher.ResponseData;
      try {
        response = await request(url, { method: 'GET', headers, dispatcher, signal });
      } catch (error) {
        throw networkError(error, url.href, abort, deadlineMs);
      }
      const responseHeaders = flattenHeaders(response.headers);
      const status = response.statusCode;
      const location = responseHeaders.location;
      if ([301, 302, 303, 307, 308].includes(status) && location) {
        await response.body.dump().catch(() => undefined);
        if (hop >= MAX_REDIRECTS)
          throw new FeedError('too-many-redirects', `more than ${MAX_REDIRECTS} redirects`, {
            url: url.href,
          });
        try {
          url = new URL(location, url);
        } catch {
          throw new FeedError('invalid-url', `redirect to an invalid URL: ${location}`, { url: url.href });
        }
        continue;
      }
      const etag = responseHeaders.etag ?? null;
      const lastModified = responseHeaders['last-modified'] ?? null;
      const maxAge = parseMaxAge(responseHeaders['cache-control'] ?? null);
      if (status === 304) {
        await response.body.dump().catch(() => undefined);
        return {
          status: 'not-modified',
          url: url.href,
          etag: etag ?? options.etag ?? null,
          lastModified: lastModified ?? options.lastModified ?? null,
          maxAge,
        };
      }
      const retryAfter = parseRetryAfter(responseHeaders['retry-after'] ?? null, now());
      if (status < 200 || status >= 300) {
        await response.body.dump().catch(() => undefined);
        const wait =
          (status === 429 || status === 503) && retryAfter ? `; retry after ${retryAfter.toISOString()}` : '';
        throw new FeedError('http-status', `HTTP ${status}${wait}`, {
          status,
          url: url.href,
          retryAfter: status === 429 || status === 503 ? retryAfter : null,
        });
      }
      const encoding = responseHeaders['content-encoding'] ?? null;
      const length = Number(responseHeaders['content-length']);
      if (!encoding && Number.isFinite(length) && length > maxBytes) {
        response.body.destroy();
        throw new FeedError('too-large', `body of ${length} bytes is larger than the ${maxBytes}-byte cap`, {
          url: url.href,
        });
      }
      let body: Buffer;
      try {
        body = await readCappedBody(response.body as unknown as Readable, encoding, maxBytes);
      } catch (error) {
        response.body.destroy();
        throw networkError(error, url.href, abort, deadlineMs);
      }
      return {
        status: 'ok',
        url: url.href,
        httpStatus: status,
        body,
        contentType: responseHeaders['content-type'] ?? null,
        headers: responseHeaders,
        etag,
        lastModified,
        maxAge,
        retryAfter,
      };
    }
  } finally {
    abort.dispose();
    if (custom) await (dispatcher as Agent).close().catch(() => undefined);
  }
}

/** Fetches a feed URL with the safe client (see fetchUrl); asks for feed formats. */
export function fetchFeed(url: string, options: FetchOptions): Promise<FetchResult> {
  return fetchUrl(url, { ...options, accept: options.accept ?? 'feed' });
}

/** Closes the shared connection pools (graceful shutdown). */
export async function closeFeedClients(): Promise<void> {
  await Promise.all([trustedAgent?.close(), guardedAgent?.close()]);
  trustedAgent = undefined;
  guardedAgent = undefined;
}
