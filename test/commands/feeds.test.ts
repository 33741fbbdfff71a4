import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MAX_FEEDS_PER_CHANNEL } from '../../commands/feeds.ts';
import { UserError } from '../../commands/types.ts';
import { A1, A2, makeWorld, replyText, type World } from './world.ts';

let world: World;
beforeEach(async () => {
  world = await makeWorld();
});
afterEach(async () => {
  await world.store.close();
});

async function refusal(promise: Promise<unknown>): Promise<UserError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof UserError) return error;
    throw error;
  }
  throw new Error('expected a UserError');
}

describe('/feeds list', () => {
  it('given a subscribed feed that failed, then list shows its health', async () => {
    await world.store.updateFeedState(world.feedA, {
      failures: 3,
      lastError: 'HTTP 503',
      lastPolledAt: new Date('2026-11-27T11:30:00Z'),
    });
    const reply = await world.run('/feeds list', A1);
    expect(replyText(reply)).toMatch(
      /#\d+ Workspace A Post — https:\/\/a\.example\/rss · digest · last fetch 2026-11-27 11:30 UTC, 3 failures \(HTTP 503\)/,
    );
  });

  it('given a disabled feed, then list says how to re-enable it', async () => {
    await world.store.updateFeedState(world.feedA, { disabled: true, failures: 10 });
    expect(replyText(await world.run('/feeds', A1))).toContain(`DISABLED after 10 failures`);
  });

  it('given a channel with no subscriptions, then list names the global feeds it falls back to', async () => {
    const text = replyText(await world.run('/feeds list', A2));
    expect(text).toContain('No subscriptions here');
    expect(text).toContain('Global Wire');
  });

  it('given list without manage rights, then it still answers', async () => {
    expect((await world.run('/feeds list', A1, false)).visibility).toBe('public');
  });
});

describe('/feeds add', () => {
  it('given a manager adds a URL with mode each, then the feed service checks it and the channel subscribes', async () => {
    const reply = await world.run('/feeds add https://new.example/rss each backfill:3', A2, true);
    expect(world.feeds.added).toEqual(['https://new.example/rss']);
    const subs = await world.store.listSubscriptions(A2);
    expect(subs).toHaveLength(1);
    expect(subs[0]).toMatchObject({ mode: 'each', backfill: 3 });
    expect(replyText(reply)).toMatch(/each new article will be posted here.*latest 3 items/);
  });

  it('given no mode, then the subscription is a digest', async () => {
    await world.run('/feeds add https://new.example/rss', A2, true);
    expect((await world.store.listSubscriptions(A2))[0]?.mode).toBe('digest');
  });

  it('given a user without manage rights, then it is refused and nothing is fetched', async () => {
    const error = await refusal(world.run('/feeds add https://new.example/rss', A2, false));
    expect(error.identifier).toBe('needs-manage');
    expect(world.feeds.added).toEqual([]);
  });

  it.each([
    ['/feeds add', 'missing-url'],
    ['/feeds add not-a-url', 'bad-url'],
    ['/feeds add file:///etc/passwd', 'bad-scheme'],
    ['/feeds add ftp://example.com/feed', 'bad-scheme'],
    [`/feeds add https://example.com/${'a'.repeat(2100)}`, 'url-too-long'],
    ['/feeds add https://example.com/rss backfill:99', 'bad-backfill'],
  ])('given %s, then a UserError %s explains it before any fetch', async (line, identifier) => {
    const error = await refusal(world.run(line, A2, true));
    expect(error.identifier).toBe(identifier);
    expect(world.feeds.added).toEqual([]);
  });

  it(`given a channel with ${MAX_FEEDS_PER_CHANNEL} feeds, then another add is refused`, async () => {
    for (let i = 0; i < MAX_FEEDS_PER_CHANNEL; i++) {
      const feed = await world.store.upsertFeed({ url: `https://f${i}.example/rss`, global: false });
      await world.store.subscribe({ channel: A2, feedId: feed.id, mode: 'digest' });
    }
    const error = await refusal(world.run('/feeds add https://one-more.example/rss', A2, true));
    expect(error.identifier).toBe('too-many-feeds');
  });
});

describe('/feeds remove and enable', () => {
  it('given remove with the number from the list, then the subscription goes', async () => {
    await world.run(`/feeds remove #${world.feedA}`, A1, true);
    expect(await world.store.listSubscriptions(A1)).toEqual([]);
  });

  it('given remove by URL, then it works too', async () => {
    await world.run('/feeds remove https://a.example/rss', A1, true);
    expect(await world.store.listSubscriptions(A1)).toEqual([]);
  });

  it('given a feed of another workspace, then remove says this channel has no such feed', async () => {
    const error = await refusal(world.run(`/feeds remove ${world.feedB}`, A1, true));
    expect(error.identifier).toBe('unknown-feed');
  });

  it('given remove without manage rights, then it is refused', async () => {
    expect((await refusal(world.run(`/feeds remove ${world.feedA}`, A1))).identifier).toBe('needs-manage');
  });

  it('given enable on a disabled feed, then the feed service re-enables it', async () => {
    await world.store.updateFeedState(world.feedA, { disabled: true, failures: 10 });
    const reply = await world.run(`/feeds enable ${world.feedA}`, A1, true);
    expect(world.feeds.enabled).toEqual([world.feedA]);
    expect(replyText(reply)).toContain('Re-enabled');
    expect((await world.store.getFeed(world.feedA))?.disabled).toBe(false);
  });
});

describe('/feeds add limits', () => {
  it('given a user who added the hourly maximum, then the next add is refused until the hour passes', async () => {
    const { createRateLimiter } = await import('../../commands/support/rate-limit.ts');
    const { feeds } = await import('../../commands/feeds.ts');
    const limiter = createRateLimiter();
    const ctx = () => ({ ...world.ctx(A2, true), limiter, limits: { feedAddsPerUserPerHour: 2 } });
    await feeds.run({ action: 'add', target: 'https://one.example/rss' }, ctx());
    await feeds.run({ action: 'add', target: 'https://two.example/rss' }, ctx());
    const error = await refusal(feeds.run({ action: 'add', target: 'https://three.example/rss' }, ctx()));
    expect(error.identifier).toBe('rate-limited');
    expect(world.feeds.added).toHaveLength(2);
    world.clock.now = new Date(world.clock.now.getTime() + 3_600_001);
    await feeds.run({ action: 'add', target: 'https://three.example/rss' }, ctx());
    expect(world.feeds.added).toHaveLength(3);
  });

  it('given a configured per-channel limit, then it replaces the default', async () => {
    const { feeds } = await import('../../commands/feeds.ts');
    const ctx = { ...world.ctx(A1, true), limits: { feedsPerChannel: 1 } };
    const error = await refusal(feeds.run({ action: 'add', target: 'https://two.example/rss' }, ctx));
    expect(error.message).toMatch(/already has 1 feed\./);
  });
});

describe('/feeds resume', () => {
  it('given a channel paused after lost access, then list says so and a manager resumes it with its schedule', async () => {
    await world.store.upsertSchedule({ channel: A1, cron: '0 8 * * *', timezone: 'UTC' });
    await world.store.setChannelPaused(A1, true);
    expect(replyText(await world.run('/feeds list', A1))).toContain('digest (paused: /feeds resume)');
    expect((await refusal(world.run('/feeds resume', A1))).identifier).toBe('needs-manage');

    const reply = await world.run('/feeds resume', A1, true);
    expect(replyText(reply)).toContain('Resumed');
    expect((await world.store.listSubscriptions(A1)).map((s) => s.paused)).toEqual([false]);
    expect((await world.store.listSchedules()).map((s) => s.paused)).toEqual([false]);
  });

  it('given a channel that was not paused, then resume says nothing was', async () => {
    expect(replyText(await world.run('/feeds resume', A1, true))).toContain('Nothing here was paused');
  });
});
