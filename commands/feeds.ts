import type { Block } from '../src/briefing/blocks.ts';
import type { FeedRecord, Subscription, SubscriptionMode } from '../src/store/port.ts';
import { text } from './support/options.ts';
import { count, publicReply, requireManage } from './support/replies.ts';
import { type CommandContext, type CommandDefinition, type CommandInput, UserError } from './types.ts';

/** Longest feed URL accepted from chat. */
export const MAX_FEED_URL_LENGTH = 2048;
/** Most subscriptions one channel may hold, unless the config says otherwise. */
export const MAX_FEEDS_PER_CHANNEL = 50;
/** Most `/feeds add` attempts per user per hour, unless the config says otherwise. */
export const MAX_ADDS_PER_USER_PER_HOUR = 10;
const HOUR = 3_600_000;
/** Most items a backfill may post on the first poll. */
export const MAX_BACKFILL = 20;

function stamp(at: Date | null): string {
  return at ? `${at.toISOString().slice(0, 16).replace('T', ' ')} UTC` : 'never';
}

function feedLine(feed: FeedRecord, sub?: Subscription): string {
  const name = feed.name ? `${feed.name} — ` : '';
  const health = feed.disabled
    ? `DISABLED after ${count(feed.failures, 'failure')}${feed.lastError ? ` (${feed.lastError})` : ''}: /feeds enable ${feed.id}`
    : `last fetch ${stamp(feed.lastPolledAt)}${feed.failures > 0 ? `, ${count(feed.failures, 'failure')}${feed.lastError ? ` (${feed.lastError})` : ''}` : ''}`;
  const mode = sub ? ` · ${sub.mode}${sub.paused ? ' (paused: /feeds resume)' : ''}` : ' · global';
  return `#${feed.id} ${name}${feed.url}${mode} · ${health}`;
}

async function list(ctx: CommandContext) {
  const subs = await ctx.store.listSubscriptions(ctx.channel);
  const blocks: Block[] = [{ type: 'heading', text: 'Feeds for this channel' }];
  const lines: string[] = [];
  for (const sub of subs) {
    const feed = await ctx.store.getFeed(sub.feedId);
    if (feed) lines.push(feedLine(feed, sub));
  }
  if (lines.length > 0) {
    blocks.push({ type: 'text', text: lines.join('\n') });
  } else {
    const globals: string[] = [];
    for (const id of ctx.globalFeedIds) {
      const feed = await ctx.store.getFeed(id);
      if (feed) globals.push(feedLine(feed));
    }
    blocks.push({
      type: 'text',
      text: `No subscriptions here, so briefings use the global feeds${globals.length > 0 ? ':' : ' (there are none yet).'}`,
    });
    if (globals.length > 0) blocks.push({ type: 'text', text: globals.join('\n') });
  }
  blocks.push({ type: 'context', text: 'Add one: /feeds add https://example.com/rss [digest|each]' });
  return publicReply(`${count(lines.length, 'feed')} subscribed here`, blocks);
}

function checkUrl(raw: string | undefined): string {
  if (!raw) throw new UserError('missing-url', "Give the feed's address: /feeds add https://example.com/rss");
  if (raw.length > MAX_FEED_URL_LENGTH) {
    throw new UserError('url-too-long', `That address is longer than ${MAX_FEED_URL_LENGTH} characters.`);
  }
  if (!URL.canParse(raw)) {
    throw new UserError(
      'bad-url',
      `"${raw}" is not a web address. Type it in full: /feeds add https://example.com/rss`,
    );
  }
  const url = new URL(raw);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new UserError(
      'bad-scheme',
      `Only http and https feeds can be added, not ${url.protocol.replace(':', '')}.`,
    );
  }
  return raw;
}

async function add(input: CommandInput, ctx: CommandContext) {
  requireManage(ctx, 'add feeds');
  const url = checkUrl(text(input.target));
  const mode = (text(input.mode) ?? 'digest') as SubscriptionMode;
  const backfill = typeof input.backfill === 'number' ? input.backfill : 0;
  if (backfill < 0 || backfill > MAX_BACKFILL) {
    throw new UserError('bad-backfill', `backfill: must be between 0 and ${MAX_BACKFILL}.`);
  }
  const maxFeeds = ctx.limits?.feedsPerChannel ?? MAX_FEEDS_PER_CHANNEL;
  const subs = await ctx.store.listSubscriptions(ctx.channel);
  const existing = await ctx.store.getFeedByUrl(url);
  const already = existing && subs.some((s) => s.feedId === existing.id);
  if (!already && subs.length >= maxFeeds) {
    throw new UserError(
      'too-many-feeds',
      `This channel already has ${count(maxFeeds, 'feed')}. Remove one first: /feeds remove <number from /feeds list>`,
    );
  }
  const maxAdds = ctx.limits?.feedAddsPerUserPerHour ?? MAX_ADDS_PER_USER_PER_HOUR;
  const { platform, workspace } = ctx.channel;
  // Each add fetches a URL a user chose: the limit is per person, counted before the fetch.
  if (
    ctx.limiter &&
    !ctx.limiter.take(`feeds-add:${platform}:${workspace}:${ctx.user.id}`, maxAdds, HOUR, ctx.now)
  ) {
    throw new UserError('rate-limited', `You can add ${maxAdds} feeds per hour. Try again later.`);
  }
  const { feedId, title } = await ctx.feeds.addFromChat(url);
  await ctx.store.subscribe({ channel: ctx.channel, feedId, mode, backfill });
  const what =
    mode === 'each'
      ? 'each new article will be posted here as it arrives'
      : 'new articles will wait for the scheduled briefing (/schedule show)';
  const first = backfill > 0 ? ` The first poll posts the latest ${count(backfill, 'item')}.` : '';
  return publicReply(`Subscribed to ${title ?? url}`, [
    {
      type: 'text',
      text: `${already ? 'Updated' : 'Subscribed to'} #${feedId} ${title ?? url}: ${what}.${first}`,
    },
    { type: 'context', text: url },
  ]);
}

/** Finds the channel's feed a user meant: `#3`, `3`, its URL or its name. */
async function resolveFeed(raw: string | undefined, ctx: CommandContext, verb: string): Promise<FeedRecord> {
  if (!raw) throw new UserError('missing-feed', `Which feed? /feeds ${verb} <number from /feeds list>`);
  const subs = await ctx.store.listSubscriptions(ctx.channel);
  const candidates = [...new Set([...subs.map((s) => s.feedId), ...ctx.globalFeedIds])];
  const feeds = (await Promise.all(candidates.map((id) => ctx.store.getFeed(id)))).filter(
    (f): f is FeedRecord => f !== null,
  );
  const id = /^#?(\d+)$/.exec(raw)?.[1];
  const wanted = raw.toLowerCase();
  const feed = feeds.find((f) =>
    id !== undefined ? f.id === Number(id) : f.url === raw || f.name?.toLowerCase() === wanted,
  );
  if (!feed) {
    throw new UserError(
      'unknown-feed',
      `This channel has no feed "${raw}". See the numbers with /feeds list.`,
    );
  }
  return feed;
}

async function remove(input: CommandInput, ctx: CommandContext) {
  requireManage(ctx, 'remove feeds');
  const feed = await resolveFeed(text(input.target), ctx, 'remove');
  const removed = await ctx.store.unsubscribe(ctx.channel, feed.id);
  if (!removed) {
    throw new UserError(
      'not-subscribed',
      `#${feed.id} is a global feed, not a subscription of this channel.`,
    );
  }
  return publicReply(`Unsubscribed from #${feed.id}`, [
    { type: 'text', text: `Unsubscribed this channel from #${feed.id} ${feed.name ?? feed.url}.` },
  ]);
}

async function enable(input: CommandInput, ctx: CommandContext) {
  requireManage(ctx, 'enable feeds');
  const feed = await resolveFeed(text(input.target), ctx, 'enable');
  await ctx.feeds.enable(feed.id);
  return publicReply(`Enabled #${feed.id}`, [
    {
      type: 'text',
      text: `Re-enabled #${feed.id} ${feed.name ?? feed.url}${feed.disabled ? '' : ' (it was not disabled)'}: it will be fetched at the next poll.`,
    },
  ]);
}

async function resume(ctx: CommandContext) {
  requireManage(ctx, 'resume this channel');
  const subs = await ctx.store.listSubscriptions(ctx.channel);
  const schedules = (await ctx.store.listSchedules()).filter(
    (s) =>
      s.channel.platform === ctx.channel.platform &&
      s.channel.workspace === ctx.channel.workspace &&
      s.channel.channel === ctx.channel.channel,
  );
  const paused = subs.some((s) => s.paused) || schedules.some((s) => s.paused);
  // A channel is paused when briefwire lost access to it; only a person can tell that access is back.
  await ctx.store.setChannelPaused(ctx.channel, false);
  await ctx.schedulesChanged?.();
  const text = paused
    ? `Resumed: this channel's ${count(subs.length, 'subscription')} and ${count(schedules.length, 'schedule')} run again. If briefwire still cannot post here, they pause again at the next post.`
    : 'Nothing here was paused.';
  return publicReply(paused ? 'Resumed this channel' : 'Nothing was paused', [{ type: 'text', text }]);
}

/** `/feeds`: list, add, remove or re-enable this channel's feed subscriptions, or resume a paused channel. */
export const feeds = {
  name: 'feeds',
  description:
    "This channel's feeds: list them with their health, add one (digest: wait for the briefing; each: post every new article), remove or re-enable one, or resume the channel after briefwire lost access to it. Changes need channel-manager rights.",
  options: [
    {
      name: 'action',
      description: 'list, add, remove, enable or resume',
      type: 'string',
      choices: ['list', 'add', 'remove', 'enable', 'resume'],
    },
    {
      name: 'target',
      description: 'For add: the feed URL. For remove/enable: its number from /feeds list',
      type: 'string',
    },
    { name: 'mode', description: 'digest (default) or each', type: 'string', choices: ['digest', 'each'] },
    {
      name: 'backfill',
      description: 'For add: how many existing items the first poll posts (default 0)',
      type: 'integer',
    },
  ],
  examples: [
    '/feeds list',
    '/feeds add https://example.com/rss each',
    '/feeds remove 3',
    '/feeds enable 3',
    '/feeds resume',
  ],
  async run(input, ctx) {
    switch (text(input.action) ?? 'list') {
      case 'add':
        return add(input, ctx);
      case 'remove':
        return remove(input, ctx);
      case 'enable':
        return enable(input, ctx);
      case 'resume':
        return resume(ctx);
      default:
        return list(ctx);
    }
  },
} satisfies CommandDefinition;
