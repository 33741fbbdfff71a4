import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Block } from '../../src/briefing/blocks.ts';
import { A2, makeWorld, replyText, SEED_SPEC, type World } from './world.ts';

let world: World;
beforeEach(async () => {
  world = await makeWorld();
});
afterEach(async () => {
  await world.store.close();
});

const titles = (blocks: Block[]) =>
  blocks.filter((b): b is Extract<Block, { type: 'story' }> => b.type === 'story').map((b) => b.title);

const item = (id: string, hoursAgo: number) => ({
  spec: { title: `Harbour story ${id}`, lede: `The harbour reopened, part ${id}.` },
  seen: new Date(Date.parse('2026-11-27T12:00:00Z') - hoursAgo * 3_600_000),
});

describe('/brief', () => {
  it('given no window and no briefing yet, then it covers the last 24 h by first-seen time', async () => {
    for (const { spec, seen } of [item('fresh', 2), item('old', 30)]) {
      await world.add({ ...spec, feedId: world.globalFeedId }, seen);
    }
    const reply = await world.run('/brief', A2);
    expect(titles(reply.blocks)).toEqual(['Harbour story fresh']);
    expect(replyText(reply)).toContain('the last 24 h');
  });

  it('given a scheduled briefing 3 h ago, then the default window starts there', async () => {
    for (const { spec, seen } of [item('after', 1), item('before', 5)]) {
      await world.add({ ...spec, feedId: world.globalFeedId }, seen);
    }
    await world.store.recordBriefing(A2, new Date('2026-11-27T09:00:00Z'));
    expect(titles((await world.run('/brief', A2)).blocks)).toEqual(['Harbour story after']);
  });

  it('given since:7d, then older articles come back too', async () => {
    for (const { spec, seen } of [item('fresh', 2), item('old', 30)]) {
      await world.add({ ...spec, feedId: world.globalFeedId }, seen);
    }
    expect(titles((await world.run('/brief since:7d', A2)).blocks).sort()).toEqual([
      'Harbour story fresh',
      'Harbour story old',
    ]);
  });

  it('given the seed story, then the digest shows who claims what side by side', async () => {
    await world.add({ ...SEED_SPEC, feedId: world.globalFeedId }, new Date('2026-11-27T11:00:00Z'));
    const reply = await world.run('/brief', A2);
    expect(reply.visibility).toBe('public');
    const dispute = reply.blocks.find((b): b is Extract<Block, { type: 'dispute' }> => b.type === 'dispute');
    expect(dispute?.sides.map((s) => s.label).sort()).toEqual(['Moscow', 'a senior US source']);
  });

  it('given nothing new, then the private answer says so and suggests a longer window', async () => {
    const reply = await world.run('/brief', A2);
    expect(reply.visibility).toBe('private');
    expect(replyText(reply)).toMatch(/Nothing new.*since:7d/);
  });

  it('given a topic, then only matching articles are briefed', async () => {
    await world.add({ ...SEED_SPEC, feedId: world.globalFeedId }, new Date('2026-11-27T11:00:00Z'));
    await world.add({ ...item('x', 1).spec, feedId: world.globalFeedId }, new Date('2026-11-27T11:00:00Z'));
    expect(titles((await world.run('/brief Ukraine', A2)).blocks)).toEqual([SEED_SPEC.title]);
  });
});
