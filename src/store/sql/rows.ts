import type { Claim, Figure, Quote } from '../../extract/types.ts';
import type {
  ArticleRef,
  ChannelKey,
  FeedRecord,
  Schedule,
  Subscription,
  SubscriptionMode,
} from '../port.ts';

/** A row as a driver returns it: SQLite gives numbers for instants and 0/1 for booleans, Postgres gives Dates. */
export type Row = Record<string, unknown>;

/** An instant column as a Date (epoch ms from SQLite, Date from Postgres). */
export function toDate(value: unknown): Date {
  if (value instanceof Date) return value;
  if (typeof value === 'number' || typeof value === 'bigint') return new Date(Number(value));
  if (typeof value === 'string') return new Date(/^-?\d+$/.test(value) ? Number(value) : value);
  throw new Error(`not an instant: ${String(value)}`);
}

/** A nullable instant column. */
export function toDateOrNull(value: unknown): Date | null {
  return value === null || value === undefined ? null : toDate(value);
}

/** A nullable text column. */
export function str(value: unknown): string | null {
  return value === null || value === undefined ? null : String(value);
}

/** The JSON `extra` column: fields the schema has no column for (see extraction-rows.ts). */
export function parseExtra(value: unknown): Record<string, unknown> {
  if (value === null || value === undefined || value === '') return {};
  const parsed: unknown = typeof value === 'string' ? JSON.parse(value) : value;
  return parsed !== null && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : {};
}

/** A feed row. */
export function toFeed(row: Row): FeedRecord {
  return {
    id: Number(row.id),
    url: String(row.url),
    name: str(row.name),
    global: Boolean(row.is_global),
    language: str(row.language),
    etag: str(row.etag),
    lastModified: str(row.last_modified),
    failures: Number(row.failures),
    disabled: Boolean(row.disabled),
    lastError: str(row.last_error),
    lastPolledAt: toDateOrNull(row.last_polled_at),
    nextPollAt: toDateOrNull(row.next_poll_at),
    primed: Boolean(row.primed),
  };
}

/** The channel columns (platform, workspace, channel) of a row. */
export function toChannel(row: Row): ChannelKey {
  return {
    platform: String(row.platform) as ChannelKey['platform'],
    workspace: String(row.workspace),
    channel: String(row.channel),
  };
}

/** A subscription row. */
export function toSubscription(row: Row): Subscription {
  return {
    channel: toChannel(row),
    feedId: Number(row.feed_id),
    mode: String(row.mode) as SubscriptionMode,
    backfill: Number(row.backfill),
    paused: Boolean(row.paused),
    createdAt: toDate(row.created_at),
  };
}

/** A schedule row. */
export function toSchedule(row: Row): Schedule {
  return {
    id: Number(row.id),
    channel: toChannel(row),
    cron: String(row.cron),
    timezone: String(row.timezone),
    paused: Boolean(row.paused),
    lastRunAt: toDateOrNull(row.last_run_at),
  };
}

/** A quote row. */
export function toQuote(row: Row): Quote {
  const quote: Quote = {
    ...parseExtra(row.extra),
    text: String(row.text),
    speaker: str(row.speaker),
    speakerMention: str(row.speaker_mention),
    sentence: String(row.sentence),
    start: Number(row.start_offset),
    end: Number(row.end_offset),
  };
  if (row.fragment) quote.fragment = true;
  return quote;
}

/** A claim row. */
export function toClaim(row: Row): Claim {
  return {
    ...parseExtra(row.extra),
    claimant: String(row.claimant),
    claim: String(row.claim),
    sentence: String(row.sentence),
    start: Number(row.start_offset),
    end: Number(row.end_offset),
    claimStart: Number(row.claim_start),
    claimEnd: Number(row.claim_end),
  };
}

/** A figure row. */
export function toFigure(row: Row): Figure {
  const figure: Figure = {
    ...parseExtra(row.extra),
    text: String(row.text),
    value: row.value === null || row.value === undefined ? null : Number(row.value),
    unit: str(row.unit),
    sentence: String(row.sentence),
    start: Number(row.start_offset),
    end: Number(row.end_offset),
  };
  if (row.qualifier !== null && row.qualifier !== undefined) figure.qualifier = String(row.qualifier);
  if (row.about !== null && row.about !== undefined) figure.about = String(row.about);
  if (row.equivalent_of !== null && row.equivalent_of !== undefined) {
    figure.equivalentOf = Number(row.equivalent_of);
  }
  return figure;
}

/** The article columns a search joins in (`a_title`, `a_url`, `a_first_seen`, `feed_name`). */
export function toArticleRef(row: Row): ArticleRef {
  return {
    articleId: Number(row.article_id),
    title: String(row.a_title),
    url: str(row.a_url),
    feedName: str(row.feed_name),
    firstSeen: toDate(row.a_first_seen),
  };
}
