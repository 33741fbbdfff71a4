/** Stable codes for everything that can go wrong with one feed; the poller keys backoff and notices on them. */
export type FeedErrorCode =
  | 'invalid-url'
  | 'blocked'
  | 'timeout'
  | 'aborted'
  | 'too-large'
  | 'too-many-redirects'
  | 'http-status'
  | 'network'
  | 'tls'
  | 'file'
  | 'decode'
  | 'parse'
  | 'unsafe'
  | 'not-a-feed';

/** Extra facts some errors carry: the HTTP status, and when the server asked us to come back. */
export interface FeedErrorDetails {
  status?: number;
  retryAfter?: Date | null;
  url?: string;
  cause?: unknown;
}

/** A failure of one feed, with a stable code and a one-line message fit for a chat notice. */
export class FeedError extends Error {
  readonly status?: number;
  readonly retryAfter: Date | null;
  readonly url?: string;

  constructor(
    readonly code: FeedErrorCode,
    message: string,
    details: FeedErrorDetails = {},
  ) {
    // One line, always: these messages end up on stderr and in chat notices.
    super(
      message.replace(/\s+/g, ' ').trim(),
      details.cause === undefined ? undefined : { cause: details.cause },
    );
    this.name = 'FeedError';
    this.status = details.status;
    this.retryAfter = details.retryAfter ?? null;
    this.url = details.url;
  }
}

/** Whether a value is a FeedError (also across module copies). */
export function isFeedError(error: unknown): error is FeedError {
  return error instanceof FeedError || (error as { name?: string } | null)?.name === 'FeedError';
}
