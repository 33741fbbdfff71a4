import type { SearchFilter } from '../../src/store/port.ts';
import type { CommandContext, CommandInput } from '../types.ts';
import { text } from './options.ts';
import { parseSince } from './since.ts';
import { queryFeedIds } from './tenancy.ts';

/** How many hits a query command shows. */
export const QUERY_LIMIT = 10;

/** The search filter for a query command: tenancy feeds, topic, since. */
export async function queryFilter(
  input: CommandInput,
  ctx: CommandContext,
): Promise<SearchFilter & { feedIds: number[] }> {
  const topic = text(input.topic);
  const since = text(input.since);
  return {
    feedIds: await queryFeedIds(ctx),
    limit: QUERY_LIMIT,
    ...(topic ? { topic } : {}),
    ...(since ? { since: parseSince(since, ctx.now) } : {}),
  };
}

/** " about X since 7d" for headings and empty results. */
export function describeFilter(input: CommandInput): string {
  const topic = text(input.topic);
  const since = text(input.since);
  return `${topic ? ` about "${topic}"` : ''}${since ? ` since ${since}` : ''}`;
}

/** What to try when a query found nothing. */
export function broaden(input: CommandInput, example: string): string {
  if (text(input.since)) return 'a longer window (since:2w) or leaving since: out';
  if (text(input.topic)) return `another topic, or none (${example})`;
  return '/feeds list to see which feeds this channel reads, or /brief';
}
