import { describe, expect, it } from 'vitest';
import type { ChannelKey } from '../../src/store/port.ts';
import { type StoreHarness, useFixture } from './harness.ts';

const general: ChannelKey = { platform: 'discord', workspace: 'guild-1', channel: 'general' };
const news: ChannelKey = { platform: 'discord', workspace: 'guild-1', channel: 'news' };
const otherGuild: ChannelKey = { platform: 'discord', workspace: 'guild-2', channel: 'general' };
const slackSameId: ChannelKey = { platform: 'slack', workspace: 'guild-1', channel: 'general' };

/** Subscriptions and tenancy, pause, schedules, delivery claims and briefing records. */
export function channelContract(harness: StoreHarness): void {
  const fixture = useFixture(harness);

  describe('subscriptions and tenancy', () => {
    it('given subscriptions across guilds and platforms, then a workspace sees only the feeds subscribed inside it', async () => {
      const { store } = await fixture();
      const [f1, f2, f3, f4] = await Promise.all(
        [1, 2, 3, 4].map((n) => store.upsertFeed({ url: `https://t.example/${n}`, global: false })),
      );
      if (!f1 || !f2 || !f3 || !f4) throw new Error('feeds not created');
      await store.subscribe({ channel: general, feedId: f1.id, mode: 'digest' });
      await store.subscribe({ channel: news, feedId: f2.id, mode: 'each', backfill: 3 });
      await store.subscribe({ channel: news, feedId: f1.id, mode: 'digest' });
      await store.subscribe({ channel: otherGuild, feedId: f3.id, mode: 'digest' });
      await store.subscribe({ channel: slackSameId, feedId: f4.id, mode: 'digest' });

      expect(await store.workspaceFeedIds('discord', 'guild-1')).toEqual([f1.id, f2.id]);
      expect(await store.workspaceFeedIds('discord', 'guild-2')).toEqual([f3.id]);
      expect(await store.workspaceFeedIds('slack', 'guild-1')).toEqual([f4.id]);
      expect(await store.workspaceFeedIds('discord', 'guild-9')).toEqual([]);
      const newsSubs = await store.listSubscriptions(news);
      expect(newsSubs.map((s) => [s.feedId, s.mode, s.backfill, s.paused])).toEqual([
        [f1.id, 'digest', 0, false],
        [f2.id, 'each', 3, false],
      ]);
      expect(newsSubs[0]?.createdAt).toBeInstanceOf(Date);
      expect((await store.subscriptionsForFeed(f1.id)).map((s) => s.channel.channel)).toEqual([
        'general',
        'news',
      ]);
    });

    it('given a subscription, when it is subscribed again or removed, then mode updates, backfill is kept, removal reports', async () => {
      const { store } = await fixture();
      const feed = await store.upsertFeed({ url: 'https://u.example/rss', global: false });
      await store.subscribe({ channel: general, feedId: feed.id, mode: 'each', backfill: 5 });
      const changed = await store.subscribe({ channel: general, feedId: feed.id, mode: 'digest' });
      expect(changed).toMatchObject({ mode: 'digest', backfill: 5, channel: general, feedId: feed.id });
      expect(await store.listSubscriptions(general)).toHaveLength(1);
      expect(await store.unsubscribe(general, feed.id)).toBe(true);
      expect(await store.unsubscribe(general, feed.id)).toBe(false);
      expect(await store.listSubscriptions(general)).toEqual([]);
    });

    it('given a channel losing access, when paused and resumed, then only its subscriptions and schedule change', async () => {
      const { store } = await fixture();
      const feed = await store.upsertFeed({ url: 'https://v.example/rss', global: false });
      await store.subscribe({ channel: general, feedId: feed.id, mode: 'digest' });
      await store.subscribe({ channel: news, feedId: feed.id, mode: 'digest' });
      await store.upsertSchedule({ channel: general, cron: '0 8 * * *', timezone: 'Europe/Kyiv' });
      await store.upsertSchedule({ channel: news, cron: '0 9 * * *', timezone: 'UTC' });
      expect(await store.setChannelPaused(general, true)).toBe(true);
      // Found lost again while paused: nothing changes, and the caller can tell.
      expect(await store.setChannelPaused(general, true)).toBe(false);
      expect(await store.setChannelPaused({ ...general, channel: 'empty' }, true)).toBe(false);
      expect((await store.listSubscriptions(general))[0]?.paused).toBe(true);
      expect((await store.listSubscriptions(news))[0]?.paused).toBe(false);
      expect((await store.listSchedules()).map((s) => [s.channel.channel, s.paused])).toEqual([
        ['general', true],
        ['news', false],
      ]);
      expect(await store.setChannelPaused(general, false)).toBe(true);
      expect(await store.setChannelPaused(general, false)).toBe(false);
      expect((await store.listSubscriptions(general))[0]?.paused).toBe(false);
      expect((await store.listSchedules()).every((s) => !s.paused)).toBe(true);
    });
  });

  describe('guild removal', () => {
    it('given the bot removed from a guild, when its workspace is paused, then only that guild and platform pause', async () => {
      const { store } = await fixture();
      const feed = await store.upsertFeed({ url: 'https://w.example/rss', global: false });
      for (const channel of [general, news, otherGuild, slackSameId])
        await store.subscribe({ channel, feedId: feed.id, mode: 'digest' });
      await store.upsertSchedule({ channel: news, cron: '0 9 * * *', timezone: 'UTC' });
      await store.setWorkspacePaused('discord', 'guild-1', true);
      const paused = async (channel: ChannelKey) => (await store.listSubscriptions(channel))[0]?.paused;
      expect(await paused(general)).toBe(true);
      expect(await paused(news)).toBe(true);
      expect(await paused(otherGuild)).toBe(false);
      expect(await paused(slackSameId)).toBe(false);
      expect((await store.listSchedules()).map((s) => s.paused)).toEqual([true]);
    });
  });

  describe('schedules', () => {
    it('given a channel schedule, when replaced, run and deleted, then the id is kept and the run time recorded', async () => {
      const { store } = await fixture();
      const first = await store.upsertSchedule({ channel: general, cron: '0 8 * * *', timezone: 'UTC' });
      const replaced = await store.upsertSchedule({
        channel: general,
        cron: '30 7 * * 1-5',
        timezone: 'Europe/Paris',
      });
      expect(replaced).toEqual({ ...first, cron: '30 7 * * 1-5', timezone: 'Europe/Paris' });
      const ran = new Date('2026-03-02T06:30:00.000Z');
      await store.markScheduleRun(first.id, ran);
      expect(await store.listSchedules()).toEqual([{ ...replaced, lastRunAt: ran }]);
      expect(await store.deleteSchedules(news)).toBe(0);
      expect(await store.deleteSchedules(general)).toBe(1);
      expect(await store.listSchedules()).toEqual([]);
    });
  });

  describe('deliveries', () => {
    it('given a delivery key, when claimed twice, then only the first claim wins, per channel', async () => {
      const { store } = await fixture();
      expect(await store.claimDelivery('article:1', general)).toBe(true);
      expect(await store.claimDelivery('article:1', general)).toBe(false);
      expect(await store.claimDelivery('article:1', news)).toBe(true);
      expect(await store.claimDelivery('article:2', general)).toBe(true);
    });

    it('given many parallel claims of one key, then exactly one wins', async () => {
      const { store } = await fixture();
      const results = await Promise.all(
        Array.from({ length: 40 }, () => store.claimDelivery('briefing:w1', general)),
      );
      expect(results.filter(Boolean)).toHaveLength(1);
    });

    it('given a failed post, when the claim is released, then the next claim wins again', async () => {
      const { store } = await fixture();
      expect(await store.claimDelivery('article:7', general)).toBe(true);
      await store.releaseDelivery('article:7', general);
      expect(await store.claimDelivery('article:7', general)).toBe(true);
      expect(await store.claimDelivery('article:7', general)).toBe(false);
    });

    it('given a leased claim, when it expires unsent it can be taken over once, and once completed never again', async () => {
      const { store, clock } = await fixture();
      expect(await store.claimDelivery('article:9', general, { leaseMs: 60_000 })).toBe(true);
      expect(await store.claimDelivery('article:9', general, { leaseMs: 60_000 })).toBe(false);
      clock.advance(60_001);
      const takeovers = await Promise.all(
        Array.from({ length: 10 }, () => store.claimDelivery('article:9', general, { leaseMs: 60_000 })),
      );
      expect(takeovers.filter(Boolean)).toHaveLength(1);
      await store.completeDelivery('article:9', general);
      clock.advance(10 * 60_000);
      expect(await store.claimDelivery('article:9', general, { leaseMs: 60_000 })).toBe(false);
      await store.releaseDelivery('article:9', general);
      expect(await store.claimDelivery('article:9', general)).toBe(false);
    });

    it('given a permanent claim, when time passes, then a leased claim cannot take it over', async () => {
      const { store, clock } = await fixture();
      expect(await store.claimDelivery('article:3', general)).toBe(true);
      clock.advance(24 * 3_600_000);
      expect(await store.claimDelivery('article:3', general, { leaseMs: 1 })).toBe(false);
    });
  });

  describe('briefings sent', () => {
    it('given briefings recorded out of order, then the last briefing is the latest, per channel', async () => {
      const { store } = await fixture();
      expect(await store.lastBriefingAt(general)).toBeNull();
      const late = new Date('2026-03-02T08:00:00.000Z');
      await store.recordBriefing(general, late);
      await store.recordBriefing(general, new Date('2026-03-01T08:00:00.000Z'));
      expect(await store.lastBriefingAt(general)).toEqual(late);
      expect(await store.lastBriefingAt(news)).toBeNull();
    });
  });
}
